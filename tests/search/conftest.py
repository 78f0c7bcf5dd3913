"""Search fixtures: the engines to run the contract against, and demo and unseen keys for hits."""

import json
import os
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest
from relevance_metrics import UNSEEN_DOCUMENTS

from home.models import StandardPage
from practices.models import PracticePage, ToolkitPage
from tests.scoped import built_once

DEMO = Path(__file__).resolve().parents[2] / "home" / "demo" / "data"


def engines():
    """The database's own engine always; Elasticsearch and OpenSearch too when a cluster is
    configured (HUB_ELASTICSEARCH_URL, HUB_OPENSEARCH_URL)."""
    names = ["database-default"]
    if os.environ.get("HUB_ELASTICSEARCH_URL"):
        names.append("elasticsearch")
    if os.environ.get("HUB_OPENSEARCH_URL"):
        names.append("opensearch")
    return names


@pytest.fixture(params=engines())
def engine(request, settings, db):
    """Run a test against each available engine (settings only, as in production)."""
    if request.param in ("elasticsearch", "opensearch"):
        settings.HUB_SEARCH = {
            **settings.HUB_SEARCH,
            "ENGINE": request.param,
            "ELASTICSEARCH_URL": os.environ[f"HUB_{request.param.upper()}_URL"],
            "ELASTICSEARCH_INDEX": "hub-search-test",
            "ELASTICSEARCH_SYNC": "immediate",  # tests roll back: nothing would commit
        }
        from search.engines import get_engine

        get_engine().rebuild_from_database()
    else:
        settings.HUB_SEARCH = {**settings.HUB_SEARCH, "ENGINE": ""}
    return request.param


def read_demo_keys():
    """{translation_key: demo key} for practices, toolkits and standard pages."""
    keys = {}
    for path in DEMO.glob("[0-9]*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        language = data["original_language"]
        page = PracticePage.objects.get(
            slug=data["content"][language]["slug"], locale__language_code=language
        )
        keys[str(page.translation_key)] = data["key"]
    for path in DEMO.glob("toolkit-*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        page = ToolkitPage.objects.get(
            slug=data["content"]["es"]["slug"], locale__language_code="es"
        )
        keys[str(page.translation_key)] = f"toolkit:{data['key']}"
    for page in StandardPage.objects.filter(locale__language_code="es"):
        keys[str(page.translation_key)] = f"page:{page.slug}"
    return keys


@pytest.fixture
def demo_keys(db):
    """{translation_key: demo key} for practices, toolkits and standard pages."""
    return read_demo_keys()


@pytest.fixture(scope="session")
def unseen_keys(django_db_setup, django_db_blocker):
    """Import and publish the unseen write-ups; {translation_key: judgment key}, demo included.

    Imported once per session (about a minute of CPU) in a transaction rolled back when the
    session ends; the tests that use it run after every other database test
    (`pytest_collection_modifyitems` below), so no other test sees the extra practices.
    """
    yield from built_once(django_db_blocker, import_unseen)


def import_unseen():
    out = StringIO()
    call_command(
        "import_practices",
        str(UNSEEN_DOCUMENTS),
        publish=True,
        report="-",
        stdout=out,
        stderr=StringIO(),
    )
    keys = read_demo_keys()
    for row in json.loads(out.getvalue()):
        page = PracticePage.objects.get(pk=row["page_id"], live=True)
        keys[str(page.translation_key)] = Path(row["file"]).stem
    return keys


def pytest_collection_modifyitems(items):
    """The tests on the imported corpus run after every other test (the browser suite's
    hook, `trylast`, then moves its own tests after them)."""
    uses_corpus = [item for item in items if "unseen_keys" in getattr(item, "fixturenames", ())]
    items[:] = [item for item in items if item not in uses_corpus] + uses_corpus


@pytest.fixture(autouse=True)
def fresh_engines(monkeypatch):
    """A failed engine is skipped for a while in a process: not from one test to the next."""
    from search import service

    monkeypatch.setattr(service, "_failed_until", {})
