"""Machine pre-translation with Apertium: the translator against a fake subprocess, against
the real binary (installed in CI), and the rule that machine output is never published
without a human pass."""

import os
import shutil
import subprocess

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils.translation import override

from wagtail.models import GroupPagePermission, Locale, PageLogEntry
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.strings import StringValue

import pytest

from hub.settings.base import machine_translator
from practices.localisation import machine_translation
from practices.localisation.human_pass import REVIEWED_ACTION, needs_human_pass
from practices.localisation.machine_translation import (
    ApertiumTranslator,
    machine_translation_status,
)
from practices.localisation.public_label import public_language_status
from practices.localisation.status import State, practice_statuses
from practices.models import PracticeIndexPage, PracticePage

from .conftest import MACHINE_TRANSLATOR, publish_translation, submit_translation

needs_apertium = pytest.mark.skipif(
    shutil.which("apertium") is None and not os.environ.get("CI"),
    reason="apertium is not installed (CI installs it: see docs/translation.md)",
)


def locale(code):
    return Locale(language_code=code)


def values(*texts):
    return [StringValue(text) for text in texts]


# The translator, with a fake subprocess


def test_pairs_come_from_the_installed_modes(fake_apertium):
    translator = ApertiumTranslator({})
    assert translator.get_mode(locale("es"), locale("en")) == "spa-eng"
    assert translator.get_mode(locale("en"), locale("es")) == "eng-spa"
    assert translator.get_mode(locale("es"), locale("pt")) == "es-pt_BR", "Brazilian first"
    assert translator.get_mode(locale("pt"), locale("es")) == "pt-es"
    assert not translator.can_translate(locale("en"), locale("pt")), "no en-pt pair installed"
    assert not translator.can_translate(locale("es"), locale("es"))
    european = ApertiumTranslator({"MODES": {"es-pt": "es-pt"}})
    assert european.get_mode(locale("es"), locale("pt")) == "es-pt"
    listing = [call for call in fake_apertium.calls if call[0][-1] == "-l"]
    assert len(listing) == 1, "apertium -l runs once per process"


def test_unavailable_without_binary_or_pairs(monkeypatch):
    machine_translation.installed_modes.cache_clear()
    monkeypatch.setattr(machine_translation.shutil, "which", lambda name: None)

    def missing(*args, **kwargs):
        raise FileNotFoundError("apertium")

    monkeypatch.setattr(machine_translation.subprocess, "run", missing)
    translator = ApertiumTranslator({"BINARY": "apertium"})
    assert not translator.can_translate(locale("es"), locale("en"))
    assert translator.translate(locale("es"), locale("en"), values("Hola")) == {}
    with override("en"):
        assert "not installed" in str(translator.unavailable_reason())
    machine_translation.installed_modes.cache_clear()


def test_translates_all_strings_in_one_run(fake_apertium):
    strings = values(
        "Las mujeres crearon <b>negocios</b>.",
        "  personas migrantes ",
        'Ver <a id="a1">ferias</a>',
    )
    result = ApertiumTranslator({}).translate(locale("es"), locale("en"), strings)
    assert [result[s].data for s in strings] == [
        "The women created <b>businesses</b>.",
        "  people migrants ",
        'Ver <a id="a1">fairs</a>',
    ]
    [(command, kwargs)] = fake_apertium.translation_calls
    assert command == ["/usr/bin/apertium", "-f", "html", "-u", "spa-eng"]
    assert kwargs["input"].count('<hr id="hub-mt-') == 2
    assert "shell" not in kwargs
    assert kwargs["timeout"] == 120


def test_falls_back_to_one_run_per_string_if_separators_are_lost(fake_apertium):
    def drop_separators(text, mode):
        return text.replace('<hr id="hub-mt-1">', " ").replace("las", "the")

    fake_apertium.translate = drop_separators
    strings = values("las ferias", "las empresas")
    result = ApertiumTranslator({}).translate(locale("es"), locale("en"), strings)
    assert [result[s].data for s in strings] == ["the ferias", "the empresas"]
    assert len(fake_apertium.translation_calls) == 3


