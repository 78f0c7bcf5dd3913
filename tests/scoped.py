"""Test data built once for a module or a session instead of once per test."""

import sys

from django.contrib.auth import get_user_model
from django.db import transaction

from practices.models import PracticePage

LOADER = "demo-loader"  # the superuser that loads the demo (tests/conftest.py)
SEED_KEY = "piloto-herramientas-virtuales-emprendimiento-migrantes-ecuador"


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


def loader():
    """The superuser that loaded the demo: the `superuser` fixture, for wider-scoped ones."""
    return get_user_model().objects.get(username=LOADER)


def seed():
    """The real seed practice (Ecuador), in Spanish: the `seed_practice` fixture."""
    return PracticePage.objects.get(slug=SEED_KEY)
