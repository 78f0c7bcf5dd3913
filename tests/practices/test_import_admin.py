"""The admin importer: permission, upload, side-by-side preview, corrections, drafts."""

from pathlib import Path

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import GroupPagePermission

import pytest

from practices.importer.forms import MAX_TOTAL_BYTES, MAX_UPLOAD_BYTES
from practices.models import PracticeIndexPage, PracticePage

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).parent / "import_corpus"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_d84a0486f3312333.txt"
# The real seed beside the checkout (as in CI), else its verbatim copy in the corpus.
SEED = (
    SHARED_SEED
    if SHARED_SEED.exists()
    else Path(__file__).parent / "import_corpus" / "seed-ecuador.txt"
)
UPLOAD_URL = "practices_importer:upload"
CREATE_URL = "practices_importer:create"


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(*groups)
    return user


@pytest.fixture
def contributor(db):
    return make_user("contribuidora", Group.objects.get(name="Contributors"))


@pytest.fixture
def translator(db):
    return make_user("traductora", Group.objects.get(name="Translators"))


@pytest.fixture
def spanish_only(db):
    """Admin access and permission to add pages under the Spanish practice index only."""
    group = Group.objects.create(name="Solo español")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=PracticeIndexPage.objects.get(locale__language_code="es"),
        permission=Permission.objects.get(codename="add_page"),
    )
    return make_user("oficina-lima", group)


def upload(client, *files):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(reverse(UPLOAD_URL), {"files": uploads})


def post_data(formset, **changes):
    """The POST data a browser sends for the preview formset as rendered, with ``changes``."""
    data = {
        f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()
    }
    for form in formset.forms:
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if isinstance(field, forms.BooleanField):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif isinstance(field, forms.JSONField):
                data[form.add_prefix(name)] = field.prepare_value(value)
            elif value is not None:
                data[form.add_prefix(name)] = value
    data.update(changes)
    return data


def test_only_users_who_may_add_practices_see_and_use_the_importer(client, contributor, translator):
    url = reverse(UPLOAD_URL)
    client.force_login(translator)
    assert client.get(url).status_code == 302
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(contributor)
    response = client.get(url)
    assert response.status_code == 200
    assert "10 MB" in response.content.decode()
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(reverse(UPLOAD_URL))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_preview_shows_the_extraction_beside_the_text_and_the_failures(client, superuser):
    client.force_login(superuser)
    response = upload(
        client,
        ("ecuador.txt", SEED.read_bytes()),
        ("carta.txt", b"Estimada Ana:\n\nGracias."),
        ("vacio.txt", b""),
    )
    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) == 1
    initial = formset.forms[0].initial
    assert initial["title"].startswith("Piloto de herramientas virtuales")
    assert len(initial["lessons"].splitlines()) == 4
    assert initial["countries"] == ["EC"]
    html = response.content.decode()
    assert "ecuador.txt" in html
    assert "CONOCE MÁS" in html  # the document text is shown beside the form
    assert "carta.txt" in html and "no se reconoce la estructura" in html
    assert "vacio.txt" in html and "vacío" in html


def test_files_over_the_size_limit_are_refused(client, superuser):
    client.force_login(superuser)
    response = upload(client, ("grande.txt", b"a" * (MAX_UPLOAD_BYTES + 1)))
    assert response.status_code == 200
    assert "formset" not in response.context
    assert "10 MB" in response.context["form"].errors["files"][0]


def test_corrected_preview_creates_a_draft_in_the_workflow(client, contributor):
    client.force_login(contributor)
    formset = upload(client, ("ecuador.txt", SEED.read_bytes())).context["formset"]
    data = post_data(
        formset,
        **{
            "form-0-title": "Emprendimiento de personas migrantes en Ecuador",
            "form-0-lessons": "Primera lección corregida.\n\nSegunda lección.",
            "form-0-themes": ["emprendimiento"],
        },
    )
    response = client.post(reverse(CREATE_URL), data)
    assert response.status_code == 302
    page = PracticePage.objects.get(import_source="ecuador.txt")
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Emprendimiento de personas migrantes en Ecuador"
    assert [lesson.text for lesson in draft.lessons.all()] == [
        "Primera lección corregida.",
        "Segunda lección.",
    ]
    assert [theme.slug for theme in draft.themes.all()] == ["emprendimiento"]
    assert [country.code for country in draft.countries.all()] == ["EC"]
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_state.requested_by == contributor
    assert page.get_latest_revision().user == contributor

    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200

    response = upload(client, ("ecuador.txt", SEED.read_bytes()))
    assert "ya se importó" in response.content.decode()
    client.post(reverse(CREATE_URL), post_data(response.context["formset"]))
    assert PracticePage.objects.filter(import_source="ecuador.txt").count() == 1


