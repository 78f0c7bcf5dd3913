"""A visitor searches in Portuguese without accents, narrows with two facets, opens a lesson;
another asks an English question and finds a practice written only in Spanish."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from test_accessibility import audit  # tests/browser is on sys.path (rootdir conftest)

pytestmark = pytest.mark.browser


def test_portuguese_search_without_accents_to_a_lesson_anchor(page, hub, screenshot):
    page.goto(f"{hub.url}/pt/busca/")
    page.fill("#search-q", "saude")
    page.locator("#search-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/pt/busca/\?q=saude"))
    hits = page.locator("#search-results .search-hit")
    expect(hits.first).to_be_visible()
    everything = hits.count()
    marks = page.locator("#search-results mark")
    expect(marks.first).to_be_visible()
    assert any("saúde" in text.lower() for text in marks.all_inner_texts())
    screenshot(page, "search-pt-saude")
    assert audit(page, "search-pt-saude") == []

    # Two facets: Peru, and lessons learned only.
    page.locator("#search-filters input[name=country][value=PE]").check()
    page.locator("#search-filters input[name=type][value=lesson]").check()
    page.locator("#search-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"country=PE"))
    assert "type=lesson" in page.url
    hits = page.locator("#search-results .search-hit")
    expect(hits.first).to_be_visible()
    assert 0 < hits.count() < everything
    assert hits.count() == page.locator("#search-results .search-hit-lesson").count()
    screenshot(page, "search-pt-two-facets")

    link = hits.first.locator(".hit-title a")
    href = link.get_attribute("href")
    assert re.search(r"#leccion-\d+$", href)
    link.click()
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(href).path)
    anchor = href.rsplit("#", 1)[1]
    assert page.evaluate("document.querySelector(':target')?.id") == anchor
    expect(page.locator(f"#{anchor}")).to_be_in_viewport()
    screenshot(page, "search-pt-lesson-anchor")


def test_an_english_question_finds_a_spanish_only_practice_and_its_lesson(page, hub, screenshot):
    gardens = hub.search["gardens"]
    page.goto(f"{hub.url}/en/search/")
    page.fill("#search-q", "how can community gardens help migrant women grow food")
    page.locator("#search-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/en/search/\?q=how"))
    hit = page.locator("#search-results .search-hit", has_text=gardens["title"])
    expect(hit).to_be_visible()
    expect(hit.locator(".badge-lang")).to_have_attribute("lang", "es")
    assert page.locator("#search-results .search-hit").count() == len(
        set(page.locator("#search-results .hit-title a").evaluate_all("a => a.map(x => x.href)"))
    )  # one result per practice
    lesson = hit.locator(".hit-matches a").first
    expect(lesson).to_be_visible()
    href = lesson.get_attribute("href")
    assert href.endswith("#leccion-1") and urlsplit(href).path == gardens["url"]
    screenshot(page, "search-en-question-es-practice")
    assert audit(page, "search-en-question-es-practice") == []
    lesson.click()
    page.wait_for_url(lambda url: urlsplit(url).path == gardens["url"])
    assert page.evaluate("document.querySelector(':target')?.id") == "leccion-1"
