"""The roles set up by practices.roles (migration home.0003 and the section receiver)."""

import runpy
import sys

from django.contrib.auth.models import Group

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import policy_registry

import pytest

from home.models import HomePage
from practices.models import PracticeIndexPage, ToolkitIndexPage
from practices.roles import (
    CONTRIBUTORS,
    COUNTRY_OFFICES,
    GROUPS,
    KM_ADMINS,
    REVIEWERS,
    TRANSLATORS,
    WORKFLOW,
    grant_sections,
    setup_roles,
)

pytestmark = pytest.mark.django_db


def counts():
    return [
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Collection.objects.count(),
        Workflow.objects.count(),
        WorkflowTask.objects.count(),
        WorkflowPage.objects.count(),
    ]


def codenames(group_name, page):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name, page=page).values_list(
            "permission__codename", flat=True
        )
    )


def test_groups_exist_and_reach_the_admin():
    for name in GROUPS:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_setting_up_twice_changes_nothing():
    before = counts()
    setup_roles()
    assert counts() == before


def test_grants_are_restored_on_existing_sections():
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    GroupPagePermission.objects.filter(page=index).delete()
    WorkflowPage.objects.filter(page=index).delete()
    grant_sections()
    assert codenames(TRANSLATORS, index) == {"change_page"}
    assert WorkflowPage.objects.get(page=index).workflow.name == WORKFLOW


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_a_new_section_gets_its_permissions_and_workflow(language):
    home = HomePage.objects.get(locale__language_code=language)
    section = ToolkitIndexPage(title="Otra sección", slug="otra-seccion", locale=home.locale)
    home.add_child(instance=section)
    assert codenames(CONTRIBUTORS, section) == {"add_page", "change_page"}
    assert codenames(REVIEWERS, section) == {"change_page", "lock_page"}
    assert codenames(TRANSLATORS, section) == (set() if language == "es" else {"change_page"})
    assert codenames(KM_ADMINS, section) == set()  # they hold everything from the root
    assert WorkflowPage.objects.get(page=section).workflow.name == WORKFLOW


def test_contributors_and_translators_cannot_touch_the_home_pages(users):
    for home in HomePage.objects.all():
        for role in ("contributor", "translator", "reviewer"):
            permissions = home.permissions_for_user(users[role])
            assert not permissions.can_edit()
            assert not permissions.can_add_subpage()


def test_translators_have_no_rights_on_the_source_sections(users):
    spanish = Locale.objects.get(language_code="es")
    for model in (PracticeIndexPage, ToolkitIndexPage):
        section = model.objects.get(locale=spanish)
        assert not section.permissions_for_user(users["translator"]).can_edit()


def test_km_admins_publish_everywhere_without_being_superusers(users):
    assert not users["km_admin"].is_superuser
    for home in HomePage.objects.all():
        permissions = home.permissions_for_user(users["km_admin"])
        assert permissions.can_publish() and permissions.can_add_subpage()


def test_country_office_collections(users):
    image_policy = policy_registry.get_by_type(get_image_model())
    offices = set(Collection.objects.filter(depth=2).values_list("name", flat=True))
    assert set(COUNTRY_OFFICES) <= offices
    ecuador = Collection.objects.get(name="Ecuador")
    for role in ("contributor", "reviewer", "translator", "km_admin"):
        for action in ("add", "choose"):
            allowed = image_policy.collections_user_has_permission_for(users[role], action)
            assert ecuador in allowed, (role, action)
    image = get_image_model().objects.create(
        title="Foto",
        file=get_test_image_file(),
        collection=ecuador,
        uploaded_by_user=users["reviewer"],
    )
    assert not image_policy.user_has_permission_for_instance(users["contributor"], "change", image)
    assert image_policy.user_has_permission_for_instance(users["reviewer"], "change", image)
    root = Collection.get_first_root_node()
    assert root not in image_policy.collections_user_has_permission_for(users["contributor"], "add")


# E-mail settings per environment


def test_development_prints_mail_to_the_console():
    dev = runpy.run_module("hub.settings.dev")
    assert dev["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_production_sends_mail_through_smtp_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("EMAIL_HOST", "smtp.example.org")
    monkeypatch.setenv("EMAIL_PORT", "2525")
    monkeypatch.setenv("EMAIL_HOST_USER", "hub")
    monkeypatch.setenv("EMAIL_HOST_PASSWORD", "secret")
    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "hub@example.org")
    monkeypatch.delitem(sys.modules, "hub.settings.base")  # re-read the environment
    production = runpy.run_module("hub.settings.production")
    assert production["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert production["EMAIL_HOST"] == "smtp.example.org"
    assert production["EMAIL_PORT"] == 2525
    assert production["EMAIL_HOST_USER"] == "hub"
    assert production["EMAIL_HOST_PASSWORD"] == "secret"
    assert production["WAGTAILADMIN_NOTIFICATION_FROM_EMAIL"] == "hub@example.org"


def test_tests_keep_mail_in_memory(settings):
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
