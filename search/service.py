"""The search service: the one entry point of the search page, the JSON API, the practice
listing and the lessons library. Which engine runs is a setting; nothing here branches on it.

    from search.service import search
    response = search("emprendimiento", language="pt", filters={"country": ["EC"]})
"""

import logging
import time
from dataclasses import dataclass, field, replace
from functools import wraps

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import override

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from . import caching
from .analysis import fold, tokens
from .declarations import LABELS_GROUP
from .engines import EngineError, EngineTimeout, Plan, fallback_engine, get_engine
from .facets import FACETS, TYPE_ORDER, language_codes
from .highlight import SNIPPET_WORDS, highlight, stored_terms
from .indexer import remove_expired
from .labels import canonical, clean_filters, facet_labels
from .models import SLOTS, IndexState, SearchDocument
from .query import MAX_QUERY_LENGTH, meaning_key, parse
from .semantic import meaning_unavailable, query_vector
from .suggest import correct, languages_of
from .visibility import public_now, version_rank

logger = logging.getLogger(__name__)

MAX_PAGE = 500
MAX_PAGE_SIZE = 50
EXPORT_LIMIT = 5000  # results of one export (search_all)
SORTS = ("relevance", "date", "title")
PRACTICE_KINDS = {"practice", "lesson", "recommendation"}
MATCH_FIELDS = ("type", "number", "url", "snippet")
MATCH_SNIPPET_WORDS = 24


@dataclass
class Hit:
    type: str
    title: str
    url: str
    locale: str
    snippet: str  # escaped HTML with <mark>
    title_html: str
    page_id: int
    practice_id: str | None
    translation_key: str
    number: int
    original_language: str
    language_label: str
    type_label: str
    countries: list = field(default_factory=list)
    year: int | None = None
    text: str = ""
    score: float = 0.0
    matches: list = field(default_factory=list)  # the practice's matching lessons, as dicts

    def as_json(self):
        return {
            "type": self.type,
            "title": self.title,
            "url": self.url,
            "locale": self.locale,
            "snippet": str(self.snippet),
            "page_id": self.page_id,
            "practice_id": self.practice_id,
            "number": self.number or None,
            "original_language": self.original_language,
            "matches": [
                {key: str(match[key]) if key == "snippet" else match[key] for key in MATCH_FIELDS}
                for match in self.matches
            ],
        }


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False

    def as_json(self):
        return {"value": self.value, "label": self.label, "count": self.count}


@dataclass
class SearchResponse:
    query: str
    language: str
    count: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    suggestion: str | None = None
    corrected: bool = False
    changes: list = field(default_factory=list)  # [(word as typed, replacement)]
    relaxed: bool = False
    notice: str | None = None
    engine: str = ""
    promotions: list = field(default_factory=list)
    took_ms: float = 0.0

    @property
    def paginated(self):
        """A Django paginator page (for templates/includes/pagination.html)."""
        paginator = Paginator(_Counted(self.count), self.page_size)
        return PaginatorPage(self.hits, self.page, paginator)

    def as_json(self):
        return {
            "count": self.count,
            "page": self.page,
            "page_size": self.page_size,
            "results": [hit.as_json() for hit in self.hits],
            "facets": {
                name: [value.as_json() for value in values] for name, values in self.facets.items()
            },
            "suggestion": self.suggestion,
            "corrected": self.corrected,
            "changes": [{"from": typed, "to": fixed} for typed, fixed in self.changes],
            "promotions": self.promotions,
            "notice": self.notice,
        }


class _Counted:
    """Stands in for an object list when only its length is known."""

    def __init__(self, count):
        self._count = count

    def count(self):
        return self._count

    def __len__(self):
        return self._count


def labels_for(language):
    return caching.memo(LABELS_GROUP, ("facets", language), lambda: facet_labels(language))


def language_options():
    return [(code, name) for code, name in settings.LANGUAGES[:SLOTS]]


def visitor_language(language):
    codes = language_codes()
    return language if language in codes else settings.LANGUAGE_CODE


#: Seconds a failed engine is skipped before it is tried again (circuit breaker).
FAILED_ENGINE_PAUSE = 30.0
_failed_until = {}  # engine name -> time.monotonic() until which it is skipped


def _engines():
    """The configured engine, then its fallbacks; an engine that failed lately is skipped."""
    engine = get_engine()
    now = time.monotonic()
    while engine is not None:
        if _failed_until.get(engine.name, 0.0) <= now:
            yield engine
        engine = fallback_engine(engine)


def forget_engine_failures():
    """Try every engine again at once, ending the circuit breaker's pauses (used by tests)."""
    _failed_until.clear()


