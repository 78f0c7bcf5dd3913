"""RSS 2.0 and Atom feeds of a search: `/es/feed/?q=…&country=…` follows that search.

They take the query and facet parameters of the search page and ask the same search service,
newest first. Without a `type` parameter a feed carries practices and toolkits.
"""

from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Page

from search import service
from search.facets import FACETS
from search.visibility import public_now

FEED_SIZE = 30
DEFAULT_TYPES = ["practice", "toolkit"]


def search_parameters(params):
    """The query and facet parameters of a search, as (name, value) pairs."""
    pairs = [("q", params["q"])] if params.get("q", "").strip() else []
    return pairs + [(name, value) for name in FACETS for value in params.getlist(name)]


class SearchFeed(Feed):
    def get_object(self, request, *args, **kwargs):
        params = request.GET
        filters = {name: params.getlist(name) for name in FACETS if params.getlist(name)}
        filters.setdefault("type", DEFAULT_TYPES)
        response = service.search(
            params.get("q", ""),
            language=get_language(),
            filters=filters,
            sort="date",
            page_size=FEED_SIZE,
            facets=False,
            suggest=False,
            promote=False,
        )
        pages = public_now(Page.objects.filter(pk__in=[hit.page_id for hit in response.hits]))
        pages = {page.pk: page for page in pages}
        response.items = [
            (hit, pages[hit.page_id]) for hit in response.hits if hit.page_id in pages
        ]
        response.parameters = search_parameters(params)
        return response

    def title(self, obj):
        if obj.query:
            return _("Knowledge Hub: %(query)s") % {"query": obj.query}
        return _("Knowledge Hub: latest good practices")

    def description(self, obj):
        return _("Good practices on migration in South America, newest first.")

    subtitle = description

    def link(self, obj):
        query = urlencode(obj.parameters)
        return reverse("search") + (f"?{query}" if query else "")

    def items(self, obj):
        return obj.items

    def item_title(self, item):
        hit, _page = item
        return (
            f"{hit.title} ({hit.type_label})"
            if hit.type in ("lesson", "recommendation")
            else hit.title
        )

    def item_description(self, item):
        return strip_tags(item[0].snippet)

    def item_link(self, item):
        return item[0].url

    def item_pubdate(self, item):
        return item[1].first_published_at

    def item_updateddate(self, item):
        return item[1].last_published_at

    def item_categories(self, item):
        return item[0].countries


class AtomSearchFeed(SearchFeed):
    feed_type = Atom1Feed
