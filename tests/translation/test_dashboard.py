"""The translation status dashboard: every practice × language, its state and actions, in a
number of queries that does not grow with the number of practices."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

import pytest

from practices.localisation.status import State, practice_statuses
from practices.models import PracticeIndexPage, PracticePage
from tests.factories import PracticePageFactory

from .conftest import publish

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/translation-status/"


def translation_of(page, language):
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale__language_code=language
    )


def strings(page, language):
    return StringTranslation.objects.filter(
        context__object_id=page.translation_key, locale__language_code=language
    )


def add_practice(user, title):
    return PracticePageFactory(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary="Resumen.",
        user=user,
        publish=True,
    )


@pytest.fixture
def scenario(superuser, seed_practice):
    """One practice per state, from the demo site (where every translation is up to date)."""
    seed = seed_practice
    others = list(
        PracticePage.objects.filter(locale__language_code="es", original_language="es")
        .exclude(pk=seed.pk)
        .order_by("pk")[:2]
    )
    # in progress: one Portuguese string of the seed practice is missing
    strings(seed, "pt").filter(context__path="summary").delete()
    # machine: one English string of another practice came from a machine
    strings(others[0], "en").filter(context__path="title").update(
        translation_type="machine", tool_name="Apertium"
    )
    # outdated: the original of a third practice was published again after the last sync
    publish(others[1], superuser)
    new = add_practice(superuser, "Práctica sin traducir")
    return {"seed": seed, "machine": others[0], "outdated": others[1], "new": new}


def state(statuses, page, language):
    by_key = {status.translation_key: status for status in statuses}
    return by_key[page.translation_key].languages[language]


def test_states(scenario):
    statuses = practice_statuses()
    seed = state(statuses, scenario["seed"], "pt")
    assert seed.state == State.IN_PROGRESS
    assert seed.translated == seed.total - 1
    assert 0 < seed.percent < 100
    assert state(statuses, scenario["seed"], "en").state == State.UP_TO_DATE
    assert state(statuses, scenario["seed"], "es").state == State.ORIGINAL
    assert state(statuses, scenario["machine"], "en").state == State.MACHINE
    assert state(statuses, scenario["machine"], "pt").state == State.UP_TO_DATE
    assert state(statuses, scenario["outdated"], "en").state == State.OUTDATED
    assert state(statuses, scenario["outdated"], "pt").state == State.OUTDATED
    assert state(statuses, scenario["new"], "en").state == State.NOT_STARTED
    assert state(statuses, scenario["new"], "pt").state == State.NOT_STARTED


def test_practices_written_in_portuguese_or_english_have_their_own_original():
    statuses = practice_statuses()
    originals = {
        status.language
        for status in statuses
        if status.languages[status.language].state == State.ORIGINAL
    }
    assert originals == {"es", "pt", "en"}
    assert len(statuses) == PracticePage.objects.filter(locale__language_code="es").count()


def test_unpublished_translation_changes_are_flagged(scenario):
    seed = scenario["seed"]
    strings(seed, "en").filter(context__path="title").update(updated_at=timezone.now())
    status = state(practice_statuses(), seed, "en")
    assert status.state == State.UP_TO_DATE
    assert status.unpublished_changes


def test_dashboard_shows_states_and_actions(editor, scenario):
    response = editor.get(DASHBOARD)
    assert response.status_code == 200
    rows = {row["practice"].page_id: row for row in response.context["rows"]}

    def cell(page, language):
        return next(c for c in rows[page.pk]["cells"] if c["status"].language == language)

    def urls(page, language):
        return [action["url"] for action in cell(page, language)["actions"]]

    seed, machine, outdated, new = (scenario[k] for k in ("seed", "machine", "outdated", "new"))
    seed_pt = seed.get_translation(Locale.objects.get(language_code="pt"))
    assert reverse("wagtailadmin_pages:edit", args=[seed_pt.pk]) in urls(seed, "pt")
    assert reverse(
        "wagtail_localize:download_pofile", args=[translation_of(seed, "pt").pk]
    ) in urls(seed, "pt")
    assert reverse("translations:mark_reviewed", args=[translation_of(machine, "en").pk]) in urls(
        machine, "en"
    )
    update = reverse(
        "wagtail_localize:update_translations", args=[translation_of(outdated, "en").source_id]
    )
    assert any(url.startswith(update) for url in urls(outdated, "en"))
    submit = reverse("wagtail_localize:submit_page_translation", args=[new.pk])
    assert any(url.startswith(submit) for url in urls(new, "en"))

    html = response.content.decode()
    for value in ("in_progress", "machine", "outdated", "not_started", "up_to_date", "original"):
        assert f'data-state="{value}"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "outdated", "language": "en"}, {"outdated"}),
        ({"state": "machine"}, {"machine"}),
        ({"state": "in_progress", "language": "pt"}, {"seed"}),
        ({"state": "not_started"}, {"new"}),
        ({"q": "sin traducir"}, {"new"}),
    ],
)
def test_dashboard_filters(editor, scenario, query, expected):
    response = editor.get(DASHBOARD, query)
    shown = {row["practice"].page_id for row in response.context["rows"]}
    assert shown == {scenario[name].pk for name in expected}


def test_dashboard_queries_do_not_grow_with_practices(editor, superuser, scenario):
    editor.get(DASHBOARD)  # warm caches (content types, locales)
    with CaptureQueriesContext(connection) as before:
        editor.get(DASHBOARD)
    for n in range(8):
        add_practice(superuser, f"Práctica adicional {n}")
    with CaptureQueriesContext(connection) as after:
        response = editor.get(DASHBOARD)
    assert response.context["total"] == 13 + 1 + 8
    assert len(after) == len(before)


def test_dashboard_query_budget(editor, scenario, django_assert_max_num_queries):
    editor.get(DASHBOARD)
    with django_assert_max_num_queries(12):
        editor.get(DASHBOARD)


def test_dashboard_says_when_machine_translation_is_unavailable(editor, settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    html = editor.get(DASHBOARD).content.decode()
    assert 'data-machine-translation="unavailable"' in html


def test_dashboard_offers_pretranslation_where_apertium_can(editor, scenario, fake_apertium):
    response = editor.get(DASHBOARD)
    html = response.content.decode()
    assert 'data-machine-translation="unavailable"' not in html
    new = scenario["new"]
    row = next(r for r in response.context["rows"] if r["practice"].page_id == new.pk)
    urls = {c["status"].language: [a["url"] for a in c["actions"]] for c in row["cells"]}
    assert reverse("translations:pretranslate", args=[new.pk, "en"]) in urls["en"]


def test_dashboard_is_in_the_admin_menu(editor):
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert DASHBOARD in html


def test_dashboard_needs_admin_access(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("role", "sees_draft"),
    [("admin_only", False), ("translator", False), ("contributor", True), ("km_admin", True)],
)
def test_dashboard_lists_only_what_the_user_may_see(client, superuser, role, sees_draft):
    from django.contrib.auth.models import Group, Permission

    from practices.roles import CONTRIBUTORS, KM_ADMINS, TRANSLATORS

    es = Locale.objects.get(language_code="es")
    draft = PracticePage(title="Borrador confidencial", slug="borrador-confidencial", summary="R.")
    draft.locale = es
    PracticeIndexPage.objects.get(locale=es).add_child(instance=draft)
    draft.unpublish()
    user = get_user_model().objects.create_user(role, f"{role}@example.org", "x")
    groups = {"translator": TRANSLATORS, "contributor": CONTRIBUTORS, "km_admin": KM_ADMINS}
    if role in groups:
        user.groups.add(Group.objects.get(name=groups[role]))
    else:
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    html = client.get(DASHBOARD).content.decode()
    assert ("Borrador confidencial" in html) is sees_draft
    if role == "translator":  # what translators may translate is still listed
        assert PracticePage.objects.filter(locale=es).live().first().title in html
