"""Shared fixtures: every test database holds the demo site (13 practices in es/en/pt)."""

from django.contrib.auth import get_user_model
from django.core.cache import cache

from wagtail.models import Locale

import pytest

from home.models import HomePage
from search import service
from tests.scoped import LOADER, loader, seed


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from home.demo.loader import load

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser(LOADER, "loader@example.org", "x")
        load(user)


@pytest.fixture(autouse=True)
def clear_cache():
    """Cached labels and navigation must not outlive a test's rolled-back data, nor an engine
    failure a test provoked."""
    cache.clear()
    service.forget_engine_failures()


@pytest.fixture
def superuser(db):
    return loader()


@pytest.fixture
def home(db):
    return HomePage.objects.get(locale=Locale.get_default())


@pytest.fixture
def seed_practice(db):
    """The real seed practice (Ecuador), in Spanish."""
    return seed()