def test_invalid_markup_and_failures_are_left_untranslated(fake_apertium):
    def add_link(text, mode):
        return text.replace("enlace", '<a id="a9">link</a>')

    fake_apertium.translate = add_link
    strings = values("un enlace", "otro texto")
    result = ApertiumTranslator({}).translate(locale("es"), locale("en"), strings)
    assert strings[0] not in result, "a link id the source does not have is refused"
    assert result[strings[1]].data == "otro texto"

    def crash(text, mode):
        raise subprocess.CalledProcessError(1, ["apertium"])

    fake_apertium.translate = crash
    assert ApertiumTranslator({}).translate(locale("es"), locale("en"), strings) == {}


def test_settings_choose_the_translator():
    apertium = machine_translator("apertium", {"APERTIUM_BINARY": "/opt/apertium/bin/apertium"})
    assert apertium["CLASS"] == "practices.localisation.machine_translation.ApertiumTranslator"
    assert apertium["OPTIONS"]["BINARY"] == "/opt/apertium/bin/apertium"
    deepl = machine_translator("deepl", {"DEEPL_AUTH_KEY": "key:fx"})
    assert deepl["CLASS"].endswith("DeepLTranslator")
    assert deepl["OPTIONS"] == {"AUTH_KEY": "key:fx"}
    libre = machine_translator("libretranslate", {"LIBRETRANSLATE_URL": "http://lt:5000"})
    assert libre["CLASS"].endswith("LibreTranslator")
    assert machine_translator("none", {}) is None
    with pytest.raises(KeyError):
        machine_translator("deepl", {})
    with pytest.raises(ValueError, match="HUB_MACHINE_TRANSLATOR"):
        machine_translator("google", {})


def test_availability_for_the_admin(fake_apertium, settings):
    status = machine_translation_status()
    assert status.available and status.name == "Apertium"
    assert set(status.pairs) == {("es", "en"), ("en", "es"), ("es", "pt"), ("pt", "es")}
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
    assert not machine_translation_status().available


# The real binary (CI installs apertium, apertium-eng-spa and apertium-es-pt)


@needs_apertium
def test_real_apertium_translates_spanish_to_english_and_portuguese():
    machine_translation.installed_modes.cache_clear()
    translator = ApertiumTranslator({})
    assert translator.can_translate(locale("es"), locale("en")), "install apertium-eng-spa"
    assert translator.can_translate(locale("es"), locale("pt")), "install apertium-es-pt"
    strings = values("Las mujeres crearon <b>negocios</b>.", "la salud de las personas")
    english = translator.translate(locale("es"), locale("en"), strings)
    portuguese = translator.translate(locale("es"), locale("pt"), strings)
    assert "women" in english[strings[0]].data and "<b>" in english[strings[0]].data
    assert english[strings[1]].data.startswith("the "), "lower-case start kept"
    assert "mulheres" in portuguese[strings[0]].data
    assert "saúde" in portuguese[strings[1]].data
    machine_translation.installed_modes.cache_clear()


# Through wagtail-localize: machine output is a draft and needs a human pass


