"""Calls for practices: the deadline in the visitor's date format, the proposal form opened with
the call's theme chosen, the call recorded with the proposal, and no proposal once it closed."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

import pytest
from bs4 import BeautifulSoup

from practices.models import CallForPracticesPage, CollectionPage, PracticePage

VALID = {
    "title": "Consultorios móviles en barrios con población migrante",
    "summary": "Equipos de salud que atienden en los barrios donde vive la población migrante.",
    "countries": ["PE"],
    "themes": [],
    "organisation": "Red de Salud Norte",
    "contact_name": "Ana Rojas",
    "contact_email": "ana@example.org",
    "consent_contact": "on",
    "website": "",
}

pytestmark = pytest.mark.django_db


def call(language="es"):
    return CallForPracticesPage.objects.get(locale__language_code=language)


def form_url(language="es", **query):
    with override(language):
        url = reverse("submit_practice")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def set_deadline(days_from_today):
    deadline = timezone.localdate() + datetime.timedelta(days=days_from_today)
    CallForPracticesPage.objects.update(deadline=deadline)


def checked_themes(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [box["value"] for box in soup.select('input[name="themes"][checked]')]


@pytest.mark.parametrize(
    ("language", "written"),
    [("es", "1 de marzo de 2027"), ("en", "1 March 2027"), ("pt", "1 de março de 2027")],
)
def test_deadline_in_the_languages_date_format(client, language, written):
    CallForPracticesPage.objects.update(deadline=datetime.date(2027, 3, 1))
    body = client.get(call(language).url).content.decode()
    assert written in body
    assert 'datetime="2027-03-01"' in body


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_open_call_opens_the_form_with_its_theme_chosen(client, language):
    page = call(language)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    button = soup.select_one("a.button")
    assert button["href"] == form_url(language, call=page.pk)
    response = client.get(button["href"])
    assert response.status_code == 200
    assert checked_themes(response) == [page.theme.slug]
    assert page.title in response.content.decode()


def test_proposal_is_recorded_with_the_call(client):
    page = call("en")
    data = {**VALID, "themes": [page.theme.slug, "cohesion-social"]}
    response = client.post(form_url("en", call=page.pk), data, follow=True)
    assert response.status_code == 200
    proposal = PracticePage.objects.get(title=VALID["title"])
    assert proposal.call == page
    assert not proposal.live
    assert set(proposal.themes.values_list("slug", flat=True)) == {
        page.theme.slug,
        "cohesion-social",
    }
    assert call("es").proposals().get() == proposal  # counted for every language version


def test_closed_call_says_so_and_offers_no_button(client):
    CallForPracticesPage.objects.update(deadline=datetime.date(2026, 3, 1))
    soup = BeautifulSoup(client.get(call("es").url).content, "html.parser")
    assert soup.select_one("a.button") is None
    assert "1 de marzo de 2026" in soup.select_one(".notice").get_text()


def test_call_stays_open_on_its_deadline_day(client):
    set_deadline(0)
    assert call().is_open
    soup = BeautifulSoup(client.get(call().url).content, "html.parser")
    assert soup.select_one("a.button") is not None


def test_closed_call_refuses_the_proposal_and_keeps_the_text(client):
    page = call("es")
    set_deadline(-1)
    response = client.get(form_url("es", call=page.pk))
    assert response.status_code == 200
    assert checked_themes(response) == []
    response = client.post(form_url("es", call=page.pk), VALID)
    assert response.status_code == 400
    assert not PracticePage.objects.filter(title=VALID["title"]).exists()
    soup = BeautifulSoup(response.content, "html.parser")
    assert page.title in soup.select_one('[role="alert"]').get_text()
    assert soup.select_one("#id_title")["value"] == VALID["title"]
    assert soup.select_one("#id_summary").get_text(strip=True) == VALID["summary"]
    # The form now posts outside the call: sending it again is an ordinary proposal.
    action = soup.select_one("form.submission")["action"]
    assert action == form_url("es")
    response = client.post(action, VALID, follow=True)
    assert PracticePage.objects.get(title=VALID["title"]).call is None


def not_public_call():
    page = call("pt")
    page.unpublish()
    return page.pk


@pytest.mark.parametrize(
    "value",
    [
        lambda: "abc",
        lambda: "99999999",
        lambda: "-1",
        lambda: "1e3",
        lambda: CollectionPage.objects.first().pk,
        not_public_call,
    ],
    ids=["text", "unknown", "negative", "float", "not-a-call", "unpublished"],
)
def test_tampered_call_is_ignored(client, value):
    url = form_url("pt", call=value())
    response = client.get(url)
    assert response.status_code == 200
    assert checked_themes(response) == []
    assert "call-notice" not in response.content.decode()
    response = client.post(url, VALID, follow=True)
    assert response.status_code == 200
    assert PracticePage.objects.get(title=VALID["title"]).call is None


def test_unknown_query_parameters_are_ignored(client):
    response = client.get(form_url("es", theme="<script>", call="", countries="ZZ"))
    assert response.status_code == 200
    assert checked_themes(response) == []


def home_calls(client, language):
    home = call(language).get_parent()
    soup = BeautifulSoup(client.get(home.url).content, "html.parser")
    section = soup.select_one('section[aria-labelledby="calls-heading"]')
    return [a["href"] for a in section.select("h3 a")] if section else []


@pytest.mark.parametrize("language", ["es", "en", "pt"])
def test_home_lists_an_open_call_in_the_visitors_language(client, language):
    assert home_calls(client, language) == [call(language).url]


def test_home_leaves_out_a_closed_or_unpublished_call(client):
    set_deadline(-1)
    assert home_calls(client, "es") == []
    set_deadline(10)
    call("es").get_translations(inclusive=True).unpublish()
    assert home_calls(client, "es") == []
