"""The "Revisión editorial" workflow as people use it: submit, review, approve, notify."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html
from wagtail_localize.models import Translation

import pytest

from practices.models import (
    LessonsLibraryPage,
    PracticeIndexPage,
    PracticePage,
    ToolkitIndexPage,
    ToolkitPage,
)
from practices.roles import APPROVAL_TASK, REVIEW_TASK, WORKFLOW

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def form_data(client, page, **changes):
    """The page's edit form as the browser would submit it, with some fields changed."""
    response = client.get(edit_url(page))
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for name, value in changes.items():
        data[name] = value
    return data


def recipients():
    return {address for message in mail.outbox for address in message.to}


# The workflow covers the practices and toolkits sections in every language, nothing else.


@pytest.mark.parametrize("language", ["es", "en", "pt"])
@pytest.mark.parametrize("model", [PracticePage, ToolkitPage, PracticeIndexPage, ToolkitIndexPage])
def test_sections_use_the_editorial_workflow_in_every_language(language, model):
    page = model.objects.filter(locale__language_code=language).first()
    workflow = page.get_workflow()
    assert workflow.name == WORKFLOW
    assert [task.name for task in workflow.tasks] == [REVIEW_TASK, APPROVAL_TASK]


@pytest.mark.parametrize("model", ["home", "standard", "lessons"])
def test_other_pages_are_not_in_the_editorial_workflow(pages, model):
    page = {
        "home": pages["home"],
        "standard": pages["standard"],
        "lessons": LessonsLibraryPage.objects.first(),
    }[model]
    workflow = page.get_workflow()
    assert workflow is None or workflow.name != WORKFLOW


# Contributors never publish.


def test_contributor_publish_on_a_live_practice_only_saves_a_draft(client, users, pages):
    practice = pages["practice"]
    live_revision, live_title = practice.live_revision_id, practice.title
    client.force_login(users["contributor"])
    data = form_data(client, practice, title="Título cambiado por colaborador")
    data["action-publish"] = "action-publish"
    response = client.post(edit_url(practice), data)
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.live_revision_id == live_revision
    assert practice.title == live_title
    assert practice.get_latest_revision().content["title"] == "Título cambiado por colaborador"
    assert practice.has_unpublished_changes
    assert "Título cambiado" not in client.get(practice.url).content.decode()


def test_contributor_publish_on_a_new_practice_leaves_it_unpublished(client, users, pages):
    client.force_login(users["contributor"])
    draft = pages["draft"]
    draft.owner = users["contributor"]
    draft.save(update_fields=["owner"])
    data = form_data(client, draft, title="Quiero publicar")
    data["action-publish"] = "action-publish"
    client.post(edit_url(draft), data)
    draft.refresh_from_db()
    assert not draft.live
    assert draft.live_revision_id is None
    assert draft.first_published_at is None


def test_contributor_cannot_approve_a_review(client, users, pages):
    moderated, task_state = pages["moderated"], pages["task_state"]
    client.force_login(users["contributor"])
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[moderated.pk, "approve", task_state.pk]
    )
    client.post(url, {})
    task_state.refresh_from_db()
    moderated.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS
    assert not moderated.live


def test_contributor_cannot_unpublish(client, users, pages):
    practice = pages["practice"]
    client.force_login(users["contributor"])
    client.post(reverse("wagtailadmin_pages:unpublish", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.live


def test_page_in_review_is_locked_for_its_author(client, users, pages):
    moderated = pages["moderated"]
    revisions = moderated.revisions.count()
    client.force_login(users["km_admin"])
    data = form_data(client, moderated, title="Cambio durante la revisión")
    client.force_login(users["contributor"])
    client.post(edit_url(moderated), data)
    assert moderated.revisions.count() == revisions


# Translators translate; they do not publish, and do not touch the Spanish source.


def test_translator_cannot_publish_from_the_translation_editor(client, users, pages):
    translation = pages["translation"]
    live_revision = translation.live_revision_id
    client.force_login(users["translator"])
    response = client.post(edit_url(translation), {"action": "publish"})
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.live_revision_id == live_revision


def test_translator_cannot_save_the_spanish_source(client, users, pages):
    practice = pages["practice"]
    revisions = practice.revisions.count()
    client.force_login(users["km_admin"])
    data = form_data(client, practice, title="Cambio del traductor")
    client.force_login(users["translator"])
    client.post(edit_url(practice), data)
    assert practice.revisions.count() == revisions


def test_translator_starts_a_translation_as_an_unpublished_draft(client, users, pages):
    index = pages["index"]
    page = PracticePage(
        title="Solo en español", slug="solo-en-espanol", summary="Resumen.", locale=index.locale
    )
    index.add_child(instance=page)
    page.save_revision(user=users["km_admin"]).publish(user=users["km_admin"])
    portuguese = Locale.objects.get(language_code="pt")
    client.force_login(users["translator"])
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [portuguese.pk]},
    )
    assert response.status_code == 302
    translated = page.get_translation(portuguese)
    assert not translated.live
    assert translated.permissions_for_user(users["translator"]).can_edit()
    assert not translated.permissions_for_user(users["translator"]).can_publish()
    assert Translation.objects.filter(source__object_id=page.translation_key).exists()


