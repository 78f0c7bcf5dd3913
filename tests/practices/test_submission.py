"""Visitors propose a practice: it becomes a draft for staff, never public on its own."""

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import override

import pytest

from practices.models import PracticePage

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Cocinas comunitarias con mujeres migrantes",
    "summary": "Cocinas gestionadas por mujeres migrantes y de la comunidad de acogida.",
    "countries": ["PE"],
    "themes": ["cohesion-social"],
    "description": "Primer párrafo.\n\nSegundo párrafo.",
    "lessons": "Empezar con pocas familias.\n\nAcordar reglas de uso con el municipio.",
    "organisation": "Asociación Ollas Unidas",
    "contact_name": "Rosa Quispe",
    "contact_email": "rosa@example.org",
    "consent_contact": "on",
    "website": "",
}


def url(language="es"):
    with override(language):
        return reverse("submit_practice")


def test_form_renders_in_each_language(client):
    for language, word in (("es", "Perú"), ("en", "Peru"), ("pt", "Peru")):
        response = client.get(url(language))
        assert response.status_code == 200
        assert word in response.content.decode()


def test_proposal_becomes_a_private_draft_with_its_lessons(client):
    response = client.post(url("es"), VALID, follow=True)
    assert response.status_code == 200
    page = PracticePage.objects.get(title=VALID["title"])
    assert not page.live
    assert page.locale.language_code == "es" and page.original_language == "es"
    assert [lesson.text for lesson in page.lessons.all()] == [
        "Empezar con pocas familias.",
        "Acordar reglas de uso con el municipio.",
    ]
    assert [c.code for c in page.countries.all()] == ["PE"]
    assert "rosa@example.org" in page.review_notes
    assert page.contact_email == ""  # not consented to publication
    assert client.get(page.url or "/es/practicas/cocinas/").status_code == 404
    listing = client.get("/es/practicas/").content.decode()
    assert VALID["title"] not in listing


def test_invalid_proposal_keeps_input_and_creates_nothing(client):
    before = PracticePage.objects.count()
    response = client.post(url("en"), {**VALID, "contact_email": "not-an-email", "countries": []})
    assert response.status_code == 400
    html = response.content.decode()
    assert VALID["summary"] in html
    assert PracticePage.objects.count() == before


def test_honeypot_and_rate_limit(client):
    before = PracticePage.objects.count()
    assert client.post(url(), {**VALID, "website": "http://spam.example"}).status_code == 400
    assert PracticePage.objects.count() == before
    cache.clear()
    for n in range(6):
        client.post(url(), {**VALID, "title": f"Propuesta {n}"})
    assert PracticePage.objects.count() == before + 5
