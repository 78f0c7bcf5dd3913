"""sitemap.xml covering the pages public right now of every language tree."""

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from practices.visibility import public_now


class HubSitemap(Sitemap):
    def items(self):
        trees = Q()
        for home in self.get_wagtail_site().root_page.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        pages = public_now(Page.objects.filter(trees)).order_by("path")
        return pages.defer_streamfields().specific()
