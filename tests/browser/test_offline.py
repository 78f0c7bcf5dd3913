"""The hub works offline and in low bandwidth: no request leaves the server, no JS needed.

Every context in this suite already aborts requests to other hosts (conftest.RequestGuard);
these tests also look at what each page asks for and at what its HTML would load.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LANGUAGES = ["es", "en", "pt"]
KINDS = ["home", "listing", "practice", "toolkit_index", "toolkit", "lessons", "about", "propose"]
# Elements whose attributes make the browser fetch something.
RESOURCES_JS = """() => {
  const found = [];
  const pick = (selector, attribute) => document.querySelectorAll(selector).forEach(
    element => found.push(element.getAttribute(attribute)));
  pick("script[src]", "src");
  pick("link[href]:not([rel~=alternate]):not([rel~=canonical])", "href");
  pick("img[src], source[src], iframe[src], video[src], audio[src], embed[src]", "src");
  pick("object[data]", "data");
  document.querySelectorAll("img[srcset], source[srcset]").forEach(element =>
    element.getAttribute("srcset").split(",").forEach(item => found.push(item.trim().split(" ")[0])));
  return found.map(url => new URL(url, document.baseURI).href);
}"""


def is_local(url, host):
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob"} or parts.netloc == host


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_only_request_the_local_server(page, hub, language):
    requested, failed = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on(
        "response",
        lambda response: response.status >= 400 and failed.append((response.url, response.status)),
    )
    page.on("requestfailed", lambda request: failed.append((request.url, request.failure)))
    for kind in KINDS:
        page.goto(hub.page_url(kind, language))  # waits for "load": every resource
        would_load = page.evaluate(RESOURCES_JS)
        assert [url for url in would_load if not is_local(url, hub.host)] == [], kind
    assert requested, "no request was recorded"
    assert [url for url in requested if not is_local(url, hub.host)] == []
    # A favicon load that the next navigation aborts is not a failed request.
    assert [item for item in failed if "/favicon." not in item[0]] == []


def test_admin_only_requests_the_local_server(page, hub):
    """The editors' side too: no update check, no Gravatar (privacy, offline offices)."""
    hub.login(page)
    page.wait_for_load_state("networkidle")
    page.goto(f"/admin/pages/{hub.editable['id']}/edit/")
    page.wait_for_load_state("networkidle")
    leaks = sorted({urlsplit(url).netloc for url, _origin in page.context.guard.external})
    assert leaks == [], (
        f"the admin contacts {leaks}; set WAGTAIL_ENABLE_UPDATE_CHECK = False and "
        "WAGTAIL_GRAVATAR_PROVIDER_URL = None in hub/settings/base.py"
    )


def test_listing_filters_work_without_javascript(context_factory, hub, screenshot):
    page = context_factory(java_script_enabled=False).new_page()
    listing = hub.page_url("listing", "en")
    page.goto(listing)
    form = page.locator("form.filters")
    assert (form.get_attribute("method") or "get").lower() == "get"

    page.select_option("#filter-country", "EC")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"[?&]country=EC(&|$)"))
    titles = [t.strip() for t in page.locator(".card .card-title").all_inner_texts()]
    assert titles == [hub.seed["titles"]["en"]]
    screenshot(page, "no-js-listing-en-ecuador")

    # "Clear" is a plain link back to everything, and pagination is links too.
    form.locator(f"a[href='{listing}']").click()
    page.wait_for_url(lambda url: urlsplit(url).path == listing and not urlsplit(url).query)
    expect(page.locator(".card")).to_have_count(12)
    page.locator("nav.pagination a[rel=next]").click()
    page.wait_for_url(re.compile(r"[?&]page=2$"))
    expect(page.locator(".card")).to_have_count(2)  # 13 demo practices + the scenario's one

    # Filters combine: Ecuador and a theme the seed does not have leave nothing.
    page.goto(listing)
    page.select_option("#filter-country", "EC")
    page.select_option("#filter-theme", "salud")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"[?&]theme=salud(&|$)"))
    expect(page.locator(".card")).to_have_count(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_read_without_javascript(context_factory, hub, language):
    page = context_factory(java_script_enabled=False).new_page()
    for kind in KINDS:
        response = page.goto(hub.page_url(kind, language))
        assert response.status == 200, kind
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator("nav.main-nav a").first).to_be_visible()

    # The lessons library's tabs and the search box are links and GET forms.
    page.goto(hub.page_url("lessons", language))
    page.locator("nav.tabs a[href='?kind=recommendations']").click()
    page.wait_for_url(re.compile(r"[?&]kind=recommendations"))
    expect(page.locator("nav.tabs a[aria-current]")).to_have_attribute(
        "href", "?kind=recommendations"
    )
    page.fill("#site-search-q", "Ecuador")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=Ecuador"))
    expect(page.locator("#site-search-q")).to_have_value("Ecuador")
