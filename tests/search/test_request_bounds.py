"""Requests at the edges: page numbers past the end, the API's default language, and the
notice shown when the search engine falls back."""

from django.urls import reverse
from django.utils.translation import override

import pytest
from bs4 import BeautifulSoup

from practices.models import LessonsLibraryPage, PracticeIndexPage
from search import service

pytestmark = pytest.mark.django_db

ODD_PAGES = ["0", "-1", "4", "99", "500", "501", str(10**30), "abc", "1.5", "", "２"]


def pagination_text(response):
    nav = BeautifulSoup(response.content, "html.parser").select_one("nav.pagination")
    return nav.get_text(" ", strip=True) if nav else ""


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_search_page_past_the_end_answers_the_last_page(client, language):
    with override(language):
        url = reverse("search")
    last = service.search(
        "migrantes", language=language, page_size=10
    ).paginated.paginator.num_pages
    assert last >= 2
    for page in ODD_PAGES:
        response = client.get(url, {"q": "migrantes", "page": page})
        assert response.status_code == 200, page
    past = client.get(url, {"q": "migrantes", "page": last + 2})
    assert f"{last}" in pagination_text(past).split()
    assert BeautifulSoup(past.content, "html.parser").select("#search-results .search-hit")


def listing_urls(language):
    return [
        PracticeIndexPage.objects.get(locale__language_code=language).url,
        LessonsLibraryPage.objects.get(locale__language_code=language).url,
        LessonsLibraryPage.objects.get(locale__language_code=language).url
        + "?kind=recommendations",
    ]


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_listings_past_the_end_answer_the_last_page(client, language):
    for url in listing_urls(language):
        joiner = "&" if "?" in url else "?"
        for page in ODD_PAGES:
            response = client.get(f"{url}{joiner}page={page}")
            assert response.status_code == 200, (url, page)
    practices = client.get(listing_urls(language)[0] + "?page=4")
    assert "2" in pagination_text(practices).split()  # 13 practices, 12 a page: page 2 of 2


def test_api_page_past_the_end_answers_the_last_page(client):
    first = client.get("/api/search/", {"q": "salud", "lang": "es"}).json()
    last = -(-first["count"] // first["page_size"])
    past = client.get("/api/search/", {"q": "salud", "lang": "es", "page": last + 3}).json()
    assert past["page"] == last and past["results"]


def test_search_api_without_lang_answers_in_the_site_default(client):
    explicit = client.get("/api/search/", {"q": "salud", "lang": "es"})
    for accept in ("pt-BR,pt;q=0.9", "en-US,en;q=0.8", ""):
        response = client.get("/api/search/", {"q": "salud"}, HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 200
        assert response.json() == explicit.json(), accept
        assert "accept-language" not in response.get("Vary", "").lower()
    labels = client.get("/api/search/", {"q": "salud"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert labels["facets"]["type"][0]["label"] == "Práctica"


def test_autocomplete_without_lang_answers_in_the_site_default(client):
    explicit = client.get("/api/search/autocomplete/", {"q": "sal", "lang": "es"}).json()
    browser = client.get("/api/search/autocomplete/", {"q": "sal"}, HTTP_ACCEPT_LANGUAGE="pt")
    assert browser.json() == explicit


def broken(*args, **kwargs):
    from search.engines import EngineError

    raise EngineError("down")


def test_fallback_notice_tells_how_results_are_ordered(monkeypatch):
    """When the ranking engine falls back to the plain search, results come newest first and
    the notice says so; when it falls back to an engine that ranks, it does not."""
    from search import engines

    configured = engines.get_engine()
    monkeypatch.setattr(type(configured), "search", broken)
    plain = service.search("salud", language="es")
    assert plain.engine == "database"
    assert "date" in plain.notice or "fecha" in plain.notice
    service.forget_engine_failures()  # the circuit breaker would skip the engine for a while

    class Cluster(engines.base.Engine):
        name = "elasticsearch"
        search = broken

    monkeypatch.setattr(type(configured), "search", engines.base.DatabaseEngine.search)
    monkeypatch.setattr(service, "get_engine", lambda: Cluster())
    ranked = service.search("salud", language="es")
    assert ranked.engine == configured.name and ranked.count
    assert ranked.notice and "fecha" not in ranked.notice and "date" not in ranked.notice
