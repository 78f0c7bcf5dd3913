"""The public language label: original, human-reviewed translation or machine translation
awaiting review, always with a way to the original; cheap enough for every page view."""

import re
from datetime import timedelta

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation

import pytest

from practices.localisation.public_label import public_language_status
from practices.models import ToolkitPage

pytestmark = pytest.mark.django_db


def label(html):
    return re.search(r'<p class="language-status"[^>]*data-language-status="(\w+)"', html).group(1)


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def make_machine(page):
    """Flag the live English title as machine output saved before the last publication."""
    StringTranslation.objects.filter(
        locale=page.locale, context__object_id=page.translation_key, context__path="title"
    ).update(
        translation_type="machine",
        tool_name="Apertium",
        updated_at=page.last_published_at - timedelta(minutes=1),
    )


def test_original_page(client, seed_practice):
    html = client.get(seed_practice.url).content.decode()
    assert label(html) == "original"
    assert "Original version" in html or "Versión original" in html


def test_human_translation_links_to_the_original(client, seed_practice):
    html = client.get(english(seed_practice).url).content.decode()
    assert label(html) == "human"
    assert f'href="{seed_practice.url}"' in html
    assert 'hreflang="es"' in html


def test_machine_translation_awaiting_review(client, seed_practice):
    page = english(seed_practice)
    make_machine(page)
    html = client.get(page.url).content.decode()
    assert label(html) == "machine"
    assert f'href="{seed_practice.url}"' in html, "visitors can always open the original"


def test_machine_strings_saved_after_publication_are_not_live_yet(seed_practice):
    page = english(seed_practice)
    StringTranslation.objects.filter(
        locale=page.locale, context__object_id=page.translation_key, context__path="title"
    ).update(translation_type="machine", updated_at=page.last_published_at + timedelta(hours=1))
    assert public_language_status(page).kind == "human"


def test_toolkits_use_the_same_label(client):
    toolkit = ToolkitPage.objects.filter(locale__language_code="es").first()
    translated = english(toolkit)
    assert label(client.get(toolkit.url).content.decode()) == "original"
    assert label(client.get(translated.url).content.decode()) == "human"
    make_machine(translated)
    assert label(client.get(translated.url).content.decode()) == "machine"


def test_label_costs_at_most_two_queries(seed_practice, django_assert_max_num_queries):
    page = type(seed_practice).objects.select_related("locale").get(pk=english(seed_practice).pk)
    with django_assert_max_num_queries(2):
        status = public_language_status(page)
    assert status.kind == "human" and status.original.pk == seed_practice.pk
    original = type(seed_practice).objects.select_related("locale").get(pk=seed_practice.pk)
    with django_assert_max_num_queries(0):
        assert public_language_status(original).kind == "original"


def test_translation_behind_a_republished_original_does_not_claim_review(client, seed_practice):
    seed_practice.summary = "Resumen corregido después de la traducción."
    seed_practice.save_revision().publish()
    html = client.get(english(seed_practice).url).content.decode()
    assert label(html) == "outdated"
    assert "The original has been updated since this translation was published." in html
    assert "reviewed by our team" not in html
    assert f'href="{seed_practice.url}"' in html
