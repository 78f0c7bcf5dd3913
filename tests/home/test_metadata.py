"""Metadata for machines on every public page: canonical, hreflang, OpenGraph, JSON-LD, sitemap."""

import json
from pathlib import Path

from django.urls import reverse

from wagtail.models import Locale, PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from practices.models import PracticePage, ToolkitPage

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parents[1] / "schemas"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def hreflangs(soup):
    return {link["hreflang"]: link["href"] for link in soup.select("link[rel=alternate][hreflang]")}


def json_ld(soup):
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_hreflang_is_symmetric_across_translations(client, seed_practice):
    versions = list(seed_practice.get_translations(inclusive=True).live())
    assert len(versions) == 3
    sets = {}
    for page in versions:
        soup = head(client, page.url)
        assert soup.select_one("link[rel=canonical]")["href"] == page.get_full_url()
        sets[page.pk] = hreflangs(soup)
    first = next(iter(sets.values()))
    assert set(first) == {"es", "en", "pt", "x-default"}
    assert first["x-default"] == first[seed_practice.original_language]
    assert all(found == first for found in sets.values())
    for code, url in first.items():
        if code != "x-default":
            assert hreflangs(head(client, url)) == first


def test_hreflang_leaves_out_private_translations(client, seed_practice):
    portuguese = seed_practice.get_translation(Locale.objects.get(language_code="pt"))
    PageViewRestriction.objects.create(page=portuguese, restriction_type=PageViewRestriction.LOGIN)
    found = hreflangs(head(client, seed_practice.url))
    assert set(found) == {"es", "en", "x-default"}


def test_search_and_listing_pages_carry_metadata(client):
    soup = head(client, reverse("search") + "?q=salud")
    assert soup.select_one("link[rel=canonical]")["href"] == "http://testserver/es/buscar/"
    assert set(hreflangs(soup)) == {"es", "en", "pt", "x-default"}
    assert soup.select_one('meta[property="og:title"]')["content"]


def test_practice_json_ld_and_opengraph(client, seed_practice):
    english = seed_practice.get_translation(Locale.objects.get(language_code="en"))
    PracticePage.objects.filter(translation_key=seed_practice.translation_key).update(
        contact_email="punto.focal@example.org", contact_consent=True
    )
    soup = head(client, english.url)
    assert "punto.focal@example.org" not in soup.select_one("head").decode()
    data = json_ld(soup)
    assert data["@context"] == "https://schema.org"
    assert data["name"] == english.title
    assert data["description"] == english.summary
    assert data["inLanguage"] == "en"
    assert data["url"] == english.get_full_url()
    assert data["datePublished"] == english.published_date.isoformat()
    assert data["dateModified"].startswith(str(english.last_published_at.year))
    assert data["spatialCoverage"] == [{"@type": "Country", "name": "Ecuador", "identifier": "EC"}]
    assert any("termCode" in term for term in data["about"])
    assert {org["name"] for org in data["funder"]} == {"MiRAC", "InnovaMigración"}
    assert all(org["@type"] == "Organization" for org in data["funder"])
    assert data["translationOfWork"]["url"] == seed_practice.get_full_url()
    assert data["license"].startswith("https://creativecommons.org/")
    assert soup.select_one('meta[property="og:title"]')["content"] == english.title
    assert soup.select_one('meta[property="og:description"]')["content"]

    original = json_ld(head(client, seed_practice.url))
    assert {item["inLanguage"] for item in original["workTranslation"]} == {"en", "pt"}
    assert "translationOfWork" not in original


def test_toolkit_json_ld(client):
    toolkit = ToolkitPage.objects.live().filter(locale__language_code="es").first()
    data = json_ld(head(client, toolkit.url))
    assert data["name"] == toolkit.title and data["inLanguage"] == "es"


def test_sitemap_validates_and_lists_language_alternates(client, seed_practice):
    body = client.get(reverse("sitemap")).content
    document = etree.fromstring(body)
    schema = etree.XMLSchema(etree.parse(SCHEMAS / "sitemap-with-alternates.xsd"))
    schema.assertValid(document)
    by_loc = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")
        }
        for url in document.iter(f"{SITEMAP}url")
    }
    expected = {
        p.locale.language_code: p.get_full_url()
        for p in seed_practice.get_translations(inclusive=True).live()
    }
    for location in expected.values():
        alternates = by_loc[location]
        assert {code: url for code, url in alternates.items() if code != "x-default"} == expected
        assert alternates["x-default"] == expected[seed_practice.original_language]
    assert hreflangs(head(client, seed_practice.url)) == by_loc[seed_practice.get_full_url()]


def test_robots_and_favicon(client):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    icon = client.get("/favicon.ico")
    assert icon.status_code == 301 and icon["Location"].endswith("favicon.ico")
    soup = head(client, "/es/")
    assert soup.select_one('link[rel="icon"]')["href"].endswith("favicon.svg")
