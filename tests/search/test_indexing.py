"""Index upkeep: the rebuild command, taxonomy renames, and what a document holds."""

from io import StringIO

from django.core.management import call_command
from django.db import connection

from wagtail.models import Locale

import pytest

from practices.models import PracticePage, Theme
from search import indexer, service
from search.models import SearchDocument, SearchUnit, SearchWord

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


def _index_rows():
    fields = [f.attname for f in SearchDocument._meta.concrete_fields if f.attname != "indexed_at"]
    return (
        list(SearchDocument.objects.order_by("id").values_list(*fields)),
        list(SearchUnit.objects.order_by("id").values_list("id", "key")),
        list(
            SearchWord.objects.order_by("word", "language").values_list(
                "word", "form", "language", "df"
            )
        ),
    )


def test_a_rebuild_with_unchanged_pages_gives_the_same_index():
    indexer.rebuild()
    before = _index_rows()
    assert indexer.rebuild() == len(before[0])
    assert _index_rows() == before


def test_a_rebuild_inside_a_transaction_reads_pages_in_this_process():
    # other connections could not see what the transaction holds (here: the test's data)
    assert connection.in_atomic_block
    assert indexer._parallel() == 1
