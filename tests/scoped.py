"""Test data built once for a module or a session instead of once per test."""

import sys

from django.db import transaction


def built_once(django_db_blocker, build):
    """The body of a module- or session-scoped fixture: yields what ``build()`` returns.

    ``build`` writes in a transaction that stays open for the fixture's scope and is rolled
    back when it ends; every test in the scope sees the data and still runs in its own
    savepoint. Only for data every test of that scope may see.
    """
    with django_db_blocker.unblock():
        scope = transaction.atomic()
        scope.__enter__()
        try:
            value = build()
        except BaseException:
            scope.__exit__(*sys.exc_info())
            raise
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            scope.__exit__(None, None, None)
