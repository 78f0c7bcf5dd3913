"""Open API, RSS feed and sitemap: every language, never a draft or a private page."""

from wagtail.models import Locale, PageViewRestriction

import pytest

from practices.models import PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_pages(superuser):
    """A draft, a private practice, and a live one with an unpublished newer revision."""
    index = PracticeIndexPage.objects.get(locale=Locale.get_default())
    draft = PracticePage(
        title="BORRADOR-OCULTO",
        slug="borrador-oculto",
        summary="x",
        live=False,
        locale=index.locale,
    )
    index.add_child(instance=draft)
    draft.save_revision(user=superuser)
    private = PracticePage(
        title="PRIVADA-OCULTA", slug="privada-oculta", summary="x", locale=index.locale
    )
    index.add_child(instance=private)
    private.save_revision(user=superuser).publish(user=superuser)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    live = PracticePage.objects.filter(locale=index.locale).first()
    live.title = "REVISION-NO-PUBLICADA"
    live.save_revision(user=superuser)
    return [draft, private]


def test_api_lists_practices_of_every_language(client):
    response = client.get("/api/v2/pages/", {"type": "practices.PracticePage", "limit": 100})
    assert response.status_code == 200
    locales = {item["meta"]["locale"] for item in response.json()["items"]}
    assert locales == {"es", "en", "pt"}
    assert response.json()["meta"]["total_count"] == 39


def test_api_detail_has_lessons_and_neutral_terms_but_no_internal_fields(client, seed_practice):
    seed_practice.review_notes = "NOTA-INTERNA"
    seed_practice.save_revision().publish()
    data = client.get(f"/api/v2/pages/{seed_practice.pk}/").json()
    assert [lesson["anchor"] for lesson in data["lessons"]] == [f"leccion-{n}" for n in range(1, 5)]
    assert data["terms"]["countries"] == ["EC"]
    assert data["public_contact"] is None
    assert "NOTA-INTERNA" not in str(data)
    assert "review_notes" not in data and "next_review_date" not in data


def test_hidden_content_never_leaks(client, hidden_pages):
    outputs = [
        client.get(
            "/api/v2/pages/", {"limit": 100, "type": "practices.PracticePage"}
        ).content.decode(),
        client.get("/sitemap.xml").content.decode(),
    ]
    for language in ("es", "en", "pt"):
        outputs.append(client.get(f"/{language}/feed/").content.decode())
    for output in outputs:
        for secret in (
            "BORRADOR-OCULTO",
            "PRIVADA-OCULTA",
            "REVISION-NO-PUBLICADA",
            "borrador-oculto",
            "privada-oculta",
        ):
            assert secret not in output
    for page in hidden_pages:
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_sitemap_covers_all_languages(client, seed_practice):
    xml = client.get("/sitemap.xml").content.decode()
    for page in seed_practice.get_translations(inclusive=True):
        assert page.get_full_url() in xml


def test_feed_is_in_the_visitor_language(client, seed_practice):
    english = seed_practice.get_translation(Locale.objects.get(language_code="en"))
    feed = client.get("/en/feed/").content.decode()
    assert english.title in feed and seed_practice.title not in feed
