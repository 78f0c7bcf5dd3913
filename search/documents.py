"""Turn live, public pages into search documents (one per searchable unit).

What a page yields is its model's declaration (`hub_index`, search/declarations.py): the
page, and each item of its `items` relations (a practice's lessons and recommendations),
which share the page's facets and link to its anchors.
"""

import html
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.html import strip_tags

from wagtail.models import Page

from .analysis import LANGUAGES, analyzer, fold, tokens
from .declarations import searchable_models, values
from .facets import facet_token
from .models import SLOTS
from .visibility import is_public_now, public_now

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


def _names(model, terms):
    """Names of taxonomy terms in every hub language, for cross-language matching."""
    names = []
    for language in LANGUAGES:
        names += [(language, term.name) for term in model.localized(terms, language)]
    return names


def _text(page, name):
    field = page._meta.get_field(name)
    if hasattr(field, "stream_block"):
        return stream_text(page, name)
    return plain_text(getattr(page, name))


def units(page):
    """The UnitDocuments of a page, as its model declares them."""
    index = page.hub_index
    language = page.locale.language_code
    tags, facets = [], [("type", index.kind)]
    for declared in index.terms:
        terms = list(getattr(page, declared.relation).all())
        tags += _names(page._meta.get_field(declared.relation).related_model, terms)
        if declared.facet:
            facets += [(declared.facet, getattr(term, declared.value)) for term in terms]
    for path in index.tags:
        tags += [(language, str(text)) for text in values(page, path) if text]
    facets += [
        (declared.facet, getattr(page, declared.field))
        for declared in index.choices
        if getattr(page, declared.field)
    ]
    date = published_date(page)
    if date:
        facets.append(("year", date.year))
    items = [(declared, list(getattr(page, declared.relation).all())) for declared in index.items]
    body = "\n".join(
        [_text(page, name) for name in index.body]
        + [getattr(item, declared.text) for declared, found in items for item in found]
    )
    lead = getattr(page, index.lead) if index.lead else ""
    found = [
        UnitDocument(index.kind, 0, page.title, lead=lead, body=body, tags=tags, facets=facets)
    ]
    for declared, members in items:
        for position, item in enumerate(members):
            number = (position if item.sort_order is None else item.sort_order) + 1
            found.append(
                UnitDocument(
                    declared.kind,
                    number,
                    page.title,
                    lead=getattr(item, declared.text),
                    facets=[("type", declared.kind), *facets[1:]],
                    anchor=f"{item.ANCHOR_PREFIX}-{number}",
                )
            )
    return found


def indexed_models():
    return searchable_models()


def is_indexable(page):
    """A page public right now (live, public, not expired) of an indexed type in a configured language, with a URL.

    Aliases are left out: an alias in another locale shows its source's text, which is
    indexed (and shown with its language label) already.
    """
    return (
        type(page) in searchable_models()
        and page.alias_of_id is None
        and page.locale.language_code in language_slots()
        and is_public_now(page)
    )


def published_date(page):
    date = getattr(page, page.hub_index.date) if page.hub_index.date else None
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
    for unit in units(page):
        titled = not unit.anchor  # the page's own unit; its items are found by their text
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


def indexable_pages(models=None):
    """Querysets of every live, public page to index, with what building needs prefetched."""
    querysets = []
    for model in models or indexed_models():
        queryset = public_now(model.objects.filter(alias_of__isnull=True))
        queryset = queryset.select_related("locale").prefetch_related(*model.hub_index.prefetch)
        querysets.append(queryset.order_by("pk"))
    return querysets


def descendants_and_self(page):
    return Page.objects.filter(path__startswith=page.path, depth__gte=page.depth)
