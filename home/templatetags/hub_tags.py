"""Template tags for the site chrome: navigation, the language switcher, date ranges."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.formats import date_format, get_format_modules
from django.utils.translation import get_language, get_language_info, override

from wagtail.models import Page

from home.navigation import navigation
from practices.models.taxonomy import localize

register = template.Library()


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
            for p in page.get_translations(inclusive=True).live().select_related("locale")
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
