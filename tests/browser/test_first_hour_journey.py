"""A newcomer's first hour (issue 13), in a real browser: the language switcher keeps the
page and its parameters, a phone sees results first, the Portuguese admin is Brazilian, dates
read naturally. Also makes the README's screenshots (docs/screenshots/)."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SWITCHER = "header nav.languages"
PHONE = {"width": 390, "height": 844}
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SEARCH = {"es": "/es/buscar/", "en": "/en/search/", "pt": "/pt/busca/"}
PUBLISHED = {"es": "18 de marzo de 2024", "en": "18 March 2024", "pt": "18 de março de 2024"}
# What the es and pt admin must never show (issue 13): Spanish in pt, pt_PT, English in both.
ENGLISH_LEFTOVERS = [
    r"Search…",
    r"\d+-\d+ of \d+",
    r"\d+ quer(y|ies)\b",
    r"\d+ (Images?|Documents?)\b",
    r"editor guide",
]
ADMIN_LEFTOVERS = {
    "pt": [r"\bAyuda\b", r"Cerrar todo", r"Escribe algo", r"Gravar rascunho", *ENGLISH_LEFTOVERS],
    "es": ENGLISH_LEFTOVERS,
}


def switch(page, language):
    page.locator(f"{SWITCHER} a[hreflang={language}]").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)
    parts = urlsplit(page.url)
    return parts.path, parse_qs(parts.query)


def test_switcher_keeps_the_search_and_its_filters(page, hub):
    page.goto(f"{SEARCH['es']}?q=salud&country=PE&sort=date")
    for language in ["en", "pt", "es"]:
        path, query = switch(page, language)
        assert path == SEARCH[language]
        assert query == {"q": ["salud"], "country": ["PE"], "sort": ["date"]}
        expect(page.locator("#search-q")).to_have_value("salud")


def test_switcher_keeps_the_listing_filters(page, hub):
    page.goto(f"{hub.page_url('listing', 'es')}?country=EC&theme=emprendimiento&sort=title")
    for language in ["en", "pt"]:
        path, query = switch(page, language)
        assert path == hub.page_url("listing", language)
        assert query == {"country": ["EC"], "theme": ["emprendimiento"], "sort": ["title"]}
        expect(page.locator("#filter-country")).to_have_value("EC")
        page.go_back()


def test_switcher_on_propose_and_not_translated_pages(page, hub):
    page.goto(hub.page_url("propose", "es"))
    for language in ["en", "pt"]:
        path, _query = switch(page, language)
        assert path == hub.page_url("propose", language)
    page.goto(hub.untranslated["url"])
    path, _query = switch(page, "en")
    assert path == f"/en/not-translated/{hub.untranslated['id']}/"
    path, _query = switch(page, "pt")
    assert re.fullmatch(rf"/pt/[\w-]+/{hub.untranslated['id']}/", path)
    expect(page.get_by_role("link", name=hub.untranslated["title"])).to_be_visible()


def test_on_a_phone_results_come_first(context_factory, hub, screenshot):
    page = context_factory(viewport=PHONE).new_page()
    page.goto(f"{SEARCH['es']}?q=salud")
    first = page.locator(".search-hit").first
    expect(first).to_be_in_viewport()
    assert first.bounding_box()["y"] < PHONE["height"] - 100
    facets = page.locator("details.search-facets-disclosure")
    expect(facets.locator("fieldset").first).to_be_hidden()
    screenshot(page, "phone-search-es", full_page=False)

    facets.locator("summary").click()
    expect(facets.locator("fieldset").first).to_be_visible()
    page.locator("#facet-country fieldset, #facet-country").first.locator("input[value=PE]").check()
    page.wait_for_url(re.compile(r"[?&]country=PE(&|$)"))  # applied on change
    expect(page.locator(".search-hit").first).to_be_in_viewport()


def test_filters_apply_with_the_button_without_javascript(context_factory, hub):
    page = context_factory(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(f"{SEARCH['es']}?q=salud")
    page.locator("details.search-facets-disclosure summary").click()
    page.locator("#facet-country input[value=PE]").check()
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_url(re.compile(r"[?&]country=PE(&|$)"))
    page.goto(hub.page_url("listing", "es"))
    page.locator("details.filters-disclosure summary").click()
    page.select_option("#filter-country", "EC")
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_url(re.compile(r"[?&]country=EC(&|$)"))


def test_desktop_shows_the_filters_without_a_click(context_factory, hub):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(f"{SEARCH['es']}?q=salud")
    expect(page.locator("#facet-country")).to_be_visible()
    expect(page.locator("details.search-facets-disclosure summary")).to_be_hidden()


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_dates_read_naturally(page, hub, language):
    page.goto(hub.page_url("practice", language))
    expect(page.locator("dd", has_text=PUBLISHED[language])).to_have_count(1)


@pytest.mark.parametrize(("language", "accept"), [("pt", "pt-BR"), ("es", "es-ES")])
def test_admin_has_no_leftovers(context_factory, hub, language, accept):
    page = context_factory(locale=accept).new_page()
    hub.login(page)
    expect(page.locator("html")).to_have_attribute("lang", "pt-br" if language == "pt" else "es")
    urls = [
        "/admin/",
        f"/admin/pages/{hub.editable['id']}/edit/",
        "/admin/pages/search/?q=salud",
        "/admin/search-reports/popular/",
    ]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        text = page.locator("body").inner_text()
        placeholders = " ".join(
            page.eval_on_selector_all(
                "[placeholder], [data-placeholder], [aria-placeholder]",
                "els => els.map(e => e.getAttribute('placeholder') || e.dataset.placeholder"
                " || e.getAttribute('aria-placeholder'))",
            )
        )
        for leftover in ADMIN_LEFTOVERS[language]:
            found = re.search(leftover, f"{text} {placeholders}")
            assert not found, f"{found and found.group()!r} on {url}"


def test_readme_screenshots(context_factory, hub):
    """The README's pictures, made from the demo so they stay current (small PNGs)."""
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context_factory(viewport={"width": 1024, "height": 700}).new_page()
    shots = {
        "home": hub.page_url("home", "es"),
        "practice": hub.page_url("practice", "en"),
        "search": f"{SEARCH['pt']}?q=saude",
    }
    for name, url in shots.items():
        page.goto(url)
        page.screenshot(path=DOCS_SCREENSHOTS / f"{name}.png")
    hub.login(page)
    for name, url in {"admin": "/admin/", "translations": "/admin/translation-status/"}.items():
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=DOCS_SCREENSHOTS / f"{name}.png")
    for path in DOCS_SCREENSHOTS.glob("*.png"):
        assert path.stat().st_size < 250_000, f"{path.name} is not small"
