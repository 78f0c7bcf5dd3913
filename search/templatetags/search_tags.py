from django import template

from ..export import export_links

register = template.Library()


@register.inclusion_tag("includes/export_links.html")
def download_results(response):
    """ "Download results" links for what a search or listing shows (same parameters)."""
    return {"links": export_links(response)}
