"""A visitor follows the featured collection from the home page to a practice, and answers a
call for practices: the proposal form opens with the call's theme chosen and is sent."""

import re

import pytest
from playwright.sync_api import expect
from test_accessibility import audit  # tests/browser is on sys.path (rootdir conftest)

pytestmark = pytest.mark.browser


def test_home_to_featured_collection_to_practice(page, hub):
    page.goto(hub.page_url("home", "es"))
    featured = page.locator("#collections-heading + .cards .card-title a").first
    expect(featured).to_be_visible()
    featured.click()
    page.wait_for_url(hub.url + hub.page_url("collection", "es"))
    first = page.locator(".cards .card-title a").first
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(title)


def test_call_opens_the_form_with_its_theme_and_sends_the_proposal(page, hub, screenshot):
    page.goto(hub.page_url("call", "en"))
    expect(page.locator(".practice-facts time")).to_have_text(re.compile(r"^\d{1,2} \w+ \d{4}$"))
    page.locator("article a.button").click()
    page.wait_for_url(re.compile(r"\?call=\d+$"))
    expect(page.locator(".call-notice")).to_contain_text("Call for practices: health of migrants")
    health = page.get_by_label("Health", exact=True)
    expect(health).to_be_checked()
    page.get_by_label("Title of the practice").fill("Mobile clinics in migrant neighbourhoods")
    page.get_by_label("Summary").fill("Health teams visit the neighbourhoods where migrants live.")
    page.get_by_label("Peru", exact=True).check()
    page.get_by_label("Your organisation").fill("North Health Network")
    page.get_by_label("Your name").fill("Ana Rojas")
    page.get_by_label("Your e-mail").fill("ana.rojas@example.org")
    page.get_by_label("The hub team may contact me about this practice.").check()
    screenshot(page, "call-proposal-en")
    assert audit(page, "call-proposal-en") == []
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".notice[role=status]")).to_contain_text("Thank you")
