"""drf-spectacular hooks for /api/schema/: only the public API, plus the search paths."""

from search import openapi as search_openapi

PUBLIC_PREFIX = "/api/v2/"


def public_endpoints(endpoints, **kwargs):
    """Keep the page API; the admin's internal APIs are not part of the open API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIX)]


def add_search_paths(result, generator, request, public):
    """Add the search endpoints, which are plain Django views (search/openapi.py)."""
    result["paths"] = {**search_openapi.paths(), **result["paths"]}
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(search_openapi.components())
    result["tags"] = [
        {"name": "search", "description": "Search and export (docs/api.md)."},
        {"name": "pages", "description": "Wagtail's page API."},
    ]
    return result
