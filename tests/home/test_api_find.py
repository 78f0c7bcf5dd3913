"""/api/v2/pages/find/?html_path= resolves the site's language-prefixed paths."""

from wagtail.models import Locale, PageViewRestriction

import pytest

pytestmark = pytest.mark.django_db


def find(client, path):
    return client.get("/api/v2/pages/find/", {"html_path": path})


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_find_resolves_a_language_prefixed_path(client, seed_practice, language):
    page = seed_practice.get_translation(Locale.objects.get(language_code=language))
    response = find(client, page.url)
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert detail.json()["id"] == page.pk
    assert detail.json()["meta"]["locale"] == language


def test_find_resolves_the_home_pages(client, home):
    for language in ("es", "en", "pt"):
        response = find(client, f"/{language}/")
        assert response.status_code == 302, language
        assert client.get(response["Location"]).json()["meta"]["locale"] == language


def test_find_answers_404_for_unknown_and_private_paths(client, seed_practice):
    assert find(client, "/es/practicas/no-existe/").status_code == 404
    assert find(client, "/xx/practicas/").status_code == 404
    PageViewRestriction.objects.create(
        page=seed_practice, restriction_type=PageViewRestriction.LOGIN
    )
    assert find(client, seed_practice.url).status_code == 404
