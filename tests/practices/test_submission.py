"""Visitors propose a practice: it becomes a draft for staff, never public on its own.

Also: the rate limit counts accepted proposals per real client address (behind the
documented reverse proxy) in the cache every worker shares; many visitors at once all
succeed (no "database is locked", no colliding tree paths)."""

import shutil
import sqlite3
import threading

from django.core.cache import cache
from django.db import connection, connections
from django.test import Client, override_settings
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


# Rate limit behind the proxy

PROXY = "10.0.0.2"


def propose(client, title, forwarded_for, **data):
    return client.post(
        url(),
        {**VALID, "title": title, **data},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@override_settings(HUB_PROXY_COUNT=1)
def test_one_client_behind_the_proxy_does_not_block_the_others(client):
    before = PracticePage.objects.count()
    for n in range(5):
        assert propose(client, f"Propuesta A{n}", "203.0.113.7").status_code == 302
    refused = propose(client, "Propuesta A5", "203.0.113.7")
    assert refused.status_code == 400
    assert "demasiadas propuestas" in refused.content.decode()  # the page is in Spanish
    assert propose(client, "Propuesta B0", "198.51.100.20").status_code == 302
    assert PracticePage.objects.count() == before + 6


@override_settings(HUB_PROXY_COUNT=1)
def test_a_forged_forwarded_for_does_not_escape_the_limit(client):
    for n in range(5):
        forged = f"192.0.2.{n}, 203.0.113.7"  # the client wrote the first, the proxy the last
        assert propose(client, f"Propuesta F{n}", forged).status_code == 302
    assert propose(client, "Propuesta F5", "192.0.2.99, 203.0.113.7").status_code == 400


@override_settings(HUB_PROXY_COUNT=1)
def test_failed_submissions_do_not_count(client):
    for n in range(8):
        invalid = propose(client, f"Mala {n}", "203.0.113.8", contact_email="no")
        assert invalid.status_code == 400
    assert propose(client, "Propuesta buena", "203.0.113.8").status_code == 302


def test_the_count_lives_in_the_shared_cache(client):
    response = client.post(url(), {**VALID, "title": "Propuesta C"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    assert cache.get("proposals:203.0.113.9") == 1


# Concurrent writes

THREADS = 12


@pytest.fixture(scope="session")
def sqlite_copy(django_db_setup, django_db_blocker, tmp_path_factory):
    """On SQLite, a file copy of the in-memory test database (shared-cache memory databases
    lock per table, which is not how a deployed hub behaves), made outside any test's
    transaction."""
    if connection.vendor != "sqlite":
        yield None
        return
    path = tmp_path_factory.mktemp("concurrent") / "hub.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    yield path
    shutil.rmtree(path.parent, ignore_errors=True)


@pytest.fixture
def shared_database(sqlite_copy, db):
    """Threads' connections reach a database with the demo content: the SQLite file copy, or
    the PostgreSQL test database itself (the pages they create are deleted afterwards)."""
    settings = connections.settings["default"]
    name = settings["NAME"]
    if sqlite_copy is not None:
        settings["NAME"] = str(sqlite_copy)
    yield
    settings["NAME"] = name
    if sqlite_copy is None:
        in_thread(
            lambda: [
                page.delete()
                for page in PracticePage.objects.filter(title__startswith="Concurrente")
            ]
        )


def in_thread(function):
    result = []

    def run():
        try:
            result.append(function())
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result[0]


def test_concurrent_proposals_all_succeed(shared_database):
    with override("es"):
        url = reverse("submit_practice")
    barrier = threading.Barrier(THREADS)
    statuses = []

    def propose(n):
        client = Client(raise_request_exception=False, REMOTE_ADDR=f"198.51.100.{n}")
        barrier.wait()
        try:
            response = client.post(url, {**VALID, "title": f"Concurrente {n}"})
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=propose, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302] * THREADS
    created = in_thread(
        lambda: list(
            PracticePage.objects.filter(title__startswith="Concurrente").values_list(
                "path", flat=True
            )
        )
    )
    assert len(set(created)) == THREADS
