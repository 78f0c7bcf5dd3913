"""A search inside a longer transaction (a request's, a management command's) leaves that
transaction's settings as they were: its time limit applies to the search alone."""

from django.db import connection, transaction

import pytest

from search.service import search

pytestmark = pytest.mark.django_db


def setting(name):
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's settings")
def test_the_search_time_limit_does_not_outlive_the_search():
    with transaction.atomic():
        before = setting("statement_timeout"), setting("enable_seqscan")
        assert search("salud", language="es").hits
        assert (setting("statement_timeout"), setting("enable_seqscan")) == before
