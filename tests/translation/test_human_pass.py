"""No route publishes a translation that still holds unreviewed machine strings: the editor,
the "Revisión editorial" workflow, "Update translations" with publish, scheduled publishing."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

import pytest

from practices.localisation.human_pass import UnreviewedMachineTranslation, needs_human_pass

pytestmark = pytest.mark.django_db


@pytest.fixture
def machine_page(seed_practice):
    """The live English seed practice, whose title is now unreviewed Apertium output."""
    page = seed_practice.get_translation(Locale.objects.get(language_code="en"))
    StringTranslation.objects.filter(
        locale=page.locale, context__object_id=page.translation_key, context__path="title"
    ).update(translation_type="machine", tool_name="Apertium", data="Machine title")
    assert needs_human_pass(page)
    return page


def live_revision_id(page):
    page.refresh_from_db()
    return page.live_revision_id


def test_publishing_a_revision_is_refused(machine_page, superuser):
    before = machine_page.live_revision_id
    revision = machine_page.save_revision(user=superuser)
    with pytest.raises(UnreviewedMachineTranslation):
        revision.publish(user=superuser)
    assert live_revision_id(machine_page) == before


def test_workflow_approval_does_not_publish(client, machine_page, superuser):
    before = machine_page.live_revision_id
    machine_page.save_revision(user=superuser)
    state = machine_page.get_workflow().start(machine_page, superuser)
    client.force_login(superuser)
    for _ in range(2):  # "Revisión", then "Aprobación final"
        task_state = state.current_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=[machine_page.pk, "approve", task_state.pk],
        )
        response = client.post(url, {"next": "/admin/pages/"})
        assert response.status_code == 302
        state.refresh_from_db()
    assert live_revision_id(machine_page) == before
    assert state.status == state.STATUS_IN_PROGRESS, "the final approval was rolled back"


def test_update_translations_with_publish_skips_it(client, machine_page, superuser, seed_practice):
    before = machine_page.live_revision_id
    source = Translation.objects.get(
        source__object_id=seed_practice.translation_key, target_locale=machine_page.locale
    ).source
    client.force_login(superuser)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert live_revision_id(machine_page) == before


def test_scheduled_publishing_waits_for_review(machine_page, superuser):
    before = machine_page.live_revision_id
    revision = machine_page.save_revision(user=superuser)
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=5)
    revision.save(update_fields=["approved_go_live_at"])
    call_command("publish_scheduled", verbosity=0)
    assert live_revision_id(machine_page) == before
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None, "still scheduled, for after the review"
