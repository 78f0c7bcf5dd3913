"""Template tags for the site chrome: navigation, the language switcher, date ranges."""

import json
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.formats import date_format, get_format_modules
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override

from wagtail.models import Page

from home.navigation import navigation
from practices.feeds import search_parameters
from practices.metadata import describe, json_ld, language_alternates, public_versions
from practices.models import KnowledgePage
from practices.models.taxonomy import localize
from search.visibility import public_now

register = template.Library()
TRANSLATED_VIEWS = ("search", "country_map", "submit_practice")  # same view in every language
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def home_page():
    """The home page in the active language (falling back to the source language)."""
    return navigation(get_language())[0]


@register.simple_tag
def main_menu():
    return navigation(get_language())[1]


@register.simple_tag
def criteria_url():
    """The selection criteria page in the active language (hub settings), or ""."""
    return navigation(get_language())[2]


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the same page and query string translated, or a 'not translated' notice."""
    request = context["request"]
    page = context.get("page")
    links = []
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = getattr(page, "live_translations", None) or {
            p.locale.language_code: p
            for p in public_now(page.get_translations(inclusive=True)).select_related("locale")
        }
    query = request.META.get("QUERY_STRING", "")
    for code, _name in settings.LANGUAGES:
        if not translations and not isinstance(page, Page):
            # translate_url resolves the path in the active language, so not inside override().
            url = translate_url(request.get_full_path(), code)
            available = True
        else:
            with override(code):
                if code in translations:
                    url = translations[code].get_url(request) + (f"?{query}" if query else "")
                    available = True
                else:
                    url = reverse("translation_missing", args=[page.pk])
                    available = False
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"].capitalize(),
                "url": url,
                "available": available,
                "current": code == get_language(),
            }
        )
    return links


@register.simple_tag(takes_context=True)
def search_feeds(context, kind=None):
    """RSS and Atom URLs following the current search (its query and facets; `kind`: a type)."""
    pairs = search_parameters(context["request"].GET)
    if kind and not any(name == "type" for name, _value in pairs):
        pairs.append(("type", kind))
    query = f"?{urlencode(pairs)}" if pairs else ""
    return {"rss": reverse("practice_feed") + query, "atom": reverse("practice_feed_atom") + query}


@register.inclusion_tag("includes/head_metadata.html", takes_context=True)
def head_metadata(context):
    """Canonical URL, hreflang alternates, OpenGraph and (practices, toolkits) JSON-LD."""
    request = context["request"]
    page = context.get("page")
    if isinstance(page, Page) and page.pk:
        versions = public_versions(page)
        canonical = page.get_full_url(request)
        alternates = language_alternates(
            versions, getattr(page, "original_language", None), request
        )
    else:
        canonical = request.build_absolute_uri(request.path)
        alternates = []
        match = request.resolver_match
        if match and match.url_name in TRANSLATED_VIEWS:
            alternates = [
                (code, request.build_absolute_uri(translate_url(request.path, code)))
                for code, _name in settings.LANGUAGES
            ]
            alternates.append(("x-default", dict(alternates)[settings.LANGUAGE_CODE]))
    structured = None
    if isinstance(page, KnowledgePage) and page.pk and page.live:
        data = json_ld(describe(page, request, versions, context.get("classification")))
        structured = mark_safe(  # noqa: S308 — JSON with <, > and & escaped
            json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
        )
    return {
        "canonical": canonical,
        "alternates": alternates,
        "structured": structured,
        "page": page if isinstance(page, Page) else None,
        "og_type": "article" if isinstance(page, KnowledgePage) else "website",
    }


@register.filter
def localized(terms):
    """Taxonomy terms in the active language."""
    return localize(terms)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, [])


@register.filter
def is_within(page, section):
    """True when page is section or below it."""
    return isinstance(page, Page) and page.url_path.startswith(section.url_path)


@register.filter
def month_span(start, end=None):
    """ "abr. 2021 – mar. 2023": a month-year range in the active language's short form."""
    if not start:
        return ""
    forms = [getattr(module, "SHORT_YEAR_MONTH_FORMAT", None) for module in get_format_modules()]
    form = next(filter(None, forms), "YEAR_MONTH_FORMAT")
    if not end or (end.year, end.month) == (start.year, start.month):
        return date_format(start, form)
    return f"{date_format(start, form)} – {date_format(end, form)}"
