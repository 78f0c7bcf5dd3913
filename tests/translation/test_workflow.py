"""wagtail-localize end to end, through its own admin views: translate a practice (fields,
lessons, recommendations, taxonomy labels), sync source changes without losing manual work,
PO export/import for outside translators, and a taxonomy snippet translated the same way."""

import shutil
import subprocess

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail_localize.models import StringSegment, StringTranslation

import polib
import pytest

from practices.localisation.status import State, practice_statuses
from practices.models import PracticePage, Theme

from .conftest import ENGLISH, SPANISH, publish, publish_translation, put_string, submit_translation
from .conftest import translate_all as translate_strings

pytestmark = pytest.mark.django_db


def translate_theme(client, theme, locale, name, capture):
    """Translate a taxonomy term with wagtail-localize's snippet views."""
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["practices", "theme", theme.pk]
    )
    assert client.post(url, {"locales": [locale.pk]}).status_code == 302
    translated = Theme.objects.get(translation_key=theme.translation_key, locale=locale)
    translation = translated_translation(theme, locale)
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        value = {theme.name: name, theme.slug: "climate-mobility"}.get(segment.string.data)
        if value:
            assert put_string(client, translation, segment, value).status_code == 201
    edit = reverse("wagtailsnippets_practices_theme:edit", args=[translated.pk])
    with capture(execute=True):
        assert client.post(edit, {"action": "publish"}).status_code == 302
    translated.refresh_from_db()
    return translated


def translated_translation(instance, locale):
    from wagtail_localize.models import Translation

    return Translation.objects.get(
        source__object_id=instance.translation_key,
        source__locale=instance.locale,
        target_locale=locale,
    )


