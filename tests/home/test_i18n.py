"""Three languages: prefixes, the language switcher, untranslated pages."""

from django.urls import reverse
from django.utils.translation import override

from wagtail.models import Locale

import pytest

from practices.models import PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db


def switcher_links(html):
    nav = html.split('class="languages"', 1)[1].split("</nav>", 1)[0]
    return nav


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/es/", "Buenas prácticas sobre migración"),
        ("/en/", "migration"),
        ("/pt/", "migração"),
    ],
)
def test_home_in_each_language(client, path, heading):
    response = client.get(path)
    assert response.status_code == 200
    assert heading.lower() in response.content.decode().lower()


def test_root_redirects_to_spanish(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/es/"


def test_switcher_links_to_the_same_practice_in_other_languages(client, seed_practice):
    html = client.get(seed_practice.url).content.decode()
    nav = switcher_links(html)
    for language in ("en", "pt"):
        translation = seed_practice.get_translation(Locale.objects.get(language_code=language))
        assert f'href="{translation.url}"' in nav


def test_untranslated_page_says_so_and_offers_the_original(client, superuser):
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    page = PracticePage(
        title="Práctica solo en español",
        slug="solo-espanol",
        summary="Resumen.",
        locale=index.locale,
    )
    index.add_child(instance=page)
    page.save_revision(user=superuser).publish(user=superuser)
    nav = switcher_links(client.get(page.url).content.decode())
    with override("en"):
        english_url = reverse("translation_missing", args=[page.pk])
    assert english_url.startswith("/en/") and english_url in nav
    response = client.get(english_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "not translated yet" in html
    assert f'href="{page.url}"' in html


def test_translation_missing_for_a_draft_is_404(client, superuser):
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    draft = PracticePage(
        title="Borrador", slug="borrador", summary="x", live=False, locale=index.locale
    )
    index.add_child(instance=draft)
    assert client.get(reverse("translation_missing", args=[draft.pk])).status_code == 404


def test_interface_strings_follow_the_url_language(client, seed_practice):
    english = seed_practice.get_translation(Locale.objects.get(language_code="en"))
    assert "Lessons learned" in client.get(english.url).content.decode()
