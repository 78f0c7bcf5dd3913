"""RSS feed of the latest practices, in the visitor's language."""

from django.contrib.syndication.views import Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import PracticePage
from .models.index import in_visitor_language


class LatestPracticesFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Knowledge Hub: latest good practices")

    def description(self):
        return _("Good practices on migration in South America, newest first.")

    def link(self):
        return f"/{get_language()}/"

    def items(self):
        practices = in_visitor_language(PracticePage.objects.all(), get_language())
        return practices.order_by("-published_date", "-pk")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [term.code for term in item.countries.all()]