def test_translate_a_practice_with_its_lessons_recommendations_and_theme(
    editor, practice, climate_theme, en, django_capture_on_commit_callbacks
):
    theme = translate_theme(
        editor, climate_theme, en, "Climate mobility", django_capture_on_commit_callbacks
    )
    assert theme.name == "Climate mobility"

    translation = submit_translation(editor, practice, en)
    target = practice.get_translation(en)
    assert not target.live, "a new translation starts as a draft"

    translate_strings(editor, translation, ENGLISH)
    response = publish_translation(editor, target, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    target = PracticePage.objects.get(pk=target.pk)
    assert target.live
    assert target.title == "Job fairs for migrants"
    assert target.summary == ENGLISH[SPANISH["summary"]]
    assert [lesson.text for lesson in target.lessons.all()] == [
        ENGLISH[text] for text in SPANISH["lessons"]
    ]
    assert [item.text for item in target.recommendations.all()] == [
        ENGLISH[text] for text in SPANISH["recommendations"]
    ]
    assert list(target.themes.all()) == [climate_theme], "taxonomy links stay synchronised"

    html = editor.get(target.url).content.decode()
    assert "Companies hire more when they know the people." in html
    assert "Climate mobility" in html, "the theme label shows in the visitor's language"
    assert "Movilidad climática" not in html

    [status] = practice_statuses(keys=[practice.translation_key])
    assert status.languages["en"].state == State.UP_TO_DATE
    assert status.languages["pt"].state == State.NOT_STARTED


def test_source_changes_sync_without_losing_manual_translations(
    editor, practice, superuser, en, django_capture_on_commit_callbacks
):
    translation = submit_translation(editor, practice, en)
    translate_strings(editor, translation, ENGLISH)
    target = practice.get_translation(en)
    publish_translation(editor, target, django_capture_on_commit_callbacks)
    lesson = StringSegment.objects.get(
        source=translation.source, string__data=SPANISH["lessons"][0]
    )
    assert put_string(editor, translation, lesson, "Hand-polished lesson.").status_code == 200
    before = {
        row.context.path: row.data
        for row in StringTranslation.objects.filter(
            locale=en, context__object_id=practice.translation_key
        ).select_related("context")
    }

    practice.summary = "Las ferias conectan a personas migrantes con empresas y sindicatos."
    publish(practice, superuser)
    [status] = practice_statuses(keys=[practice.translation_key])
    assert status.languages["en"].state == State.OUTDATED

    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    assert editor.get(url).status_code == 200
    assert editor.post(url, {}).status_code == 302

    after = {
        row.context.path: (row.data, row.translation_type)
        for row in StringTranslation.objects.filter(
            locale=en, context__object_id=practice.translation_key
        )
        .select_related("context")
        .filter(translation_of__segments__source=translation.source)
    }
    unchanged = {path: data for path, data in before.items() if path != "summary"}
    assert {path: after[path][0] for path in unchanged} == unchanged
    assert after[lesson.context.path] == ("Hand-polished lesson.", "manual")
    assert "summary" not in after, "the changed string is untranslated"

    translation.refresh_from_db()
    total, done = translation.get_progress()
    assert (total, done) == (total, total - 1)
    [status] = practice_statuses(keys=[practice.translation_key])
    assert status.languages["en"].state == State.IN_PROGRESS
    assert 0 < status.languages["en"].percent < 100

    target.refresh_from_db()
    assert target.summary == ENGLISH[SPANISH["summary"]], "nothing changes until republished"

    po = polib.pofile(editor.get(download_url(translation)).content.decode())
    summary = next(e for e in po if e.msgctxt == "summary" and not e.obsolete)
    assert summary.msgstr == ""
    assert any(e.obsolete and e.msgstr == ENGLISH[SPANISH["summary"]] for e in po)


def download_url(translation):
    return reverse("wagtail_localize:download_pofile", args=[translation.pk])


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext (msgfmt) is not installed")
def test_po_export_passes_msgfmt_and_imports_back(
    editor, practice, en, tmp_path, django_capture_on_commit_callbacks
):
    translation = submit_translation(editor, practice, en)
    response = editor.get(download_url(translation))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-gettext-translation")
    exported = tmp_path / "export.po"
    exported.write_bytes(response.content)
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "export.mo"), str(exported)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr

    # An outside translator fills the file in a PO tool.
    po = polib.pofile(str(exported))
    for entry in po:
        entry.msgstr = ENGLISH[entry.msgid]
    po.save(str(tmp_path / "translated.po"))
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "t.mo"), str(tmp_path / "translated.po")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr

    upload = SimpleUploadedFile(
        "translated.po", (tmp_path / "translated.po").read_bytes(), "text/x-gettext-translation"
    )
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    next_url = reverse("translations:index")
    response = editor.post(url, {"file": upload, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url

    rows = StringTranslation.objects.filter(locale=en, context__object_id=practice.translation_key)
    assert {row.data for row in rows} == set(ENGLISH.values())
    assert {row.translation_type for row in rows} == {"manual"}
    assert {row.tool_name for row in rows} == {"PO File"}

    target = practice.get_translation(en)
    publish_translation(editor, target, django_capture_on_commit_callbacks)
    target = PracticePage.objects.get(pk=target.pk)
    assert target.live and target.title == "Job fairs for migrants"
    assert target.lessons.first().text == ENGLISH[SPANISH["lessons"][0]]


def test_po_for_another_translation_is_refused(editor, practice, en, pt):
    english = submit_translation(editor, practice, en)
    portuguese = submit_translation(editor, practice, pt)
    po = polib.pofile(editor.get(download_url(english)).content.decode())
    for entry in po:
        entry.msgstr = ENGLISH[entry.msgid]
    upload = SimpleUploadedFile("en.po", str(po).encode(), "text/x-gettext-translation")
    url = reverse("wagtail_localize:upload_pofile", args=[portuguese.pk])
    editor.post(url, {"file": upload, "next": reverse("translations:index")})
    assert not StringTranslation.objects.filter(
        locale=pt, context__object_id=practice.translation_key
    ).exists()


def test_theme_translated_through_wagtail_localize(
    editor, climate_theme, pt, django_capture_on_commit_callbacks
):
    theme = translate_theme(
        editor, climate_theme, pt, "Mobilidade climática", django_capture_on_commit_callbacks
    )
    assert theme.locale == pt
    assert theme.translation_key == climate_theme.translation_key
    assert theme.name == "Mobilidade climática"
    assert theme.slug == "climate-mobility"
    assert StringTranslation.objects.filter(
        locale=pt, context__object_id=climate_theme.translation_key, translation_type="manual"
    ).exists()