def _failed(engine, error):
    logger.warning("Search engine %s failed: %s", engine.name, error)
    _failed_until[engine.name] = time.monotonic() + FAILED_ENGINE_PAUSE


def _reduced_notice(engine):
    if not engine.ranks:
        return _(
            "Search is running in a reduced mode right now: results may be less complete "
            "and are ordered by date."
        )
    return _("Search is running in a reduced mode right now: results may be less complete.")


def _run(plan):
    """Ask the configured engine; on failure the fallbacks, with a notice for the visitor."""
    configured = get_engine()
    for engine in _engines():
        try:
            result = engine.search(plan)
        except EngineTimeout:
            raise  # a slower engine would not answer sooner
        except EngineError as error:
            _failed(engine, error)
            continue
        return result, engine, None if engine is configured else _reduced_notice(engine)
    raise EngineError("no search engine could answer")


def _visible(queryset):
    """The documents whose pages are public right now (re-checked at query time: the index
    may still hold an expired page until `publish_scheduled` runs), as a list. The rule is
    checked on these documents' pages only: as a subquery SQLite checked every page of the
    site (17 ms a search at 10k practices, docs/performance.md)."""
    documents = list(queryset.defer("terms_tags", "ac"))
    pages = {document.page_id for document in documents}
    public = set(public_now(Page.objects.filter(pk__in=pages)).values_list("pk", flat=True))
    return [document for document in documents if document.page_id in public]


def _display_documents(result, language):
    """The version of each result unit a visitor of `language` sees, in result order."""
    units = [unit for unit, _score in result.units]
    if not units:
        return []
    if result.display:  # the engine chose the versions already: fetch those rows only
        documents = _visible(SearchDocument.objects.filter(pk__in=list(result.display.values())))
        by_id = {document.pk: document for document in documents}
        chosen = []
        for unit, score in result.units:
            document = by_id.get(result.display.get(unit))
            if document is not None:
                document.parts = [
                    by_id[result.display[part]]
                    for part in result.matches.get(unit, ())
                    if result.display.get(part) in by_id
                ]
                chosen.append((document, score))
        return chosen
    codes = language_codes()
    by_unit = {}
    parts = [part for found in result.matches.values() for part in found]
    for document in _visible(SearchDocument.objects.filter(unit_id__in=units + parts)):
        by_unit.setdefault(document.unit_id, []).append(document)

    def rank(document):
        slot = document.slot
        return (*version_rank(codes[slot], language, document.original_language), slot)

    def version(unit):
        versions = [d for d in by_unit.get(unit, ()) if result.allowed_slots >> d.slot & 1]
        return min(versions, key=rank) if versions else None

    chosen = []
    for unit, score in result.units:
        document = version(unit)
        if document is not None:
            document.parts = [p for p in map(version, result.matches.get(unit, ())) if p]
            chosen.append((document, score))
    return chosen


def _hits(documents, parsed, labels, language, snippet_words=SNIPPET_WORDS, highlights=None):
    terms = parsed.highlight_terms if parsed else frozenset()
    highlights = highlights or {}
    hits = []
    for document, score in documents:
        countries, year = [], None
        for token in document.facet_tokens.split():
            if token.startswith("zzc"):
                code = token[3:].upper()
                countries.append(labels["country"].get(code, code))
            elif token.startswith("zzy"):
                year = int(token[3:])
        practice = document.kind in PRACTICE_KINDS
        snippet = highlights.get(document.id) if snippet_words else None
        if snippet is None:
            stored = stored_terms(document.terms_lead, document.terms_body)
            snippet = highlight(document.text, terms, document.locale, snippet_words, stored)
        hits.append(
            Hit(
                type=document.kind,
                title=document.title,
                url=document.url,
                locale=document.locale,
                snippet=snippet,
                title_html=highlight(
                    document.title,
                    terms,
                    document.locale,
                    words=None,
                    terms=stored_terms(document.terms_title) if document.terms_title else None,
                ),
                page_id=document.page_id,
                practice_id=str(document.translation_key) if practice else None,
                translation_key=str(document.translation_key),
                number=document.number,
                original_language=document.original_language,
                language_label=labels["language"].get(document.locale, document.locale),
                type_label=labels["type"].get(document.kind, document.kind),
                countries=countries,
                year=year,
                text=document.text,
                score=score,
                matches=[
                    {
                        "type": part.kind,
                        "number": part.number,
                        "url": part.url,
                        "snippet": highlight(
                            part.text,
                            terms,
                            part.locale,
                            MATCH_SNIPPET_WORDS,
                            stored_terms(part.terms_lead, part.terms_body),
                        ),
                        "type_label": labels["type"].get(part.kind, part.kind),
                        "locale": part.locale,
                    }
                    for part in getattr(document, "parts", ())
                ],
            )
        )
    return hits


