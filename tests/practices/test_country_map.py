"""The map of South America: server-rendered SVG, counts equal to the filtered listings."""

import re

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from practices.models import PracticeIndexPage
from practices.regionmap import legend, outlines, shade

pytestmark = pytest.mark.django_db

SOUTH_AMERICA = {"AR", "BO", "BR", "CL", "CO", "EC", "GY", "PY", "PE", "SR", "UY", "VE"}


def map_page(client, language):
    with translation.override(language):
        url = reverse("country_map")
    response = client.get(url)
    assert response.status_code == 200
    return url, BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("language", "path"), [("es", "/es/paises/"), ("en", "/en/countries/"), ("pt", "/pt/paises/")]
)
def test_map_counts_match_the_filtered_listing(client, language, path):
    url, soup = map_page(client, language)
    assert url == path
    countries = soup.select("svg a.map-country")
    assert {link["data-country"] for link in countries} == SOUTH_AMERICA
    index = PracticeIndexPage.objects.get(locale=Locale.objects.get(language_code=language))
    table = {
        row.th.a["href"]: int(row.td.text) for row in soup.select("table.country-counts tbody tr")
    }
    for link in countries:
        assert link["href"] == f"{index.url}?country={link['data-country']}"
        assert link.path["d"].startswith("M")
        count = int(re.search(r": (\d+) ", link["aria-label"]).group(1))
        assert table[link["href"]] == count
        listing = BeautifulSoup(client.get(link["href"]).content, "html.parser")
        shown = int(re.search(r"\d+", listing.select_one(".result-count").text).group())
        assert shown == count, link["data-country"]
    assert sum(table.values()) > 0
    ecuador = soup.select_one('a[data-country="EC"]')
    assert "shade-0" not in ecuador["class"]


def test_map_needs_no_script_and_no_tiles(client):
    _url, soup = map_page(client, "es")
    main = soup.select_one("main")
    assert not main.select("script") and not main.select("img")
    assert soup.select_one("svg title").text
    assert "/es/paises/" in client.get("/es/").content.decode()


def test_outlines_and_shades():
    data = outlines()
    assert set(data["countries"]) == SOUTH_AMERICA
    assert data["viewBox"].startswith("0 0 ")
    assert [shade(count, 8) for count in (0, 1, 2, 3, 8)] == [0, 1, 1, 2, 4]
    levels = legend(8)
    assert levels[0] == (0, 0, 0) and levels[-1] == (4, 7, 8)
