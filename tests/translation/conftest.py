"""Fixtures for the translation workflow: a fresh Spanish practice, a logged-in editor, and a
fake Apertium (a stand-in for subprocess.run) for tests that must not need the binary."""

import re
import subprocess

from django.urls import reverse
from django.utils.http import urlencode

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

import pytest

from practices.localisation import machine_translation
from practices.models import (
    Theme,
)
from tests.factories import PracticePageFactory

SPANISH = {
    "title": "Ferias de empleo para personas migrantes",
    "slug": "ferias-empleo-migrantes",
    "summary": "Las ferias conectan a personas migrantes con empresas locales.",
    "lessons": [
        "Las empresas contratan más cuando conocen a las personas.",
        "La documentación debe resolverse antes de la feria.",
    ],
    "recommendations": ["Invitar a las cámaras de comercio desde el inicio."],
}
ENGLISH = {
    "Ferias de empleo para personas migrantes": "Job fairs for migrants",
    "ferias-empleo-migrantes": "job-fairs-migrants",
    "Las ferias conectan a personas migrantes con empresas locales.": (
        "The fairs connect migrants with local companies."
    ),
    "Las empresas contratan más cuando conocen a las personas.": (
        "Companies hire more when they know the people."
    ),
    "La documentación debe resolverse antes de la feria.": (
        "Documents must be sorted out before the fair."
    ),
    "Invitar a las cámaras de comercio desde el inicio.": (
        "Invite the chambers of commerce from the start."
    ),
}
MACHINE_TRANSLATOR = {
    "CLASS": "practices.localisation.machine_translation.ApertiumTranslator",
    "OPTIONS": {"BINARY": "apertium"},
}


def publish(page, user):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


@pytest.fixture
def es(db):
    return Locale.objects.get(language_code="es")


@pytest.fixture
def en(db):
    return Locale.objects.get(language_code="en")


@pytest.fixture
def pt(db):
    return Locale.objects.get(language_code="pt")


@pytest.fixture
def editor(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def climate_theme(es):
    """A theme created in Spanish only; its translations go through wagtail-localize."""
    return Theme.objects.create(name="Movilidad climática", slug="movilidad-climatica", locale=es)


@pytest.fixture
def practice(superuser, es, climate_theme):
    """A published Spanish practice with lessons, recommendations and a theme, untranslated."""
    return PracticePageFactory(
        title=SPANISH["title"],
        slug=SPANISH["slug"],
        summary=SPANISH["summary"],
        lessons=SPANISH["lessons"],
        recommendations=SPANISH["recommendations"],
        themes=[climate_theme],
        user=superuser,
        publish=True,
    )


def submit_translation(client, page, locale):
    """Start a translation with wagtail-localize's own form, as an editor does."""
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [locale.pk]})
    assert response.status_code == 302
    return Translation.objects.get(
        source__object_id=page.translation_key, source__locale=page.locale, target_locale=locale
    )


def put_string(client, translation, segment, value):
    """Save one string the way wagtail-localize's React editor does."""
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def translate_all(client, translation, mapping):
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        response = put_string(client, translation, segment, mapping[segment.string.data])
        assert response.status_code in (200, 201), response.content


def publish_translation(client, target, capture):
    """The editor's Publish button: wagtail-localize publishes on commit."""
    with capture(execute=True):
        return client.post(
            reverse("wagtailadmin_pages:edit", args=[target.pk]), {"action": "publish"}
        )


# A fake Apertium

FAKE_WORDS = {
    "spa-eng": {
        "las": "the",
        "la": "the",
        "mujeres": "women",
        "migrantes": "migrants",
        "personas": "people",
        "crearon": "created",
        "negocios": "businesses",
        "ferias": "fairs",
        "empresas": "companies",
        "movilidad": "mobility",
        "climática": "climate",
    },
    "es-pt_BR": {"las": "as", "la": "a", "mujeres": "mulheres", "personas": "pessoas"},
}


def fake_translate(text, mode):
    """Word for word from a tiny dictionary, tags untouched; like Apertium, it capitalises
    the start of every segment."""
    words = FAKE_WORDS.get(mode, {})

    def word(match):
        found = words.get(match.group(0).lower(), match.group(0))
        return found[:1].upper() + found[1:] if match.group(0)[0].isupper() else found

    out = []
    for segment in re.split(r'(<hr id="hub-mt-\d+">)', text):
        if not segment.startswith("<hr"):
            parts = re.split(r"(<[^>]+>)", segment)
            parts = [p if p.startswith("<") else re.sub(r"[^\W\d_]+", word, p) for p in parts]
            parts[0] = re.sub(r"[^\W\d_]", lambda m: m.group(0).upper(), parts[0], count=1)
            segment = "".join(parts)
        out.append(segment)
    return "".join(out) + "\n"


class FakeApertium:
    def __init__(self, modes=("spa-eng", "eng-spa", "es-pt", "es-pt_BR", "pt-es")):
        self.modes = list(modes)
        self.calls = []
        self.translate = fake_translate

    def __call__(self, command, **kwargs):
        self.calls.append((command, kwargs))
        if command[-1] == "-l":
            return subprocess.CompletedProcess(command, 0, "\n".join(self.modes) + "\n", "")
        output = self.translate(kwargs["input"], command[-1])
        return subprocess.CompletedProcess(command, 0, output, "")

    @property
    def translation_calls(self):
        return [call for call in self.calls if call[0][-1] != "-l"]


@pytest.fixture
def fake_apertium(monkeypatch, settings):
    """ApertiumTranslator configured, with subprocess.run and the PATH lookup faked."""
    fake = FakeApertium()
    monkeypatch.setattr(machine_translation.subprocess, "run", fake)
    monkeypatch.setattr(machine_translation.shutil, "which", lambda name: f"/usr/bin/{name}")
    machine_translation.installed_modes.cache_clear()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = MACHINE_TRANSLATOR
    yield fake
    machine_translation.installed_modes.cache_clear()