def _facets(counts, filters, labels):
    facets = {}
    for name in FACETS:
        values = counts.get(name, {})
        known = {canonical(value): value for value in labels[name]}
        chosen = set(filters.get(name, ()))
        entries = {}
        for raw, count in values.items():
            value = raw if name == "year" else known.get(raw)
            if value is None:
                continue
            label = labels[name].get(value, value)
            entries[value] = FacetValue(value, label, count, value in chosen)
        for value in chosen:
            if value not in entries:
                entries[value] = FacetValue(value, labels[name].get(value, value), 0, True)
        ordered = list(entries.values())
        if name == "year":
            ordered.sort(key=lambda v: v.value, reverse=True)
        elif name == "gcm":
            ordered.sort(key=lambda v: int(v.value))
        elif name == "type":
            ordered.sort(key=lambda v: TYPE_ORDER.index(v.value))
        elif name == "language":
            ordered.sort(key=lambda v: language_codes().index(v.value))
        else:
            ordered.sort(key=lambda v: (-v.count, fold(v.label)))
        if ordered:
            facets[name] = ordered
    return facets


_promoted = {"queries": None, "expires": 0.0}
PROMOTIONS_TTL = 60  # seconds; saving a promotion clears this process's copy at once


def promoted_queries():
    """{meaning key: [query strings]} of the queries that have promotions, cached briefly
    per process: a promotion for "salud" also answers "health" and "saúde"."""
    now = time.monotonic()
    if _promoted["queries"] is None or now > _promoted["expires"]:
        queries = {}
        for text in set(SearchPromotion.objects.values_list("query__query_string", flat=True)):
            queries.setdefault(meaning_key(text), []).append(text)
        _promoted["queries"] = queries
        _promoted["expires"] = now + PROMOTIONS_TTL
    return _promoted["queries"]


def forget_promotions(**kwargs):
    _promoted["queries"] = None


def promotions(query, language):
    """Staff-pinned results for this query or one meaning the same: live, public, in the
    visitor's language if possible; those pinned for the exact words first."""
    if not query:
        return []
    normalised = normalise_query_string(query)
    strings = promoted_queries().get(meaning_key(query))
    if not strings:
        return []
    strings = sorted(strings, key=lambda text: text != normalised)
    picks = sorted(
        SearchPromotion.objects.filter(query__query_string__in=strings).select_related(
            "page__locale", "query"
        ),
        key=lambda pick: (strings.index(pick.query.query_string), pick.sort_order),
    )
    found = []
    seen = set()
    for pick in picks:
        if pick.page_id:
            if pick.page.translation_key in seen:
                continue
            seen.add(pick.page.translation_key)
            versions = list(
                public_now(
                    Page.objects.filter(translation_key=pick.page.translation_key)
                ).select_related("locale")
            )
            if not versions:
                continue
            chosen = pick.page.locale.language_code  # the pinned version stands for the original
            page = min(
                versions,
                key=lambda p: (
                    *version_rank(p.locale.language_code, language, chosen),
                    p.pk != pick.page_id,
                ),
            )
            found.append(
                {
                    "title": page.title,
                    "url": page.get_url(),
                    "description": pick.description,
                    "page_id": page.pk,
                    "locale": page.locale.language_code,
                }
            )
        elif pick.external_link_url and pick.external_link_url not in seen:
            seen.add(pick.external_link_url)
            found.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                    "page_id": None,
                    "locale": None,
                }
            )
    return found


def _as_int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _on_one_index_state(function):
    """Take out what has just expired, then run the search on one index state, read once."""

    @wraps(function)
    def search(*args, **kwargs):
        remove_expired()
        with IndexState.pinned():
            return function(*args, **kwargs)

    return search


