"""Turn live, public pages into search documents (one per searchable unit).

Practice  -> the practice, each lesson learned, each recommendation
Toolkit   -> the toolkit
Standard  -> the page
Lessons and recommendations share their practice's facets and link to its anchors.
"""

import html
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.html import strip_tags

from wagtail.models import Page

from practices.models import PracticePage, ToolkitPage
from practices.models.taxonomy import LABELS_VERSION_KEY, localized_terms
from practices.visibility import is_public_now, public_now

from .analysis import LANGUAGES, analyzer, fold, tokens
from .facets import facet_token
from .models import SLOTS, SearchDocument

Kind = SearchDocument.Kind
_BREAKS = re.compile(r"<(?:br|/p|/li|/h[1-6]|/div|/blockquote|/tr)\b[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def language_slots():
    """Slot of each configured language: its position in settings.LANGUAGES (at most 8)."""
    return {code: n for n, (code, _name) in enumerate(settings.LANGUAGES[:SLOTS])}


def plain_text(value):
    """Plain text of rich text HTML (paragraph breaks kept as new lines)."""
    if not value:
        return ""
    text = html.unescape(strip_tags(_BREAKS.sub("\n", str(value))))
    return "\n".join(line.strip() for line in _SPACES.sub(" ", text).splitlines() if line.strip())


def stream_text(page, name):
    stream = getattr(page, name)
    parts = page._meta.get_field(name).get_searchable_content(stream)
    return "\n".join(plain_text(part) for part in parts if part)


@dataclass
class UnitDocument:
    """Everything indexed about one unit in one language, before it becomes a row."""

    kind: str
    number: int
    title: str
    lead: str = ""
    body: str = ""
    tags: list = field(default_factory=list)  # (language, text): analysed in that language
    facets: list = field(default_factory=list)  # (facet, value)
    anchor: str = ""


_term_maps = {}


def _term_map(language):
    """localized_terms(language), kept in memory until a taxonomy changes (the cache
    unpickles the whole map on every read)."""
    version = cache.get(LABELS_VERSION_KEY, 1)
    key = (language, version)
    mapping = _term_maps.get(key)
    if mapping is None:
        if len(_term_maps) > 12:
            _term_maps.clear()
        mapping = _term_maps[key] = localized_terms(language)
    return mapping


def _names(terms):
    """Names of taxonomy terms in every hub language, for cross-language matching."""
    names = []
    for language in LANGUAGES:
        mapping = _term_map(language)
        for term in terms:
            found = mapping.get((term._meta.label_lower, term.translation_key), term)
            names.append((language, found.name))
    return names


def _practice_units(page):
    themes = list(page.themes.all())
    populations = list(page.populations.all())
    countries = list(page.countries.all())
    objectives = list(page.gcm_objectives.all())
    organisations = [actor.organisation for actor in page.actors.all()]
    language = page.locale.language_code
    tags = _names(themes + populations + countries + objectives)
    tags += [(language, org.name) for org in organisations]
    tags += [(language, text) for text in (page.city, page.subnational_area) if text]
    year = page.published_date.year if page.published_date else None
    facets = (
        [("country", c.code) for c in countries]
        + [("theme", t.slug) for t in themes]
        + [("population", p.slug) for p in populations]
        + [("gcm", o.number) for o in objectives]
        + ([("stage", page.stage)] if page.stage else [])
        + ([("year", year)] if year else [])
    )
    lessons = list(page.lessons.all())
    recommendations = list(page.recommendations.all())
    sections = [
        page.description,
        page.context,
        page.objectives,
        page.methodology,
        page.innovation,
        page.results,
        page.replicability,
        page.sustainability,
        page.gender_diversity,
    ]
    body = "\n".join(
        [plain_text(section) for section in sections]
        + [item.text for item in lessons + recommendations]
    )
    units = [
        UnitDocument(
            Kind.PRACTICE,
            0,
            page.title,
            lead=page.summary,
            body=body,
            tags=tags,
            facets=[("type", Kind.PRACTICE), *facets],
        )
    ]
    for kind, items in ((Kind.LESSON, lessons), (Kind.RECOMMENDATION, recommendations)):
        for position, item in enumerate(items):
            number = (position if item.sort_order is None else item.sort_order) + 1
            units.append(
                UnitDocument(
                    kind,
                    number,
                    page.title,
                    lead=item.text,
                    facets=[("type", kind), *facets],
                    anchor=f"{item.ANCHOR_PREFIX}-{number}",
                )
            )
    return units


def _toolkit_units(page):
    themes = list(page.themes.all())
    populations = list(page.populations.all())
    countries = list(page.countries.all())
    year = page.published_date.year if page.published_date else None
    body = "\n".join(
        [plain_text(page.description), stream_text(page, "steps"), stream_text(page, "resources")]
    )
    facets = (
        [("type", Kind.TOOLKIT)]
        + [("country", c.code) for c in countries]
        + [("theme", t.slug) for t in themes]
        + [("population", p.slug) for p in populations]
        + ([("year", year)] if year else [])
    )
    return [
        UnitDocument(
            Kind.TOOLKIT,
            0,
            page.title,
            lead=page.summary,
            body=body,
            tags=_names(themes + populations + countries),
            facets=facets,
        )
    ]


def _standard_units(page):
    published = page.first_published_at or page.last_published_at
    facets = [("type", Kind.PAGE)] + ([("year", published.year)] if published else [])
    return [
        UnitDocument(
            Kind.PAGE,
            0,
            page.title,
            lead=getattr(page, "summary", ""),
            body=stream_text(page, "body"),
            facets=facets,
        )
    ]


def _builders():
    from home.models import StandardPage

    return {
        PracticePage: _practice_units,
        ToolkitPage: _toolkit_units,
        StandardPage: _standard_units,
    }


def indexed_models():
    return list(_builders())


def is_indexable(page):
    """A page public right now (live, public, not expired) of an indexed type in a configured language, with a URL.

    Aliases are left out: an alias in another locale shows its source's text, which is
    indexed (and shown with its language label) already.
    """
    return (
        type(page) in _builders()
        and page.alias_of_id is None
        and page.locale.language_code in language_slots()
        and is_public_now(page)
    )


def published_date(page):
    date = getattr(page, "published_date", None)
    if date is None:
        moment = page.first_published_at or page.last_published_at
        date = moment.date() if moment else None
    return date


def unit_key(kind, translation_key, number):
    return f"{kind}:{translation_key}:{number}"


def build(page, url=None):
    """(unit key, row, surface words) for each unit of a page; a row is a dict of
    SearchDocument field values without `id` and `unit_id` (the indexer adds them).

    The caller has checked `is_indexable`; `url` saves a lookup when already known.
    """
    page_url = url if url is not None else page.get_url()
    if not page_url:
        return []
    language = page.locale.language_code
    original = getattr(page, "original_language", "") or settings.LANGUAGE_CODE
    analyse = analyzer(language)
    date = published_date(page)
    language_token = facet_token("language", language)
    rows = []
    tokens_of = {}  # a practice's lessons share its facets
    for unit in _builders()[type(page)](page):
        titled = unit.kind in _TITLED
        words = {}
        key = tuple(unit.facets)
        facet_tokens = tokens_of.get(key)
        if facet_tokens is None:
            facet_tokens = [facet_token(facet, value) for facet, value in unit.facets]
            facet_tokens.append(language_token)
            facet_tokens = tokens_of[key] = " ".join(dict.fromkeys(facet_tokens))
        row = {
            "page_id": page.pk,
            "translation_key": page.translation_key,
            "kind": str(unit.kind),
            "number": unit.number,
            "locale": language,
            "original_language": original,
            "title": unit.title[:255],
            "lead": unit.lead,
            "text": "\n".join(part for part in (unit.lead, unit.body) if part),
            "tags": "\n".join(value for _lang, value in unit.tags),
            "url": f"{page_url}#{unit.anchor}" if unit.anchor else page_url,
            "published_date": date,
            "facet_tokens": facet_tokens,
            "terms_title": analyse.text(unit.title, words) if titled else "",
            "terms_lead": analyse.text(unit.lead, words),
            "terms_tags": " ".join(analyzer(lang).text(value) for lang, value in unit.tags),
            "terms_body": analyse.text(unit.body, words),
            "ac": " ".join(fold(t) for t in tokens(unit.title)) if titled else "",
        }
        rows.append((unit_key(unit.kind, page.translation_key, unit.number), row, words))
    return rows


_TITLED = {Kind.PRACTICE, Kind.TOOLKIT, Kind.PAGE}


def indexable_pages(models=None):
    """Querysets of every live, public page to index, with what building needs prefetched."""
    querysets = []
    for model in models or indexed_models():
        queryset = public_now(model.objects.filter(alias_of__isnull=True))
        queryset = queryset.select_related("locale")
        if model is PracticePage:
            queryset = queryset.prefetch_related(
                "lessons",
                "recommendations",
                "themes",
                "populations",
                "countries",
                "gcm_objectives",
                "actors__organisation",
            )
        elif model is ToolkitPage:
            queryset = queryset.prefetch_related("themes", "populations", "countries")
        querysets.append(queryset.order_by("pk"))
    return querysets


def descendants_and_self(page):
    return Page.objects.filter(path__startswith=page.path, depth__gte=page.depth)
