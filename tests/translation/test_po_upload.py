"""PO upload: bad files get a clear error and change nothing; imports are counted honestly;
strings in error block publishing. (The admin answers in Spanish, the default language.)"""

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation

import pytest

from practices.localisation.human_pass import UnreviewedMachineTranslation

pytestmark = pytest.mark.django_db


@pytest.fixture
def translation(seed_practice):
    return Translation.objects.get(
        source__object_id=seed_practice.translation_key, target_locale__language_code="en"
    )


def upload(client, translation, content=None):
    data = {"next": "/admin/pages/"}
    if content is not None:
        data["file"] = SimpleUploadedFile("practice-en.po", content)
    url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
    response = client.post(url, data)
    assert response.status_code == 302, "never a 500"
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def strings(translation):
    return dict(
        StringTranslation.objects.filter(
            locale=translation.target_locale, context__object_id=translation.source.object_id
        ).values_list("pk", "data")
    )


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "Elija un archivo PO"),
        (b"", "vacío"),
        (b"   \n", "vacío"),
        (b'msgid "Hola"\nmsgstr "Hello"\n', "no tiene la cabecera"),
        (b"\xff\xfe\x00garbage", "No es un archivo PO válido"),
    ],
)
def test_bad_files_get_a_clear_error(editor, translation, content, says):
    before = strings(translation)
    [(level, text)] = upload(editor, translation, content)
    assert level == "error" and says in text
    assert strings(translation) == before


def test_a_truncated_file_is_not_a_500(editor, translation):
    content = str(translation.export_po()).encode()
    upload(editor, translation, content[: len(content) // 2])


def test_a_file_whose_strings_all_fail_is_not_reported_as_imported(editor, translation):
    po = translation.export_po()
    for entry in po:
        entry.msgid = f"Texto que ya no existe: {entry.msgid}"
        entry.msgstr = "Something"
    before = strings(translation)
    [(level, text)] = upload(editor, translation, str(po).encode())
    assert level == "error" and "No se importó ninguna cadena" in text
    assert strings(translation) == before


def test_a_good_file_reports_what_it_imported(editor, translation):
    po = translation.export_po()
    entry = next(e for e in po if e.msgctxt == "title")
    entry.msgstr = "A corrected English title"
    [(level, text)] = upload(editor, translation, str(po).encode())
    assert level == "success" and "Se importaron" in text
    assert "A corrected English title" in strings(translation).values()


def test_no_publish_while_strings_have_errors(translation, superuser):
    page = translation.get_target_instance()
    StringTranslation.objects.filter(
        locale=translation.target_locale,
        context__object_id=translation.source.object_id,
        context__path="slug",
    ).update(has_error=True, field_error="Enter a valid slug.")
    before = page.live_revision_id
    with pytest.raises(UnreviewedMachineTranslation, match="tienen errores"):
        page.save_revision(user=superuser).publish(user=superuser)
    page.refresh_from_db()
    assert page.live_revision_id == before
    assert Locale.objects.get(language_code="en") == page.locale
