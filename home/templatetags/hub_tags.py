"""Template tags for the site chrome: navigation and the language switcher."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info, override

from wagtail.models import Page

from home.navigation import navigation
from practices.models.taxonomy import localize
from practices.visibility import public_now

register = template.Library()


@register.simple_tag
def home_page():
    """The home page in the active language (falling back to the source language)."""
    return navigation(get_language())[0]


@register.simple_tag
def main_menu():
    return navigation(get_language())[1]


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the same page translated, or a plain 'not translated' notice."""
    request = context["request"]
    page = context.get("page")
    links = []
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = getattr(page, "live_translations", None) or {
            p.locale.language_code: p
            for p in public_now(page.get_translations(inclusive=True)).select_related("locale")
        }
    for code, _name in settings.LANGUAGES:
        with override(code):
            if not translations and not isinstance(page, Page):
                url = translate_url(request.get_full_path(), code)
                available = True
            elif code in translations:
                url = translations[code].get_url(request)
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
