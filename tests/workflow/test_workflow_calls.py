"""Proposals per call for practices: KM admins see them on the call's edit page and in the
practice listing filtered by the call; every other role sees only the rows of its sections."""

from django.urls import reverse
from django.utils.translation import override

import pytest
from bs4 import BeautifulSoup

from practices.models import CallForPracticesPage

pytestmark = pytest.mark.django_db


def propose(client, language, title, call=None):
    with override(language):
        url = reverse("submit_practice")
    data = {
        "title": title,
        "summary": "Atención en salud para personas migrantes en los barrios.",
        "countries": ["CO"],
        "organisation": "Red Salud",
        "contact_name": "Luz Pérez",
        "contact_email": "luz@example.org",
        "consent_contact": "on",
        "website": "",
    }
    query = f"?call={call.pk}" if call else ""
    response = client.post(url + query, data)
    assert response.status_code == 302


@pytest.fixture
def proposals(client):
    call = CallForPracticesPage.objects.get(locale__language_code="es")
    english_call = CallForPracticesPage.objects.get(locale__language_code="en")
    propose(client, "es", "Propuesta para la convocatoria", call)
    propose(client, "en", "Proposal for the call", english_call)
    propose(client, "es", "Propuesta sin convocatoria")
    return call


def listed_titles(client, user, call):
    client.force_login(user)
    response = client.get(reverse("practice_listing:index") + f"?call={call.pk}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {link.get_text(strip=True) for link in soup.select("td.title a, .title-wrapper a")}


def test_km_admin_sees_the_proposals_of_the_call(client, users, proposals):
    titles = listed_titles(client, users["km_admin"], proposals)
    assert {"Propuesta para la convocatoria", "Proposal for the call"} <= titles
    assert "Propuesta sin convocatoria" not in titles


def test_other_roles_see_only_their_sections(client, users, proposals):
    assert "Propuesta para la convocatoria" in listed_titles(client, users["reviewer"], proposals)
    translated = listed_titles(client, users["translator"], proposals)
    assert "Propuesta para la convocatoria" not in translated  # Spanish: not theirs
    assert "Proposal for the call" in translated


def test_call_edit_page_counts_and_links_its_proposals(client, users, proposals):
    """On the source page's editor (translations are edited in wagtail-localize's editor)."""
    client.force_login(users["km_admin"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[proposals.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.find("a", href=reverse("practice_listing:index") + f"?call={proposals.pk}")
    assert link is not None
    assert link.parent.get_text().split()[0] == "2"  # the Spanish and the English proposal


def test_a_forged_call_filter_is_a_form_error_not_a_500(client, users):
    client.force_login(users["km_admin"])
    for value in ("abc", "99999999"):
        response = client.get(reverse("practice_listing:index") + f"?call={value}")
        assert response.status_code == 200