def test_unticked_documents_are_not_created(client, superuser):
    client.force_login(superuser)
    formset = upload(client, ("ecuador.txt", SEED.read_bytes())).context["formset"]
    data = post_data(formset)
    del data["form-0-include"]
    assert client.post(reverse(CREATE_URL), data).status_code == 302
    assert not PracticePage.objects.filter(import_source="ecuador.txt").exists()


def test_missing_title_or_tampered_token_redisplay_the_preview(client, superuser):
    client.force_login(superuser)
    formset = upload(client, ("ecuador.txt", SEED.read_bytes())).context["formset"]
    response = client.post(
        reverse(CREATE_URL),
        post_data(formset, **{"form-0-title": " ", "form-0-token": "forged"}),
    )
    assert response.status_code == 200
    errors = response.context["formset"].forms[0].errors
    assert set(errors) == {"title", "token"}
    assert not PracticePage.objects.filter(import_source="ecuador.txt").exists()


def test_indexes_offered_are_those_the_user_may_add_to(client, spanish_only):
    client.force_login(spanish_only)
    document = (CORPUS / "pt-paraguai-escolas.txt").read_bytes()
    form = upload(client, ("paraguai.txt", document)).context["formset"].forms[0]
    spanish = PracticeIndexPage.objects.get(locale__language_code="es")
    assert [pk for pk, _label in form.fields["parent"].choices] == [spanish.pk]
    assert form.initial["parent"] == spanish.pk
    assert form.initial["language"] == "pt"


def test_the_seed_on_top_of_the_demo_is_shown_as_a_possible_duplicate(client, superuser):
    client.force_login(superuser)
    response = upload(client, ("ecuador.txt", SEED.read_bytes()))
    existing = PracticePage.objects.get(
        locale__language_code="es",
        slug="piloto-herramientas-virtuales-emprendimiento-migrantes-ecuador",
    )
    assert existing in response.context["formset"].forms[0].initial["duplicates"]
    html = response.content.decode()
    assert "This looks like an existing practice" in html or "Parece una práctica" in html
    assert reverse("wagtailadmin_pages:edit", args=[existing.pk]) in html


def test_sections_outside_the_form_reach_the_draft(client, contributor):
    client.force_login(contributor)
    document = CORPUS / "es-guayaquil-cuidados.txt"
    formset = upload(client, (document.name, document.read_bytes())).context["formset"]
    assert formset.forms[0].initial["subnational_area"] == "Guayas"
    client.post(reverse(CREATE_URL), post_data(formset))
    page = PracticePage.objects.get(import_source=document.name).get_latest_revision_as_object()
    assert page.subnational_area == "Guayas"
    assert page.context.startswith("<p>En los barrios de Bastión Popular")
    assert page.contact_name == "Carmen Zambrano" and page.contact_consent is False


def test_an_upload_too_large_in_total_is_refused_before_reading(client, superuser):
    client.force_login(superuser)
    size = MAX_TOTAL_BYTES // 6 + 1
    response = upload(client, *[(f"parte-{n}.txt", b"a" * size) for n in range(6)])
    assert "formset" not in response.context
    assert "MB" in response.context["form"].errors["files"][0]
    assert not PracticePage.objects.filter(import_source__startswith="parte-").exists()


def test_a_deflate_bomb_is_a_clear_per_file_error(client, superuser, tmp_path):
    from test_import_extract import deflate_bomb  # tests/practices is on sys.path

    client.force_login(superuser)
    response = upload(
        client, ("bomba.docx", deflate_bomb(tmp_path)), ("ecuador.txt", SEED.read_bytes())
    )
    assert len(response.context["formset"].forms) == 1  # the other file still imports
    ((name, reason),) = response.context["failures"]
    assert name == "bomba.docx" and "unpack to 102 MB (limit 50 MB)" in reason
