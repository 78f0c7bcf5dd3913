"""The main menu is cached, but a page made private or unpublished leaves it at once, in
every process that shares the cache, and cached menus expire on their own."""

import subprocess
import sys

from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage
from search import caching

pytestmark = pytest.mark.django_db


def menu_titles(client, language="es"):
    soup = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("nav.main-nav a")]


@pytest.fixture
def menu_page(home):
    page = StandardPage.objects.child_of(home).live().in_menu().first()
    assert page is not None
    return page


def test_a_page_made_private_leaves_the_menu(client, menu_page):
    assert menu_page.title in menu_titles(client)
    restriction = PageViewRestriction.objects.create(
        page=menu_page, restriction_type=PageViewRestriction.LOGIN
    )
    assert menu_page.title not in menu_titles(client)
    restriction.delete()
    assert menu_page.title in menu_titles(client)


def test_an_unpublished_page_leaves_the_menu(client, menu_page):
    assert menu_page.title in menu_titles(client)
    menu_page.unpublish()
    assert menu_page.title not in menu_titles(client)


def test_cached_menus_expire(menu_page):
    from home.navigation import navigation

    navigation("es")
    keys = [key for key in cache._cache if ":navigation:" in key]  # locmem internals
    assert keys
    for key in keys:
        assert cache._expire_info[key] is not None  # a timeout, not forever


def test_another_process_invalidating_reaches_this_one(tmp_path):
    """Two processes sharing a cache (files here, Redis in production): a change seen by
    the other one drops what this one had cached."""
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    builds = []

    def build():
        builds.append(1)
        return "menu"

    with override_settings(CACHES=shared):
        assert caching.cached("menu-test", "es", build) == "menu"
        assert caching.cached("menu-test", "es", build) == "menu"
        assert len(builds) == 1
        script = (
            "import django; from django.conf import settings; "
            f"settings.configure(CACHES={shared!r}); django.setup(); "
            "from search import caching; caching.invalidate('menu-test')"
        )
        subprocess.run([sys.executable, "-c", script], check=True, cwd=settings.BASE_DIR)
        assert caching.cached("menu-test", "es", build) == "menu"
        assert len(builds) == 2