def test_machine_translation_is_never_published_without_a_human_pass(
    editor, practice, en, fake_apertium, django_capture_on_commit_callbacks
):
    url = reverse("translations:pretranslate", args=[practice.pk, "en"])
    response = editor.post(url)
    target = PracticePage.objects.get(translation_key=practice.translation_key, locale=en)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[target.pk])

    strings = StringTranslation.objects.filter(
        locale=en, context__object_id=practice.translation_key
    )
    assert strings.exists()
    assert {s.translation_type for s in strings} == {"machine"}
    assert {s.tool_name for s in strings} == {"Apertium"}
    assert not target.live and target.live_revision is None
    draft = target.get_latest_revision_as_object()
    assert draft.title == "Fairs de empleo para people migrants", "the draft holds machine text"
    [status] = practice_statuses(keys=[practice.translation_key])
    assert status.languages["en"].state == State.MACHINE
    assert needs_human_pass(target)

    # Publishing from the translation editor is refused while machine text is unreviewed.
    response = publish_translation(editor, target, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.live
    assert editor.get(target.url).status_code == 404

    # A reviewer accepts the machine strings (the human pass), then it can be published.
    translation = Translation.objects.get(
        source__object_id=practice.translation_key, target_locale=en
    )
    review = reverse("translations:mark_reviewed", args=[translation.pk])
    assert editor.post(review, {"next": reverse("translations:index")}).status_code == 302
    assert set(strings.values_list("translation_type", flat=True)) == {"manual"}
    assert set(strings.values_list("tool_name", flat=True)) == {"Apertium"}, "provenance kept"
    assert PageLogEntry.objects.filter(page=target, action=REVIEWED_ACTION).exists()
    assert not needs_human_pass(target)

    publish_translation(editor, target, django_capture_on_commit_callbacks)
    target.refresh_from_db()
    assert target.live
    assert public_language_status(target).kind == "human"


def test_wagtail_localize_machine_translate_button_leaves_the_page_unpublished(
    editor, practice, pt, fake_apertium
):
    translation = submit_translation(editor, practice, pt)
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    assert editor.post(url, {"next": "/admin/"}).status_code == 302
    strings = StringTranslation.objects.filter(
        locale=pt, context__object_id=practice.translation_key
    )
    assert {s.translation_type for s in strings} == {"machine"}
    assert "As ferias conectan a pessoas migrantes con empresas locales." in {
        s.data for s in strings
    }
    target = practice.get_translation(pt)
    assert not target.live


def test_editor_offers_apertium_only_for_supported_pairs(editor, practice, en, fake_apertium):
    fake_apertium.modes = ["pt-es"]
    machine_translation.installed_modes.cache_clear()
    translation = submit_translation(editor, practice, en)
    assert get_machine_translator().can_translate(practice.locale, en) is False
    url = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    editor.post(url, {"next": "/admin/"})  # wagtail-localize answers 404
    assert not StringTranslation.objects.filter(
        locale=en, context__object_id=practice.translation_key
    ).exists()
    pretranslate = reverse("translations:pretranslate", args=[practice.pk, "pt"])
    editor.post(pretranslate)
    assert not Translation.objects.filter(
        source__object_id=practice.translation_key, target_locale__language_code="pt"
    ).exists()


def test_review_needs_publish_permission(client, practice, en, fake_apertium, superuser):
    client.force_login(superuser)
    client.post(reverse("translations:pretranslate", args=[practice.pk, "en"]))
    translation = Translation.objects.get(
        source__object_id=practice.translation_key, target_locale=en
    )
    group = Group.objects.create(name="Translators without publishing")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for index in PracticeIndexPage.objects.all():
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename="change_page")
        )
    translator = get_user_model().objects.create_user("mt-translator", password="x")
    translator.groups.add(group)
    client.force_login(translator)
    response = client.post(reverse("translations:mark_reviewed", args=[translation.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert StringTranslation.objects.filter(locale=en, translation_type="machine").exists()


def test_settings_point_at_apertium_class():
    assert MACHINE_TRANSLATOR["CLASS"] == f"{ApertiumTranslator.__module__}.ApertiumTranslator"


def test_unreviewed_machine_translation_of_a_theme_is_not_saved(
    editor, climate_theme, en, fake_apertium, django_capture_on_commit_callbacks
):
    from practices.models import Theme

    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["practices", "theme", climate_theme.pk]
    )
    editor.post(url, {"locales": [en.pk]})
    translation = Translation.objects.get(
        source__object_id=climate_theme.translation_key, target_locale=en
    )
    machine = reverse("wagtail_localize:machine_translate", args=[translation.pk])
    editor.post(machine, {"next": "/admin/"})
    name = StringTranslation.objects.get(
        locale=en, context__object_id=climate_theme.translation_key, context__path="name"
    )
    assert (name.translation_type, name.data) == ("machine", "Mobility climate")
    theme = Theme.objects.get(translation_key=climate_theme.translation_key, locale=en)
    edit = reverse("wagtailsnippets_practices_theme:edit", args=[theme.pk])
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(edit, {"action": "publish"})
    theme.refresh_from_db()
    assert theme.name == "Movilidad climática", "still the source text, not machine output"


def test_translator_pretranslates_into_their_section_but_a_reviewer_cannot(
    client, practice, en, fake_apertium
):
    from django.contrib.auth.models import Group, User

    url = reverse("translations:pretranslate", args=[practice.pk, "en"])
    reviewer = User.objects.create_user("rev-mt", password="x")
    reviewer.groups.add(Group.objects.get(name="Reviewers"))
    client.force_login(reviewer)
    client.post(url)
    assert not PracticePage.objects.filter(
        translation_key=practice.translation_key, locale=en
    ).exists()

    translator = User.objects.create_user("tr-mt", password="x")
    translator.groups.add(Group.objects.get(name="Translators"))
    client.force_login(translator)
    response = client.post(url)
    target = PracticePage.objects.get(translation_key=practice.translation_key, locale=en)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[target.pk])
    assert not target.live
