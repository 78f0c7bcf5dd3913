"""The public language label of a page (templates/includes/language_status.html)."""

from django import template

from practices.localisation.public_label import public_language_status

register = template.Library()


@register.simple_tag
def language_status(page):
    """Original, human-reviewed or machine translation, and the live original (≤ 2 queries)."""
    return public_language_status(page)
