import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from home import views as home_views
from home.sitemaps import HubSitemap
from practices import views as practice_views
from practices.feeds import AtomSearchFeed, SearchFeed
from practices.models import PracticePage
from practices.oai import oai
from search import export as search_export
from search import views as search_views

from .api import api_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": HubSitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon),
    path("oai/", oai, name="oai"),
    path("api/v2/", api_router.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    path("api/search/", search_views.search_api, name="search_api"),
    path("api/search/export/", search_export.export, name="search_export"),
    path("api/search/autocomplete/", search_views.autocomplete_api, name="search_autocomplete"),
]

urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search, name="search"),
    path(_("feed/"), SearchFeed(), name="practice_feed"),
    path(_("feed/atom/"), AtomSearchFeed(), name="practice_feed_atom"),
    path(_("propose-a-practice/"), practice_views.submit_practice, name="submit_practice"),
    path(_("countries/"), practice_views.country_map, name="country_map"),
    path(
        _("not-translated/<int:page_id>/"),
        home_views.translation_missing,
        name="translation_missing",
    ),
    # <practice url>cite.bib, cite.ris, sheet.pdf: Wagtail's page serving (routable page
    # views), which its own pattern does not reach because of the dot in the file name.
    re_path(
        r"^((?:[\w\-]+/)+(?:" + "|".join(map(re.escape, PracticePage.DOWNLOADS)) + "))$",
        wagtail_views.serve,
        name="page_download",
    ),
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns = (
        staticfiles_urlpatterns()
        + static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
        + urlpatterns
    )
