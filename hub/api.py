"""The open read-only API (Wagtail API v2): pages public right now, in every language."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import override

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Site

from practices.visibility import public_now


class HubPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        """Wagtail's live, public pages, less those past their expiry date."""
        return public_now(super().get_base_queryset())

    def find_object(self, queryset, request):
        """`?html_path=` with the site's language prefix (/es/…, /en/…, /pt/…)."""
        components = [part for part in request.GET.get("html_path", "").split("/") if part]
        site = Site.find_for_request(request)
        if components and components[0] in dict(settings.LANGUAGES) and site is not None:
            language, *path = components
            with override(language):
                root = site.root_page.localized.specific
                try:
                    page, _args, _kwargs = root.route(request, path)
                except Http404:
                    return None
            return page if queryset.filter(pk=page.pk).exists() else None
        return super().find_object(queryset, request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HubPagesAPIViewSet)
