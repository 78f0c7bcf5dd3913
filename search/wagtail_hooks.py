"""Admin: search analytics reports (the promotions UI is Wagtail's search_promotions)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import can_see_reports


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_reports(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("search-reports/", include(admin_urls, namespace="search_reports"))]


@hooks.register("register_reports_menu_item")
def register_zero_results_report():
    return ReportMenuItem(
        _("Searches without results"),
        reverse("search_reports:zero_results"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def register_popular_searches_report():
    return ReportMenuItem(
        _("Popular searches"),
        reverse("search_reports:popular"),
        name="popular-searches",
        icon_name="search",
        order=1320,
    )
