"""OpenAPI description of /api/search/, its export and autocomplete (merged into /api/schema/).

These are plain Django views (a DRF view would read `?format=` as its renderer switch), so
drf-spectacular cannot introspect them: their paths are declared here, from the same
constants the views validate against (facets, sorts, limits, formats, columns).
"""

from . import service
from .export import COLUMNS, FORMATS, LISTS
from .facets import FACETS, TYPE_ORDER
from .views import API_MAX_QUERY

ERROR = {"$ref": "#/components/schemas/SearchError"}
NULLABLE_STRING = {"type": "string", "nullable": True}


def _languages():
    return [code for code, _name in service.language_options()]


def _filter(name):
    items = {"type": "string"}
    if name == "type":
        items = {"type": "string", "enum": list(TYPE_ORDER)}
    elif name == "language":
        items = {"type": "string", "enum": _languages()}
    description = {
        "type": "Kind of result.",
        "country": "ISO 3166-1 alpha-2 code; XR = regional / multi-country.",
        "theme": "Theme slug (the Spanish source slug, e.g. `trata-de-personas`).",
        "population": "Target population slug (Spanish source slug).",
        "gcm": "GCM objective number, 1-23.",
        "year": "Publication year.",
        "language": "Versions in these languages.",
        "stage": "Stage of a practice: pilot, ongoing, completed, scaled_up.",
    }[name]
    return {
        "name": name,
        "in": "query",
        "description": description + " Repeatable (OR); unknown values are ignored.",
        "schema": {"type": "array", "items": items},
        "style": "form",
        "explode": True,
    }


def _search_parameters():
    return [
        {
            "name": "q",
            "in": "query",
            "description": "Words to search, any language; empty = everything, newest first.",
            "schema": {"type": "string", "maxLength": API_MAX_QUERY},
        },
        {
            "name": "lang",
            "in": "query",
            "description": "The visitor's language (versions shown, labels).",
            "schema": {"type": "string", "enum": _languages()},
        },
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string", "enum": list(service.SORTS)},
        },
        *(_filter(name) for name in FACETS),
    ]


def _json(schema):
    return {"application/json": {"schema": schema}}


def _bad_request():
    return {"description": "A parameter that cannot be used.", "content": _json(ERROR)}


def _record_schema():
    properties = {}
    for key, heading in COLUMNS:
        if key in LISTS:
            schema = {"type": "array", "items": {"type": "string"}}
        elif key == "year":
            schema = {"type": "integer"}
        else:
            schema = {"type": "string"}
        properties[key] = {**schema, "description": heading}
    return {"type": "object", "properties": properties, "required": [k for k, _h in COLUMNS]}


def components():
    hit = {
        "type": "object",
        "required": ["type", "title", "url", "locale", "snippet", "page_id", "practice_id"],
        "properties": {
            "type": {"type": "string", "enum": list(TYPE_ORDER)},
            "title": {"type": "string"},
            "url": {"type": "string", "description": "Path on this site, with #anchor."},
            "locale": {"type": "string"},
            "snippet": {"type": "string", "description": "Escaped HTML, matches in <mark>."},
            "page_id": {"type": "integer"},
            "practice_id": {**NULLABLE_STRING, "format": "uuid"},
            "number": {"type": "integer", "nullable": True},
            "original_language": {"type": "string"},
        },
    }
    facet_value = {
        "type": "object",
        "required": ["value", "label", "count"],
        "properties": {
            "value": {"type": "string"},
            "label": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
        },
    }
    promotion = {
        "type": "object",
        "required": ["title", "url"],
        "properties": {
            "title": {"type": "string"},
            "url": {"type": "string"},
            "description": {"type": "string"},
            "page_id": {"type": "integer", "nullable": True},
            "locale": NULLABLE_STRING,
        },
    }
    return {
        "SearchError": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string"}},
        },
        "SearchHit": hit,
        "FacetValue": facet_value,
        "Promotion": promotion,
        "SearchResponse": {
            "type": "object",
            "required": ["count", "page", "page_size", "results", "facets"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "page_size": {"type": "integer", "minimum": 1},
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
                "facets": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/FacetValue"},
                    },
                },
                "suggestion": NULLABLE_STRING,
                "corrected": {"type": "boolean"},
                "promotions": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Promotion"},
                },
                "notice": NULLABLE_STRING,
            },
        },
        "ExportRecord": _record_schema(),
        "Export": {
            "type": "object",
            "required": ["count", "search_count", "truncated", "language", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "search_count": {"type": "integer", "minimum": 0},
                "truncated": {"type": "boolean"},
                "language": {"type": "string"},
                "results": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/ExportRecord"},
                },
            },
        },
    }


def paths():
    search = {
        "get": {
            "operationId": "search",
            "tags": ["search"],
            "summary": "Search practices, lessons, recommendations, toolkits and pages",
            "parameters": [
                *_search_parameters(),
                {
                    "name": "page",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": service.MAX_PAGE},
                },
                {
                    "name": "page_size",
                    "in": "query",
                    "schema": {
                        "type": "integer",
                        "minimum": 1,
                        "maximum": service.MAX_PAGE_SIZE,
                    },
                },
            ],
            "responses": {
                "200": {
                    "description": "One page of results, with facets.",
                    "content": _json({"$ref": "#/components/schemas/SearchResponse"}),
                },
                "400": _bad_request(),
            },
        }
    }
    export = {
        "get": {
            "operationId": "search_export",
            "tags": ["search"],
            "summary": "Export the practices and toolkits of a search",
            "description": (
                f"Same parameters as /api/search/ (page and page_size are ignored): the "
                f"first {service.EXPORT_LIMIT} results, one row per practice or toolkit."
            ),
            "parameters": [
                {
                    "name": "format",
                    "in": "query",
                    "schema": {"type": "string", "enum": list(FORMATS), "default": "csv"},
                },
                *_search_parameters(),
            ],
            "responses": {
                "200": {
                    "description": "The file (Content-Disposition: attachment).",
                    "content": {
                        FORMATS["csv"]: {"schema": {"type": "string"}},
                        FORMATS["json"]: {"schema": {"$ref": "#/components/schemas/Export"}},
                        FORMATS["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
                    },
                },
                "400": _bad_request(),
            },
        }
    }
    autocomplete = {
        "get": {
            "operationId": "search_autocomplete",
            "tags": ["search"],
            "summary": "Terms and titles that complete what is typed",
            "parameters": [
                {"name": "q", "in": "query", "schema": {"type": "string"}},
                {"name": "lang", "in": "query", "schema": {"type": "string", "enum": _languages()}},
            ],
            "responses": {
                "200": {
                    "description": "At most 8 suggestions.",
                    "content": _json(
                        {
                            "type": "object",
                            "required": ["suggestions"],
                            "properties": {
                                "suggestions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "type": {"type": "string"},
                                            "label": {"type": "string"},
                                            "value": NULLABLE_STRING,
                                            "url": NULLABLE_STRING,
                                        },
                                    },
                                }
                            },
                        }
                    ),
                },
                "400": _bad_request(),
            },
        }
    }
    return {
        "/api/search/": search,
        "/api/search/export/": export,
        "/api/search/autocomplete/": autocomplete,
    }
