"""What a visitor and an editor do on the hub, in a real browser (issue "The hub runs")."""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LANGUAGES = ["es", "en", "pt"]
SWITCHER = "header nav.languages"
# The seed practice's public addresses are a promise to the people who share them.
SEED_URLS = {
    "es": "/es/practicas/piloto-herramientas-virtuales-emprendimiento-migrantes-ecuador/",
    "en": "/en/practices/virtual-tools-entrepreneurship-migrants-ecuador/",
    "pt": "/pt/praticas/ferramentas-virtuais-empreendedorismo-migrantes-equador/",
}


def path_is(expected):
    return lambda url: urlsplit(url).path == expected


def card_titles(page):
    return [title.strip() for title in page.locator(".card .card-title").all_inner_texts()]


def target_id(page):
    return page.evaluate("document.querySelector(':target')?.id")


def test_home_page(page, hub, screenshot):
    response = page.goto(hub.page_url("home", "es"))
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_be_visible()
    listing = hub.page_url("listing", "es")
    expect(page.locator(f"nav.main-nav a[href='{listing}']")).to_be_visible()
    expect(page.locator(".cards .card").first).to_be_visible()
    screenshot(page, "journey-home-es")

    # "Practices by country" leads to the listing filtered by that country.
    page.locator(f"a[href='{listing}?country=EC']").click()
    page.wait_for_url(path_is(listing))
    assert card_titles(page) == [hub.seed["titles"]["es"]]


def test_filter_the_listing_by_country_and_open_a_practice(page, hub, screenshot):
    page.goto(hub.page_url("listing", "es"))
    everything = card_titles(page)
    assert hub.seed["titles"]["es"] in everything
    assert len(everything) > 1

    page.select_option("#filter-country", "EC")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"[?&]country=EC(&|$)"))
    assert card_titles(page) == [hub.seed["titles"]["es"]]
    expect(page.locator("#filter-country")).to_have_value("EC")
    screenshot(page, "journey-listing-es-ecuador")

    page.get_by_role("link", name=hub.seed["titles"]["es"]).click()
    page.wait_for_url(path_is(SEED_URLS["es"]))
    expect(page.locator("h1")).to_have_text(hub.seed["titles"]["es"])


def test_switch_the_language_of_a_practice(page, hub, screenshot):
    assert hub.pages["practice"] == SEED_URLS
    page.goto(SEED_URLS["es"])
    for language in ["en", "pt", "es"]:
        page.locator(f"{SWITCHER} a[hreflang={language}]").click()
        page.wait_for_url(path_is(SEED_URLS[language]))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1")).to_have_text(hub.seed["titles"][language])
        expect(page.locator(f"{SWITCHER} [aria-current]")).to_have_attribute("lang", language)
        screenshot(page, f"journey-practice-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_follow_a_lesson_anchor(page, hub, language, screenshot):
    page.goto(f"{hub.page_url('practice', language)}#leccion-3")
    lesson = page.locator("#leccion-3")
    expect(lesson).to_be_in_viewport()
    assert target_id(page) == "leccion-3"
    background = lesson.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in {"rgba(0, 0, 0, 0)", "transparent"}, "the target is not highlighted"
    if language == "es":
        screenshot(page, "journey-lesson-anchor-es", full_page=False)

    # The pilcrow beside each lesson is a link to it, for sharing.
    page.locator("#leccion-2 a.anchor").click()
    expect(page).to_have_url(re.compile(r"#leccion-2$"))
    assert target_id(page) == "leccion-2"
    expect(page.locator("#leccion-2")).to_be_in_viewport()


@pytest.mark.parametrize("language", ["en", "pt"])
def test_switcher_on_an_untranslated_page_offers_the_original(page, hub, language, screenshot):
    original = hub.untranslated["url"]
    page.goto(original)
    expect(page.locator("h1")).to_have_text(hub.untranslated["title"])
    link = page.locator(f"{SWITCHER} a[hreflang={language}]")
    expect(link.locator(".visually-hidden")).to_have_count(1)  # "(not translated yet)"

    link.click()
    page.wait_for_url(re.compile(rf"/{language}/[^?#]*/{hub.untranslated['id']}/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    if language == "en":
        expect(page.locator("h1")).to_contain_text("not translated")
    back = page.locator(f"main a[href='{original}']")
    expect(back).to_have_attribute("lang", "es")
    expect(back).to_have_text(hub.untranslated["title"])
    screenshot(page, f"journey-not-translated-{language}")

    back.click()
    page.wait_for_url(path_is(original))
    expect(page.locator("h1")).to_have_text(hub.untranslated["title"])


def test_edit_a_lesson_in_the_admin_and_publish(page, hub, screenshot):
    practice = hub.editable
    text = f"Lección revisada en el navegador ({uuid.uuid4().hex[:8]}): coordinar antes de salir."
    hub.login(page)
    page.goto(f"/admin/pages/{practice['id']}/edit/")
    lesson = page.locator("textarea[name='lessons-0-text']")
    expect(lesson).to_be_visible()
    lesson.fill(text)
    screenshot(page, "journey-admin-edit-lesson")

    page.locator("footer .w-dropdown__toggle").click()
    publish = page.locator("footer button[name='action-publish']")
    expect(publish).to_be_visible()
    publish.click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    expect(page.locator(".messages .success")).to_contain_text(practice["title"])

    page.goto(practice["url"])
    expect(page.locator("#leccion-1")).to_contain_text(text)
    screenshot(page, "journey-admin-published")


def test_propose_a_practice(page, hub, screenshot):
    """A visitor proposes a practice: errors are explained, then it goes to the team, unpublished."""
    title = f"Ollas comunes con mujeres migrantes ({uuid.uuid4().hex[:6]})"
    page.goto(hub.page_url("home", "es"))
    page.locator(f"footer a[href='{hub.page_url('propose', 'es')}']").click()
    page.wait_for_url(path_is(hub.page_url("propose", "es")))

    page.locator("form.submission button[type=submit]").click()
    expect(page.locator("#id_title")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_title_error")).to_be_visible()
    screenshot(page, "journey-propose-errors-es")

    page.fill("#id_title", title)
    page.fill("#id_summary", "Ollas comunes gestionadas por mujeres migrantes y vecinas.")
    page.locator("input[name=countries][value=PE]").check()
    page.fill("#id_lessons", "Empezar con pocas familias.\n\nAcordar reglas con el municipio.")
    page.fill("#id_organisation", "Asociación Ollas Unidas")
    page.fill("#id_contact_name", "Rosa Quispe")
    page.fill("#id_contact_email", "rosa@example.org")
    page.locator("#id_consent_contact").check()
    page.locator("form.submission button[type=submit]").click()
    expect(page.locator(".notice[role=status]")).to_be_visible()
    screenshot(page, "journey-propose-sent-es")

    page.goto(hub.page_url("listing", "es"))
    expect(page.get_by_text(title)).to_have_count(0)  # a draft for the team, not public
