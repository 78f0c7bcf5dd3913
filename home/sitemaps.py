"""sitemap.xml: the pages public right now of every language tree, each with its language
alternates."""

from django.db.models import Q

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from practices.metadata import language_alternates
from search.visibility import public_now


class HubSitemap(Sitemap):
    def items(self):
        trees = Q()
        for home in self.get_wagtail_site().root_page.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        pages = public_now(Page.objects.filter(trees)).order_by("path")
        return pages.defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        """Wagtail's URLs plus `xhtml:link` alternates: the page's other public versions."""
        items = list(self.paginator.page(page).object_list)
        versions = {}
        for item in public_now(
            Page.objects.filter(translation_key__in=[item.translation_key for item in items])
        ).select_related("locale"):
            versions.setdefault(item.translation_key, {})[item.locale.language_code] = item
        urls = []
        for item in items:
            alternates = language_alternates(
                versions.get(item.translation_key, {}),
                getattr(item, "original_language", None),
                self.request,
            )
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 2:  # more than one language (and x-default)
                    url_info["alternates"] = [
                        {"lang_code": code, "location": url} for code, url in alternates
                    ]
                urls.append(url_info)
        lastmods = {url.get("lastmod") for url in urls}
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
