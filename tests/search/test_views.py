"""The search page (/es/buscar/, /en/search/, /pt/busca/) and the JSON API."""

import re
from itertools import pairwise

from django.urls import reverse
from django.utils.translation import override

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

API_KEYS = {"type", "title", "url", "locale", "snippet", "page_id", "practice_id"}


def search_url(language):
    with override(language):
        return reverse("search")


def page(client, language="es", **params):
    response = client.get(search_url(language), params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(("language", "path"), [("es", "/es/"), ("en", "/en/"), ("pt", "/pt/")])
def test_the_search_page_lives_under_each_language(client, language, path):
    assert search_url(language).startswith(path)
    assert client.get(search_url(language)).status_code == 200


def test_results_page_has_the_stable_hooks_for_browser_tests(client):
    soup = page(client, q="confianza")
    form = soup.select_one("form#search-form")
    assert form is not None and form.get("method") == "get"
    assert form.select_one('input[name="q"]')["value"] == "confianza"
    hits = soup.select("#search-results .search-hit")
    assert hits
    assert all(hit.select("mark") for hit in hits[:5])
    lesson_links = soup.select('#search-results .search-hit a[href*="#leccion-"]')
    assert lesson_links
    facets = soup.select('form input[type="checkbox"][name="type"]')
    assert {box["value"] for box in facets} >= {"practice", "lesson"}


def test_facet_checkboxes_filter_without_javascript(client):
    soup = page(client, q="salud", country="PE")
    checked = soup.select('input[name="country"][checked]')
    assert [box["value"] for box in checked] == ["PE"]
    count = soup.select_one(".result-count").get_text()
    assert re.search(r"\b2\b", count)  # two practices of Peru, their lessons listed under them
    assert soup.select_one('#search-filters input[type="hidden"][name="q"]')["value"] == "salud"


def test_results_page_is_accessible(client):
    soup = page(client, q="salud")
    assert len(soup.select("h1")) == 1
    # every form control has a label
    for control in soup.select("main input:not([type=hidden]), main select"):
        assert soup.select_one(f'label[for="{control["id"]}"]'), control
    assert soup.select_one('[role="status"]')
    assert soup.select_one("#search-results").name == "ol"
    headings = [int(tag.name[1]) for tag in soup.select("main h1, main h2, main h3")]
    assert all(b - a <= 1 for a, b in pairwise(headings))


def test_other_language_hits_carry_a_language_label(client, superuser):
    from wagtail.models import Locale

    from practices.models import PracticeIndexPage, PracticePage

    index = PracticeIndexPage.objects.get(locale__language_code="en")
    practice = PracticePage(
        title="Beekeeping cooperatives",
        slug="beekeeping",
        summary="Hives on rooftops.",
        original_language="en",
        locale=index.locale,
    )
    index.add_child(instance=practice)
    practice.save_revision(user=superuser).publish(user=superuser)
    soup = page(client, "pt", q="beekeeping")
    hit = soup.select_one(".search-hit")
    assert hit.select_one('.badge-lang[lang="en"]')
    assert hit.select_one('a[lang="en"]')["href"] == practice.url
    assert Locale.objects.filter(language_code="pt").exists()


def test_typo_shows_the_suggestion(client):
    soup = page(client, q="xenofovia")
    assert soup.select_one(".search-suggestion-link").get_text() == "xenofobia"
    assert soup.select("#search-results .search-hit")


def test_empty_page_shows_the_form_only(client):
    soup = page(client)
    assert soup.select_one("form#search-form")
    assert not soup.select("#search-results")


def test_api_response_shape(client):
    data = client.get("/api/search/", {"q": "remesas", "lang": "en"}).json()
    assert set(data) >= {"count", "results", "facets", "suggestion"}
    # one practice, its matching lesson and recommendation listed under it
    assert data["count"] == 1 and data["suggestion"] is None
    assert [m["type"] for m in data["results"][0]["matches"]] == ["lesson", "recommendation"]
    assert all(set(hit) >= API_KEYS for hit in data["results"])
    assert {hit["locale"] for hit in data["results"]} == {"en"}
    assert {hit["practice_id"] for hit in data["results"]} == {data["results"][0]["practice_id"]}
    assert set(data["facets"]) >= {
        "type",
        "country",
        "theme",
        "population",
        "gcm",
        "year",
        "language",
    }
    assert all(set(v) == {"value", "label", "count"} for v in data["facets"]["country"])
    assert "<mark>" in data["results"][0]["snippet"]


def test_api_lesson_hit_points_at_its_practice(client):
    data = client.get("/api/search/", {"q": "confianza", "lang": "es", "type": "lesson"}).json()
    hit = data["results"][0]
    from practices.models import PracticePage

    practice = PracticePage.objects.get(pk=hit["page_id"])
    assert hit["type"] == "lesson"
    assert hit["url"].startswith(practice.url + "#leccion-")
    assert hit["practice_id"] == str(practice.translation_key)


def test_api_repeatable_filters_and_pagination(client):
    data = client.get(
        "/api/search/",
        {"lang": "es", "type": "practice", "country": ["EC", "PE"], "page_size": 2, "page": 2},
    ).json()
    assert data["count"] == 3 and len(data["results"]) == 1


def test_api_suggestion_on_a_typo(client):
    data = client.get("/api/search/", {"q": "remitances", "lang": "en"}).json()
    assert data["suggestion"] == "remittances" and data["count"] > 0


@pytest.mark.parametrize(
    "params",
    [
        {"q": "salud", "lang": "fr"},
        {"q": "salud", "page": "0"},
        {"q": "salud", "page": "x"},
        {"q": "salud", "page_size": "500"},
        {"q": "salud", "sort": "random"},
        {"q": "x" * 1001},
    ],
)
def test_api_rejects_bad_parameters_with_400(client, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert "error" in response.json()


def test_autocomplete_titles_and_terms(client):
    data = client.get("/api/search/autocomplete/", {"q": "remes", "lang": "es"}).json()
    labels = [item["label"] for item in data["suggestions"]]
    assert any(label.startswith("Remesas seguras") for label in labels)
    data = client.get("/api/search/autocomplete/", {"q": "heal", "lang": "en"}).json()
    assert {"type": "theme", "label": "Health", "value": "salud", "url": None} in data[
        "suggestions"
    ]
