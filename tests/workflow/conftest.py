"""Fixtures for the editorial workflow: one user per role and pages in every state.

The demo site (loaded once per test session by tests/conftest.py) gives the sections in three
languages, with the groups and the "Revisión editorial" workflow granted on them by practices.roles.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation

import pytest

from home.models import HomePage, StandardPage
from practices.models import (
    CallForPracticesPage,
    CollectionPage,
    PracticeIndexPage,
    PracticePage,
    Theme,
    ToolkitPage,
)
from practices.roles import CONTRIBUTORS, KM_ADMINS, REVIEWERS, TRANSLATORS
from tests.factories import PracticePageFactory
from tests.scoped import built_once, loader

ROLES = {
    "contributor": CONTRIBUTORS,
    "reviewer": REVIEWERS,
    "translator": TRANSLATORS,
    "km_admin": KM_ADMINS,
}


def make_user(role):
    user = get_user_model().objects.create_user(
        username=role, email=f"{role}@example.org", password="x"
    )
    user.groups.add(Group.objects.get(name=ROLES[role]))
    return user


def role_users():
    return {role: make_user(role) for role in ROLES}


@pytest.fixture
def users(db):
    """One active user per role, each with an e-mail address."""
    return role_users()


@pytest.fixture(scope="module")
def module_users(django_db_setup, django_db_blocker):
    """The same users, created once for a module whose tests only read them."""
    yield from built_once(django_db_blocker, role_users)


def locale(language):
    return Locale.objects.get(language_code=language)


def new_practice(index, title, user, **fields):
    return PracticePageFactory(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
        locale=index.locale,
        owner=user,
        user=user,
        **fields,
    )


class LazyPages(dict):
    """Builds each page on first use, so a test pays only for the pages it touches."""

    def __init__(self, factories):
        super().__init__()
        self.factories = factories

    def __missing__(self, name):
        self[name] = self.factories[name]()
        return self[name]


@pytest.fixture
def pages(users, home, seed_practice):
    """Every page the matrix touches, by a short name, built when first used."""
    km_admin, contributor = users["km_admin"], users["contributor"]

    def index():
        return PracticeIndexPage.objects.get(locale=locale("es"))

    def moderated():
        page = new_practice(found["index"], "Práctica en revisión", contributor, live=False)
        found["task_state"] = page.get_workflow().start(page, contributor).current_task_state
        return page

    def task_state():
        return found["moderated"] and found["task_state"]  # moderated() sets it

    def locked():
        page = new_practice(found["index"], "Práctica bloqueada", km_admin, live=False)
        page.locked, page.locked_by, page.locked_at = True, km_admin, timezone.now()
        page.save(update_fields=["locked", "locked_by", "locked_at"])
        return page

    found = LazyPages(
        {
            "home": lambda: home,
            "index": index,
            "practice": lambda: seed_practice,
            "translation": lambda: seed_practice.get_translation(locale("en")),
            "pt_original": lambda: PracticePage.objects.filter(
                locale=locale("pt"), original_language="pt"
            ).first(),
            "toolkit": lambda: ToolkitPage.objects.filter(locale=locale("es")).first(),
            "standard": lambda: StandardPage.objects.child_of(home).first(),
            "draft": lambda: new_practice(
                found["index"], "Borrador de prueba", km_admin, live=False
            ),
            "own_draft": lambda: new_practice(
                found["index"], "Borrador propio", contributor, live=False
            ),
            "proposal": lambda: new_practice(found["index"], "Propuesta", None, live=False),
            "moderated": moderated,
            "task_state": task_state,
            "locked": locked,
            "collection": lambda: CollectionPage.objects.get(locale=locale("es")),
            "call": lambda: CallForPracticesPage.objects.get(locale=locale("es")),
            "en_home": lambda: HomePage.objects.get(locale=locale("en")),
            "root": Page.get_first_root_node,
            "it_superuser": loader,
            "plain_user": lambda: get_user_model().objects.create_user("plain", "p@example.org"),
            "site": lambda: Site.objects.get(is_default_site=True),
            "theme": lambda: Theme.objects.filter(locale=locale("es")).first(),
            "po_translation": lambda: Translation.objects.get(
                source__object_id=seed_practice.translation_key,
                target_locale=locale("en"),
            ),
        }
    )
    return found


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def long_ago(today):
    return today - datetime.timedelta(days=365 * 10)