@_on_one_index_state
def search(
    query="",
    language=None,
    filters=None,
    sort=None,
    page=1,
    page_size=10,
    facets=True,
    suggest=True,
    promote=True,
    snippet_words=SNIPPET_WORDS,
    max_page_size=MAX_PAGE_SIZE,
):
    """Search every locale; one result per unit, in the visitor's language when translated."""
    started = time.perf_counter()
    language = visitor_language(language or settings.LANGUAGE_CODE)
    query = " ".join((query or "")[:MAX_QUERY_LENGTH].split())
    labels = labels_for(language)
    filters = clean_filters(filters or {}, labels)
    fixed = correct(query) if suggest and query else None
    searched = fixed[0] if fixed else query
    parsed = parse(searched, languages_of)
    sort = sort if sort in SORTS else ("relevance" if parsed else "date")
    if sort == "relevance" and not parsed:
        sort = "date"
    page = min(max(1, _as_int(page, 1)), MAX_PAGE)
    page_size = min(max(1, _as_int(page_size, 10)), max_page_size)
    response = SearchResponse(
        query=query, language=language, filters=filters, sort=sort, page=page, page_size=page_size
    )
    if fixed and parsed:
        response.suggestion, response.corrected, response.changes = fixed[0], True, fixed[1]
    if query and not parsed:
        response.facets = {}
        response.took_ms = (time.perf_counter() - started) * 1000
        return response

    # Meaning joins the words in every relevance search: a single word the documents lack
    # ("jobs" for a page about employment) is found by it; a practice named after the
    # query stays on top (fuse).
    vector = query_vector(searched) if sort == "relevance" else None
    plan = Plan(
        parsed,
        language,
        filters,
        sort,
        (page - 1) * page_size,
        page_size,
        facets,
        vector=vector,
        group=not filters.get("type") or "practice" in filters["type"],
    )
    with override(language):
        try:
            result, engine, notice = _run(plan)
            if result.count == 0 and suggest:
                result, engine, notice, parsed = _forgive(response, plan, result, engine, notice)
        except EngineTimeout:
            logger.warning("Search timed out: %r", query)
            response.notice = _(
                "This search took too long. Try more specific words or fewer filters."
            )
            return response
        except EngineError:
            response.notice = _("Search is unavailable right now. Please try again later.")
            return response
        last_page = max(1, -(-result.count // page_size))
        if page > last_page:  # past the end (a stale link, a hand-edited URL): the last page
            return search(
                query,
                language,
                filters,
                sort,
                last_page,
                page_size,
                facets,
                suggest,
                promote,
                snippet_words,
            )
        response.count = result.count
        response.engine = engine.name
        response.notice = notice
        if sort == "relevance" and meaning_unavailable():
            response.notice = notice or _(
                "Search by meaning is unavailable right now: results match your words only."
            )
        documents = _display_documents(result, language)
        highlights = {doc: mark_safe(html) for doc, html in result.highlights.items()}  # noqa: S308
        response.hits = _hits(documents, parsed, labels, language, snippet_words, highlights)
        response.facets = _facets(result.facets, filters, labels) if facets else {}
        if promote and page == 1:
            response.promotions = promotions(query, language)
    response.took_ms = (time.perf_counter() - started) * 1000
    return response


def search_all(query="", language=None, filters=None, sort=None):
    """The first EXPORT_LIMIT results of a search in one response (exports): the same
    results, order and language versions as paging through `search`, without facets."""
    limit = EXPORT_LIMIT
    return search(
        query,
        language=language,
        filters=filters,
        sort=sort,
        page_size=limit,
        max_page_size=limit,
        facets=False,
        promote=False,
        snippet_words=0,
    )


def _forgive(response, plan, result, engine, notice):
    """Nothing found: accept documents that match any one of the query's concepts."""
    parsed = plan.query
    if result.count == 0 and len(parsed.clauses) > 1:
        relaxed = replace(plan, query=parsed.relaxed())
        retried, retried_engine, retried_notice = _run(relaxed)
        if retried.count:
            response.relaxed = True
            result, engine, notice, parsed = retried, retried_engine, retried_notice, relaxed.query
    return result, engine, notice, parsed


def autocomplete(text, language=None, limit=8):
    """Titles and taxonomy terms that complete what the visitor is typing."""
    language = visitor_language(language or settings.LANGUAGE_CODE)
    words = [fold(token) for token in tokens((text or "")[:100])][:6]
    if not words or len(words[-1]) < 2:
        return []
    labels = labels_for(language)
    suggestions = []
    for facet in ("theme", "population", "country"):
        for value, label in labels[facet].items():
            label_words = [fold(t) for t in tokens(label)]
            if all(any(w.startswith(word) for w in label_words) for word in words):
                suggestions.append({"type": facet, "label": label, "value": value, "url": None})
    suggestions = suggestions[:3]
    ids = []
    for engine in _engines():
        try:
            ids = engine.autocomplete(words, language, limit * 3)
            break
        except EngineError as error:
            _failed(engine, error)
    units = []
    for doc_id in ids:
        unit = doc_id // SLOTS
        if unit not in units:
            units.append(unit)
    from .engines import EngineResult

    result = EngineResult(count=len(units), units=[(u, 0.0) for u in units[:limit]])
    for document, _score in _display_documents(result, language):
        suggestions.append(
            {"type": document.kind, "label": document.title, "value": None, "url": document.url}
        )
    return suggestions[:limit]
