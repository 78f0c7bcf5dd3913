"""A private translation is not shown in its language: the home page features the practice
in its original language instead, and the language switcher does not link to it."""

from django.contrib.auth.models import Group

from wagtail.models import Locale, PageViewRestriction

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_portuguese(home):
    """The first featured practice, with its Portuguese translation behind a password."""
    practice = home.featured.first().practice
    portuguese = practice.get_translation(Locale.objects.get(language_code="pt"))
    assert portuguese.live and portuguese.title != practice.title
    PageViewRestriction.objects.create(
        page=portuguese, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return practice, portuguese


def test_home_page_does_not_feature_a_private_translation(client, private_portuguese):
    practice, portuguese = private_portuguese
    html = client.get("/pt/").content.decode()
    assert portuguese.title not in html
    assert portuguese.summary not in html
    assert practice.title in html  # the original stands in for it


def test_home_page_does_not_feature_a_translation_for_a_group(client, home):
    practice = home.featured.first().practice
    english = practice.get_translation(Locale.objects.get(language_code="en"))
    restriction = PageViewRestriction.objects.create(
        page=english, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.first())
    html = client.get("/en/").content.decode()
    assert english.title not in html


def test_language_switcher_does_not_link_a_private_translation(client, private_portuguese):
    practice, portuguese = private_portuguese
    html = client.get(practice.url).content.decode()
    assert f'href="{portuguese.url}"' not in html
    english = practice.get_translation(Locale.objects.get(language_code="en"))
    assert f'href="{english.url}"' in html
