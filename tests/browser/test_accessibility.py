"""axe-core on every public page type in every language: no serious or critical violation.

axe-core comes bundled with axe-playwright-python (axe.min.js is injected into the page; no
network). Every result, moderate and minor included, is written to tests/artifacts/axe/ for
people to read; only serious and critical ones fail the test.
"""

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REPORTS = Path(__file__).resolve().parents[1] / "artifacts" / "axe"
LANGUAGES = ["es", "en", "pt"]
KINDS = [
    "home",
    "listing",
    "practice",
    "toolkit",
    "lessons",
    "about",
    "toolkit_index",
    "collection",
    "call",
]
BLOCKING = {"serious", "critical"}
DEVICES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
AXE = Axe()


# axe reports an aria-describedby that points nowhere only as "incomplete"; it is a bug.
BROKEN_IDREFS_JS = """() => {
  const broken = [];
  for (const attribute of ["aria-describedby", "aria-labelledby", "aria-controls", "for"]) {
    document.querySelectorAll(`[${attribute}]`).forEach(element => {
      for (const id of element.getAttribute(attribute).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) broken.push(`${attribute}="${id}"`);
      }
    });
  }
  return broken;
}"""


def audit(page, name):
    """Run axe on the page, keep the report, return the blocking problems as text."""
    violations = AXE.run(page).response["violations"]
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{name}.json").write_text(json.dumps(violations, indent=2), encoding="utf-8")
    problems = [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in BLOCKING
    ]
    return problems + [f"points to no element: {ref}" for ref in page.evaluate(BROKEN_IDREFS_JS)]


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_has_no_serious_violation(context_factory, hub, language, kind, device, screenshot):
    page = context_factory(viewport=DEVICES[device]).new_page()
    response = page.goto(hub.page_url(kind, language))
    assert response.status == 200
    name = f"{kind}-{language}" + ("" if device == "desktop" else f"-{device}")
    screenshot(page, name)
    assert audit(page, name) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_search_and_open_filters(context_factory, hub, language):
    """On a phone the facets are a closed disclosure; opened, they still pass."""
    page = context_factory(viewport=DEVICES["phone"]).new_page()
    page.goto(hub.page_url("listing", language))
    page.locator("details.filters-disclosure summary").click()
    assert audit(page, f"listing-filters-open-{language}-phone") == []
    page.fill("#site-search-q", "migrantes")
    page.locator("form.site-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"[?&]q=migrantes"))
    assert audit(page, f"search-{language}-phone") == []
    page.locator("details.search-facets-disclosure summary").click()
    assert audit(page, f"search-facets-open-{language}-phone") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_filtered_listing_and_search_results(page, hub, language):
    page.goto(f"{hub.page_url('listing', language)}?country=EC&sort=title")
    assert audit(page, f"listing-filtered-{language}") == []

    page.fill("#site-search-q", "migrantes")
    page.locator("form.site-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"[?&]q=migrantes"))
    assert audit(page, f"search-{language}") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_propose_form_with_and_without_errors(page, hub, language, screenshot):
    page.goto(hub.page_url("propose", language))
    assert audit(page, f"propose-{language}") == []
    page.fill("#id_contact_email", "not-an-address")
    page.locator("form.submission button[type=submit]").click()
    expect(page.locator("#id_contact_email")).to_have_attribute("aria-invalid", "true")
    screenshot(page, f"propose-errors-{language}")
    assert audit(page, f"propose-errors-{language}") == []


@pytest.mark.parametrize("language", ["en", "pt"])
def test_not_translated_page(page, hub, language):
    page.goto(hub.untranslated["url"])
    page.locator(f"header nav.languages a[hreflang={language}]").click()
    page.wait_for_url(re.compile(rf"/{language}/"))
    assert audit(page, f"not-translated-{language}") == []


def test_not_found_page(page, hub, screenshot):
    response = page.goto(f"{hub.page_url('home', 'es')}no-existe-esta-pagina/")
    assert response.status == 404
    screenshot(page, "not-found-es")
    assert audit(page, "not-found-es") == []


def test_keyboard_reaches_the_content_first(page, hub):
    """The first Tab shows the skip link; following it puts the focus on <main>."""
    page.goto(hub.page_url("practice", "es"))
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_reflow_at_320_pixels(context_factory, hub, language, screenshot):
    """WCAG 1.4.10: at 320 CSS pixels wide nothing needs horizontal scrolling."""
    page = context_factory(viewport={"width": 320, "height": 640}).new_page()
    for kind in [*KINDS, "propose"]:
        page.goto(hub.page_url(kind, language))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if language == "es":
            screenshot(page, f"narrow-{kind}-{language}", full_page=False)
        assert overflow <= 0, f"{kind} scrolls sideways by {overflow}px"
