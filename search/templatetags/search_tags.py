"""Template tags of the search app."""

from django import template

from ..export import export_links
from ..related import related_practices as related

register = template.Library()


@register.inclusion_tag("includes/export_links.html")
def download_results(response):
    """ "Download results" links for what a search or listing shows (same parameters)."""
    return {"links": export_links(response)}


@register.simple_tag
def related_practices(page, limit=5):
    """The live, public practices related to a practice page, in its language if translated."""
    return related(page, limit)
