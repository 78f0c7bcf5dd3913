"""Feeds of a search (RSS 2.0 and Atom), read by feedparser as a feed reader would."""

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

import feedparser
import pytest
from bs4 import BeautifulSoup

from practices.models import PracticeIndexPage

pytestmark = pytest.mark.django_db


def parsed(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def feed_url(language, atom=False):
    with translation.override(language):
        return reverse("practice_feed_atom" if atom else "practice_feed")


@pytest.mark.parametrize("atom", [False, True])
@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_feeds_parse_and_follow_the_query(client, language, atom):
    everything = parsed(client, feed_url(language, atom))
    assert everything.version == ("atom10" if atom else "rss20")
    assert len(everything.entries) > 5
    health = parsed(client, feed_url(language, atom), {"q": "salud"})
    assert 0 < len(health.entries) < len(everything.entries)
    assert {entry.link for entry in health.entries} != {e.link for e in everything.entries}
    assert all(entry.link.startswith("http://testserver/") for entry in health.entries)


def test_feed_filters_by_facets_like_search(client):
    api = client.get(
        reverse("search_api"),
        {"country": "EC", "type": "practice", "lang": "es", "sort": "date", "page_size": 30},
    ).json()
    feed = parsed(client, feed_url("es"), {"country": "EC", "type": "practice"})
    assert [entry.link for entry in feed.entries] == [
        "http://testserver" + result["url"] for result in api["results"]
    ]
    lessons = parsed(client, feed_url("es"), {"type": "lesson", "q": "remesas"})
    assert lessons.entries and all("#leccion-" in entry.link for entry in lessons.entries)


def test_hostile_parameters_still_give_a_feed(client):
    feed = parsed(client, feed_url("es"), {"q": "<script>" * 300, "country": "ZZ", "gcm": "x"})
    assert feed.feed.title


def test_search_page_and_listing_link_the_feed_of_the_current_search(client):
    html = client.get(reverse("search"), {"q": "remesas", "country": "CO"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    alternates = [link["href"] for link in soup.select('link[rel="alternate"][type]')]
    follow = soup.select_one("a.search-feed-link")["href"]
    assert follow in alternates
    assert "q=remesas" in follow and "country=CO" in follow
    assert parsed(client, follow).entries

    index = PracticeIndexPage.objects.get(locale=Locale.objects.get(language_code="en"))
    html = client.get(index.url, {"theme": "salud"}).content.decode()
    follow = BeautifulSoup(html, "html.parser").select_one("a.search-feed-link")["href"]
    assert follow.startswith("/en/") and "theme=salud" in follow and "type=practice" in follow
    entries = parsed(client, follow).entries
    assert entries and all("/en/practices/" in entry.link for entry in entries)
