"""The practice listing and the lessons library filter through the search service."""

import pytest
from bs4 import BeautifulSoup

from practices.models import LessonsLibraryPage, PracticeIndexPage

pytestmark = pytest.mark.django_db


def soup(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def option(html, name, value):
    return html.select_one(f'select[name="{name}"] option[value="{value}"]').get_text().strip()


def test_practice_filters_show_counts_for_the_current_selection(client):
    listing = PracticeIndexPage.objects.get(locale__language_code="es")
    html = soup(client, listing)
    assert option(html, "country", "BR") == "Brasil (4)"
    filtered = soup(client, listing, theme="salud")
    assert option(filtered, "country", "PE") == "Perú (1)"
    assert option(filtered, "country", "EC") == "Ecuador (0)"
    assert option(filtered, "theme", "salud").endswith("(2)")  # OR within a facet


def test_practice_listing_searches_words(client):
    listing = PracticeIndexPage.objects.get(locale__language_code="pt")
    html = soup(client, listing, q="remittances")
    titles = [a.get_text() for a in html.select(".card-title a")]
    assert titles == [
        "Remessas seguras e acessíveis: um programa regional de inclusão financeira para migrantes e suas famílias"
    ]


def test_lessons_library_searches_and_highlights(client):
    library = LessonsLibraryPage.objects.get(locale__language_code="es")
    html = soup(client, library, q="confianza")
    items = html.select("ol.library li.card")
    assert len(items) >= 4
    assert all(item.select("mark") for item in items)
    assert all("#leccion-" in item.select_one(".card-meta a")["href"] for item in items)
