"""Index upkeep: the rebuild command, taxonomy renames, and what a document holds."""

from io import StringIO

from django.core.management import call_command

from wagtail.models import Locale

import pytest

from practices.models import PracticePage, Theme
from search import service
from search.models import SearchDocument, SearchWord

pytestmark = pytest.mark.django_db


def test_update_index_rebuilds_with_a_progress_bar():
    before = SearchDocument.objects.count()
    words = SearchWord.objects.count()
    out = StringIO()
    call_command("update_index", "--hub-only", stdout=out)
    output = out.getvalue()
    assert "100%" in output and "[####" in output
    assert f"{before} search documents indexed" in output
    assert SearchDocument.objects.count() == before
    assert SearchWord.objects.count() == words
    assert (
        service.search("remesas", language="es").count == 1
    )  # one practice, its matching lessons under it


def test_every_unit_of_the_demo_is_indexed_in_each_language():
    practices = PracticePage.objects.filter(locale=Locale.get_default()).count()
    assert SearchDocument.objects.filter(kind="practice").count() == 3 * practices
    assert SearchDocument.objects.filter(kind="lesson").count() == 3 * 52
    assert SearchDocument.objects.filter(kind="recommendation").count() == 3 * 26
    assert SearchDocument.objects.filter(kind="toolkit").count() == 3 * 2
    assert SearchDocument.objects.filter(kind="page").count() == 3 * 2


def test_renaming_a_term_reindexes_the_pages_that_use_it():
    theme = Theme.objects.get(slug="remesas-inclusion-financiera", locale=Locale.get_default())
    theme.name = "Microfinanzas solidarias"
    theme.save()
    response = service.search("microfinanzas", language="es")
    assert response.count >= 1
    assert {hit.type for hit in response.hits} >= {"practice"}


def test_a_document_id_encodes_its_unit_and_language():
    for document in SearchDocument.objects.all()[:50]:
        assert document.id == document.unit_id * 8 + ["es", "en", "pt"].index(document.locale)
