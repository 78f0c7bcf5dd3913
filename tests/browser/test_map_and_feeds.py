"""A visitor opens the map of countries and clicks one, and follows a search's feed."""

import re
import urllib.request

import feedparser
import pytest
from playwright.sync_api import expect
from test_accessibility import audit  # tests/browser is on sys.path (rootdir conftest)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("language", "path"), [("es", "/es/paises/"), ("en", "/en/countries/")])
def test_map_to_a_country_listing(page, hub, screenshot, language, path):
    page.goto(f"{hub.url}/{language}/")
    page.locator(f'a[href="{path}"]').first.click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))
    assert audit(page, f"country-map-{language}") == []
    screenshot(page, f"country-map-{language}")

    ecuador = page.locator('svg a[data-country="EC"]')
    count = int(re.search(r": (\d+) ", ecuador.get_attribute("aria-label")).group(1))
    assert count > 0
    # keyboard: the countries are links in the tab order
    ecuador.focus()
    expect(ecuador).to_be_focused()
    ecuador.click()
    page.wait_for_url(re.compile(r"\?country=EC$"))
    expect(page.locator(".result-count")).to_contain_text(str(count))
    expect(page.locator(".cards article.card").first).to_be_visible()


def test_follow_a_search_feed(page, hub, screenshot):
    page.goto(f"{hub.url}/es/buscar/?q=remesas")
    link = page.locator("a.search-feed-link")
    expect(link).to_have_text("Seguir esta búsqueda")
    href = link.get_attribute("href")
    assert page.locator(f'link[rel="alternate"][href="{href}"]').count() == 1
    with urllib.request.urlopen(hub.url + href) as response:  # noqa: S310 — the local test server
        feed = feedparser.parse(response.read())
    assert not feed.bozo and feed.entries
    with urllib.request.urlopen(hub.url + "/es/feed/") as response:  # noqa: S310
        everything = feedparser.parse(response.read())
    assert {e.link for e in feed.entries} != {e.link for e in everything.entries}
    screenshot(page, "search-feed-link")
