"""The completeness score: required and recommended content, lessons, translations up to date;
in the admin practice listing as a column and a filter, and in the dashboard."""

import pytest

from practices.localisation.completeness import WEIGHTS, Band, band_for
from practices.localisation.status import State, practice_statuses, statuses_by_key
from practices.models import PracticePage

from .conftest import submit_translation

pytestmark = pytest.mark.django_db

LISTING = "/admin/practice-listing/"


def status_of(page):
    return statuses_by_key([page.translation_key])[page.translation_key]


def test_complete_demo_practice_scores_100():
    scores = {status.title: status.score for status in practice_statuses()}
    assert max(scores.values()) == 100


def test_seed_practice_lacks_content_but_has_translations(seed_practice):
    status = status_of(seed_practice)
    missing = {str(label): ok for label, ok, _required in status.checks}
    assert status.languages["en"].state == State.UP_TO_DATE
    assert not any(s in status.missing for s in ("lessons learned", "lecciones aprendidas"))
    assert 0 < status.score < 100
    assert len(status.missing) == list(missing.values()).count(False)


def test_score_parts(practice):
    """The fixture practice: summary, lessons, recommendations and a theme; no translation."""
    status = status_of(practice)
    required = [ok for _label, ok, is_required in status.checks if is_required]
    recommended = [ok for _label, ok, is_required in status.checks if not is_required]
    expected = round(
        WEIGHTS["required"] * sum(required) / len(required)
        + WEIGHTS["recommended"] * sum(recommended) / len(recommended)
    )
    assert status.score == expected, "no credit for the two missing translations"
    assert status.band == Band.LOW
    assert {s.state for code, s in status.languages.items() if code != "es"} == {State.NOT_STARTED}


def test_translations_raise_the_score(practice, editor, en, pt):
    before = status_of(practice).score
    submit_translation(editor, practice, en)
    started = status_of(practice)
    assert started.languages["en"].state == State.IN_PROGRESS
    # half credit for one of two languages: 30 × 0.5 / 2 = 7.5 points (rounded with the rest)
    assert abs(started.score - before - WEIGHTS["translations"] * 0.5 / 2) <= 0.5


def test_bands():
    assert band_for(0) == Band.LOW
    assert band_for(49) == Band.LOW
    assert band_for(50) == Band.MEDIUM
    assert band_for(79) == Band.MEDIUM
    assert band_for(80) == Band.HIGH


def test_two_queries_for_any_number_of_practices(django_assert_num_queries):
    with django_assert_num_queries(2):
        statuses = practice_statuses()
    assert len(statuses) == 13


def test_listing_shows_the_score(editor, seed_practice):
    response = editor.get(LISTING)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-band="{status_of(seed_practice).band}"' in html
    assert f"{status_of(seed_practice).score} %" in html


def test_listing_filters_by_band(editor, seed_practice, practice):
    response = editor.get(LISTING, {"completeness": "low"})
    assert response.status_code == 200
    pages = {page.pk for page in response.context["pages"]}
    assert practice.pk in pages
    assert seed_practice.pk not in pages
    high = {page.pk for page in editor.get(LISTING, {"completeness": "high"}).context["pages"]}
    complete = [s for s in practice_statuses() if s.band == Band.HIGH]
    expected = set(
        PracticePage.objects.filter(
            translation_key__in=[s.translation_key for s in complete]
        ).values_list("pk", flat=True)
    )
    assert high == expected


def test_dashboard_filters_by_band(editor, practice):
    response = editor.get("/admin/translation-status/", {"band": "low"})
    shown = {row["practice"].page_id for row in response.context["rows"]}
    assert practice.pk in shown
    assert all(row["practice"].band == Band.LOW for row in response.context["rows"])
