"""The OpenAPI document (/api/schema/), its docs page, and a property-based run against it."""

import json
import re

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/schema/?format=json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_the_document_is_valid_and_describes_search_export_and_pages(client):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    document = json.loads(response.content)
    validate(document)  # openapi-spec-validator: raises on any error
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    for path in (
        "/api/search/",
        "/api/search/export/",
        "/api/search/autocomplete/",
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
    ):
        assert "get" in paths[path], path
    assert not [path for path in paths if path.startswith("/admin/")]
    export = paths["/api/search/export/"]["get"]
    names = {parameter["name"] for parameter in export["parameters"]}
    search = {p["name"] for p in paths["/api/search/"]["get"]["parameters"]}
    assert names == (search - {"page", "page_size"}) | {"format"}
    assert set(export["responses"]["200"]["content"]) == {
        "text/csv; charset=utf-8",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


def test_the_docs_page_loads_nothing_from_another_host(client):
    response = client.get(reverse("api_docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html and "/static/drf_spectacular_sidecar/" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


@pytest.fixture
def wsgi_app():
    """The site's WSGI app, in-process, inside the test's transaction (as Django's test
    client does, requests must not close the test's database connection)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield WSGIHandler()
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# Generated requests per path, seeded; bounded by a count, not a clock (docs/api.md).
CASES = 60


@pytest.mark.parametrize("path", ["/api/search/", "/api/search/export/"])
def test_property_based_run_finds_no_error_and_no_response_off_the_schema(wsgi_app, path):
    schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, wsgi_app)
    operation = schema[path]["GET"]
    calls = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=CASES,
        derandomize=True,  # seeded: the same cases on every run
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call()
        calls.append(response.status_code)
        case.validate_response(response, checks=CHECKS)

    run()
    assert len(calls) >= CASES
    assert 200 in calls
