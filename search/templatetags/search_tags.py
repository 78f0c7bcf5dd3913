"""Template tags of the search app."""

from django import template

from ..related import related_practices as related

register = template.Library()


@register.simple_tag
def related_practices(page, limit=5):
    """The live, public practices related to a practice page, in its language if translated."""
    return related(page, limit)
