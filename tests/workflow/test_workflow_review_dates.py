"""Keeping practices current: the "due for review" dashboard panel and the public notice."""

import datetime

from django.urls import reverse

from wagtail.models import Locale, Site

import pytest

from home.models import HubSettings
from home.templatetags.freshness_tags import months_between
from practices.admin_views import practices_due_for_review
from practices.models import PracticePage

pytestmark = pytest.mark.django_db

PANEL = 'id="practices-review-due-section"'
NOTICE = 'class="note freshness-notice"'


def set_everywhere(practice, **fields):
    """Synchronised fields: set them on the practice and all its translations."""
    PracticePage.objects.filter(translation_key=practice.translation_key).update(**fields)


def translation(practice, language):
    return practice.get_translation(Locale.objects.get(language_code=language))


# The dashboard panel


def test_panel_lists_overdue_practices_once(client, users, seed_practice, today):
    set_everywhere(seed_practice, next_review_date=today - datetime.timedelta(days=1))
    client.force_login(users["km_admin"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert PANEL in html
    panel = html.split(PANEL, 1)[1].split("</section>", 1)[0]
    assert panel.count(reverse("wagtailadmin_pages:edit", args=[seed_practice.pk])) == 1
    for language in ("en", "pt"):
        other = translation(seed_practice, language)
        assert reverse("wagtailadmin_pages:edit", args=[other.pk]) not in panel


def test_panel_is_absent_when_nothing_is_due(client, users, seed_practice, today):
    PracticePage.objects.update(next_review_date=None)
    set_everywhere(seed_practice, next_review_date=today + datetime.timedelta(days=30))
    client.force_login(users["km_admin"])
    assert PANEL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_panel_only_lists_practices_the_user_may_edit(client, users, seed_practice, today):
    PracticePage.objects.update(next_review_date=None)  # the demo has other practices due
    set_everywhere(seed_practice, next_review_date=today)
    assert seed_practice in practices_due_for_review(users["contributor"])
    assert seed_practice in practices_due_for_review(users["reviewer"])
    assert seed_practice not in practices_due_for_review(users["translator"])
    client.force_login(users["translator"])
    assert PANEL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_panel_orders_by_how_long_overdue(users, today):
    first, second = PracticePage.objects.filter(locale__language_code="es")[:2]
    set_everywhere(first, next_review_date=today - datetime.timedelta(days=1))
    set_everywhere(second, next_review_date=today - datetime.timedelta(days=400))
    due = list(practices_due_for_review(users["km_admin"]))
    assert due.index(second) < due.index(first)


# The public notice


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        (datetime.date(2020, 1, 31), datetime.date(2020, 2, 29), 0),
        (datetime.date(2020, 1, 15), datetime.date(2020, 2, 15), 1),
        (datetime.date(2019, 12, 1), datetime.date(2023, 11, 30), 47),
        (datetime.date(2019, 12, 1), datetime.date(2023, 12, 1), 48),
    ],
)
def test_months_between(earlier, later, months):
    assert months_between(earlier, later) == months


@pytest.mark.parametrize(
    ("language", "month"), [("es", "marzo de 2015"), ("en", "March 2015"), ("pt", "março de 2015")]
)
def test_old_practice_shows_the_notice_in_the_visitors_language(
    client, seed_practice, language, month
):
    set_everywhere(seed_practice, published_date=datetime.date(2015, 3, 10))
    html = client.get(translation(seed_practice, language).url).content.decode()
    assert NOTICE in html
    notice = html.split(NOTICE, 1)[1].split("</aside>", 1)[0]
    assert month in notice
    assert f'<html lang="{language}">' in html


def test_recent_practice_has_no_notice(client, seed_practice, today):
    set_everywhere(seed_practice, published_date=today)
    assert NOTICE not in client.get(seed_practice.url).content.decode()


@pytest.mark.parametrize(("months_old", "shown"), [(11, False), (12, True), (13, True)])
def test_notice_follows_the_hub_threshold(client, seed_practice, today, months_old, shown):
    settings = HubSettings.for_site(Site.objects.get(is_default_site=True))
    settings.freshness_months = 12
    settings.save()
    year, month = divmod(today.year * 12 + today.month - 1 - months_old, 12)
    set_everywhere(seed_practice, published_date=datetime.date(year, month + 1, 1))
    assert (NOTICE in client.get(seed_practice.url).content.decode()) is shown


def test_threshold_zero_turns_the_notice_off(client, seed_practice, long_ago):
    settings = HubSettings.for_site(Site.objects.get(is_default_site=True))
    settings.freshness_months = 0
    settings.save()
    set_everywhere(seed_practice, published_date=long_ago)
    assert NOTICE not in client.get(seed_practice.url).content.decode()