# Submitting, reviewing, approving, and who hears about it.


def test_submitting_notifies_reviewers_by_email(client, users, pages):
    practice = pages["practice"]
    client.force_login(users["contributor"])
    mail.outbox.clear()
    data = form_data(client, practice, title="Propuesta de cambio")
    data["action-submit"] = "action-submit"
    response = client.post(edit_url(practice), data)
    assert response.status_code == 302
    state = WorkflowState.objects.for_instance(practice).get(status="in_progress")
    assert state.current_task_state.task.name == REVIEW_TASK
    assert users["reviewer"].email in recipients()
    assert users["contributor"].email not in recipients()
    assert users["km_admin"].email not in recipients()
    to_reviewer = next(m for m in mail.outbox if users["reviewer"].email in m.to)
    assert REVIEW_TASK in to_reviewer.subject
    assert edit_url(practice) in to_reviewer.body
    practice.refresh_from_db()
    assert practice.title != "Propuesta de cambio"


def test_review_then_approval_publishes(client, users, pages):
    moderated, task_state = pages["moderated"], pages["task_state"]
    mail.outbox.clear()

    client.force_login(users["reviewer"])
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[moderated.pk, "approve", task_state.pk],
        ),
        {},
    )
    moderated.refresh_from_db()
    assert not moderated.live
    state = moderated.current_workflow_state
    assert state.current_task_state.task.name == APPROVAL_TASK
    assert users["km_admin"].email in recipients()

    client.force_login(users["km_admin"])
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[moderated.pk, "approve", state.current_task_state.pk],
        ),
        {},
    )
    moderated.refresh_from_db()
    assert moderated.live
    assert moderated.current_workflow_state is None
    assert users["contributor"].email in recipients()  # told it was approved


def test_reviewer_requests_changes_with_a_comment(client, users, pages):
    moderated, task_state = pages["moderated"], pages["task_state"]
    mail.outbox.clear()
    client.force_login(users["reviewer"])
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[moderated.pk, "reject", task_state.pk],
        ),
        {"comment": "Falta la fuente de las cifras."},
    )
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_REJECTED
    assert task_state.comment == "Falta la fuente de las cifras."
    assert users["contributor"].email in recipients()
    moderated.refresh_from_db()
    assert not moderated.live


def test_reviewer_compares_revisions(client, users, pages):
    practice = pages["practice"]
    before = practice.live_revision_id
    practice.title = "Título revisado"
    after = practice.save_revision(user=users["contributor"]).pk
    client.force_login(users["reviewer"])
    url = reverse("wagtailadmin_pages:revisions_compare", args=[practice.pk, before, after])
    response = client.get(url)
    assert response.status_code == 200
    assert "Título revisado" in response.content.decode()


def test_comments_are_enabled_on_practices(client, settings, users, pages):
    assert getattr(settings, "WAGTAILADMIN_COMMENTS_ENABLED", True) is True
    client.force_login(users["reviewer"])
    response = client.get(edit_url(pages["practice"]))
    assert "comments" in response.context["form"].formsets
    assert 'id="comments-data"' in response.content.decode()


@pytest.mark.parametrize("name", ["practice", "toolkit"])
def test_scheduling_fields_are_in_the_editor(client, users, pages, name):
    client.force_login(users["contributor"])
    form = client.get(edit_url(pages[name])).context["form"]
    assert {"go_live_at", "expire_at"} <= set(form.fields)


def test_scheduled_publishing_and_expiry(users, pages):
    draft = pages["draft"].specific
    draft.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = draft.save_revision(user=users["km_admin"])
    revision.publish(user=users["km_admin"])
    draft.refresh_from_db()
    assert not draft.live
    assert revision.approved_go_live_at is not None

    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)
    draft.refresh_from_db()
    assert draft.live

    Page.objects.filter(pk=draft.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled", verbosity=0)
    draft.refresh_from_db()
    assert not draft.live
    assert draft.expired


def test_a_lock_keeps_others_out(client, users, pages):
    practice = pages["practice"]
    client.force_login(users["reviewer"])
    client.post(reverse("wagtailadmin_pages:lock", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.locked and practice.locked_by == users["reviewer"]
    revisions = practice.revisions.count()
    client.force_login(users["km_admin"])
    data = form_data(client, practice, title="Cambio con la página bloqueada")
    client.force_login(users["contributor"])
    client.post(edit_url(practice), data)
    assert practice.revisions.count() == revisions
