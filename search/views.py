"""The public search page (/es/buscar/, /en/search/, /pt/busca/) and the JSON API.

Both call `search.service`; neither knows which engine runs. The page works without
JavaScript: a GET form for the query, a GET form of facet checkboxes, links for pages.
"""

import json

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from . import analytics, service
from .facets import FACETS, facet_title
from .query import MAX_QUERY_LENGTH

PAGE_SIZE = 10
API_MAX_QUERY = 1000


def _int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _filters(params):
    return {facet: params.getlist(facet) for facet in FACETS if params.getlist(facet)}


@require_GET
def search(request):
    params = request.GET
    query = " ".join(params.get("q", "")[:MAX_QUERY_LENGTH].split())
    filters = _filters(params)
    sort = params.get("sort") if params.get("sort") in service.SORTS else None
    page = _int(params.get("page"), 1)
    response = None
    if query or filters:
        response = service.search(
            query,
            language=get_language(),
            filters=filters,
            sort=sort,
            page=page,
            page_size=PAGE_SIZE,
        )
        if query and page <= 1:  # a further page (even clamped) is not a new search
            analytics.note(query, response.count if not response.corrected else 0)
    facets = []
    if response:
        facets = [
            (name, facet_title(name), response.facets[name])
            for name in FACETS
            if name in response.facets
        ]
    context = {
        "query": query,
        "search": response,
        "results": response.paginated if response else None,
        "facets": facets,
        "sort": response.sort if response else "relevance",
        "sorts": [("relevance", _("Relevance")), ("date", _("Newest first"))],
        "filtered": bool(filters),
    }
    return render(request, "search/search.html", context)


class BadParameter(ValueError):
    """A parameter of the search API that cannot be used (answered with 400)."""


def api_parameters(params):
    """The search service's arguments from /api/search/ parameters (docs/api.md)."""
    query = params.get("q", "")
    if len(query) > API_MAX_QUERY:
        raise BadParameter(f"q is longer than {API_MAX_QUERY} characters")
    language = params.get("lang") or settings.LANGUAGE_CODE  # never the browser's
    if language not in dict(service.language_options()):
        raise BadParameter("lang must be one of " + ", ".join(dict(service.language_options())))
    sort = params.get("sort") or None
    if sort is not None and sort not in service.SORTS:
        raise BadParameter("sort must be one of " + ", ".join(service.SORTS))
    return {"query": query, "language": language, "filters": _filters(params), "sort": sort}


def bad_request(message):
    return HttpResponseBadRequest(json.dumps({"error": message}), content_type="application/json")


def open_api_headers(response):
    """Anyone may read the open API from any site; proxies may keep it a minute."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"
    return response


def _api_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    return open_api_headers(response)


@require_GET
def search_api(request):
    """GET /api/search/?q=&lang=es|en|pt&page=1&page_size=10&country=EC&... (see docs/api.md)."""
    params = request.GET
    try:
        arguments = api_parameters(params)
    except BadParameter as error:
        return bad_request(str(error))
    page = _int(params.get("page", 1), None)
    page_size = _int(params.get("page_size", 10), None)
    if page is None or not 1 <= page <= service.MAX_PAGE:
        return bad_request(f"page must be an integer from 1 to {service.MAX_PAGE}")
    if page_size is None or not 1 <= page_size <= service.MAX_PAGE_SIZE:
        return bad_request(f"page_size must be an integer from 1 to {service.MAX_PAGE_SIZE}")
    response = service.search(**arguments, page=page, page_size=page_size)
    if response.query and page == 1:
        analytics.note(response.query, response.count if not response.corrected else 0)
    return _api_response(response.as_json())


@require_GET
def autocomplete_api(request):
    """GET /api/search/autocomplete/?q=emp&lang=es -> {"suggestions": [...]}."""
    params = request.GET
    language = params.get("lang") or settings.LANGUAGE_CODE  # never the browser's
    if language not in dict(service.language_options()):
        return bad_request("lang must be one of " + ", ".join(dict(service.language_options())))
    suggestions = service.autocomplete(params.get("q", "")[:100], language=language)
    return _api_response({"suggestions": suggestions})
