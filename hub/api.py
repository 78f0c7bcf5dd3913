"""The open read-only API (Wagtail API v2): pages public right now, in every language.

Wagtail builds its serializers per request, so drf-spectacular cannot read them: the
operations are described with `extend_schema` (docs/api.md).
"""

from django.conf import settings
from django.http import Http404
from django.utils.translation import override

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Site

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from search.visibility import public_now

PAGE = {
    "type": "object",
    "description": "A page: id, meta (type, locale, html_url, …), title and the fields asked for.",
    "required": ["id", "meta", "title"],
    "properties": {
        "id": {"type": "integer"},
        "meta": {"type": "object", "additionalProperties": True},
        "title": {"type": "string"},
    },
    "additionalProperties": True,
}
LISTING = {
    "type": "object",
    "required": ["meta", "items"],
    "properties": {
        "meta": {
            "type": "object",
            "properties": {"total_count": {"type": "integer", "minimum": 0}},
        },
        "items": {"type": "array", "items": PAGE},
    },
}
ERROR = {"type": "object", "properties": {"message": {"type": "string"}}}


def _query(name, description, kind=OpenApiTypes.STR):
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description)


LISTING_PARAMETERS = [
    _query("type", "Page type, e.g. `practices.PracticePage`; needed to filter on its fields."),
    _query("locale", "Language code: es, en or pt."),
    _query("fields", "Extra fields, comma separated (`*` for all, `-title` to drop one)."),
    _query("search", "Words to search in the pages."),
    _query("order", "A field to order by (`-` for descending) or `random`."),
    _query("child_of", "Pages under this page id.", OpenApiTypes.INT),
    _query("descendant_of", "Pages below this page id.", OpenApiTypes.INT),
    _query("translation_of", "Translations of this page id.", OpenApiTypes.INT),
    _query("limit", "Page size, at most 100.", OpenApiTypes.INT),
    _query("offset", "Items to skip.", OpenApiTypes.INT),
]


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

    @extend_schema(
        operation_id="pages_list",
        summary="Pages public right now, of every language",
        parameters=LISTING_PARAMETERS,
        responses={200: LISTING, 400: ERROR},
        tags=["pages"],
    )
    def listing_view(self, request):
        return super().listing_view(request)

    @extend_schema(
        operation_id="pages_detail",
        summary="One page with all its API fields",
        parameters=[_query("fields", "Fields to add or drop.")],
        responses={200: PAGE, 404: ERROR},
        tags=["pages"],
    )
    def detail_view(self, request, pk):
        return super().detail_view(request, pk)

    @extend_schema(
        operation_id="pages_find",
        summary="Redirect to the page at an HTML path",
        parameters=[_query("html_path", "A path on this site, e.g. /es/practicas/…/")],
        responses={302: None, 404: ERROR},
        tags=["pages"],
    )
    def find_view(self, request):
        return super().find_view(request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", HubPagesAPIViewSet)
