"""manage.py import_practices: drafts, idempotency, bad files, options and the report."""

import io
import json
import shutil
from pathlib import Path

from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.text import slugify

from wagtail.models import Locale, Workflow

import pytest

from practices.management.commands.import_practices import Progress
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
REPORT_KEYS = [
    "file",
    "status",
    "page_id",
    "title",
    "language",
    "summary",
    "lessons",
    "recommendations",
    "results",
    "countries",
    "themes",
    "subnational_area",
    "context",
    "objectives",
    "methodology",
    "innovation",
    "sustainability",
    "replicability",
    "gender_diversity",
    "partners",
    "description",
    "start_date",
    "end_date",
    "contact_name",
    "contact_email",
    "place_unclear",
    "possible_duplicates",
    "error",
]


def run(*args, **options):
    """Run the command; returns (report rows, raised CommandError or None)."""
    out = io.StringIO()
    error = None
    try:
        call_command("import_practices", *map(str, args), report="-", stdout=out, **options)
    except CommandError as raised:
        error = raised
    return json.loads(out.getvalue()), error


def draft(row):
    return PracticePage.objects.get(pk=row["page_id"]).get_latest_revision_as_object()


@pytest.fixture
def seed_file(tmp_path):
    target = tmp_path / "sistematizacion-ecuador.txt"
    shutil.copy(SEED, target)
    return target


def test_the_seed_becomes_an_exact_draft_without_footer(seed_file):
    (row,), error = run(seed_file)
    assert error is None
    assert row["status"] == "created"
    assert list(row) == REPORT_KEYS
    page = draft(row)
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert page.title == lines[6]
    assert page.summary == lines[12]
    assert [lesson.text for lesson in page.lessons.all()] == [line[2:] for line in lines[17:21]]
    assert [rec.text for rec in page.recommendations.all()] == [lines[28]]
    assert page.original_language == "es"
    assert page.locale.language_code == "es"
    assert [country.code for country in page.countries.all()] == ["EC"]
    assert {theme.slug for theme in page.themes.all()} == set(row["themes"])
    assert all(term.locale == Locale.get_default() for term in page.themes.all())
    assert page.live is False
    assert page.import_source == "sistematizacion-ecuador.txt"
    content = json.dumps(page.serializable_data(), ensure_ascii=False, cls=DjangoJSONEncoder)
    for footer in ["CONOCE", "ESCRÍBANOS", "INNOVAMIGRACIÓN", "OIMSuramerica", "iom.int", "HUB"]:
        assert footer not in content


def test_importing_again_is_unchanged_and_an_edit_updates_the_same_draft(seed_file):
    (first,), _ = run(seed_file)
    (second,), _ = run(seed_file)
    assert (second["status"], second["page_id"]) == ("unchanged", first["page_id"])

    seed_file.write_text(
        seed_file.read_text(encoding="utf-8").replace("Importancia de lograr", "Es clave lograr"),
        encoding="utf-8",
    )
    (third,), _ = run(seed_file)
    assert (third["status"], third["page_id"]) == ("updated", first["page_id"])
    assert draft(third).lessons.all()[2].text.startswith("Es clave lograr")
    assert PracticePage.objects.filter(import_source=seed_file.name).count() == 1

    (fourth,), _ = run(seed_file)
    assert fourth["status"] == "unchanged"


def test_the_same_content_in_another_encoding_is_unchanged(seed_file, tmp_path):
    run(seed_file)
    other = tmp_path / "copia.txt"
    other.write_bytes(
        seed_file.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8-sig")
    )
    (row,), _ = run(other)
    assert row["status"] == "unchanged"


def test_dry_run_reports_without_writing(seed_file):
    before = PracticePage.objects.count()
    out = io.StringIO()
    call_command("import_practices", str(seed_file), dry_run=True, stdout=out)
    (row,) = json.loads(out.getvalue())
    assert row["status"] == "created"
    assert row["page_id"] is None
    assert len(row["lessons"]) == 4
    assert PracticePage.objects.count() == before


def test_bad_files_are_reported_and_the_others_still_import(tmp_path):
    folder = tmp_path / "oficina"
    (folder / "sub").mkdir(parents=True)
    (folder / "vacio.txt").write_bytes(b"")
    (folder / "binario.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "carta.txt").write_text("Estimada Ana:\n\nGracias por todo.\n", encoding="utf-8")
    (folder / "roto.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    (folder / "roto.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "notas.md").write_text("# ignored: not a supported type in a folder")
    shutil.copy(CORPUS / "es-peru-ferias-salud.txt", folder / "sub" / "peru.txt")
    before = PracticePage.objects.count()

    rows, error = run(folder)

    assert isinstance(error, CommandError)
    by_name = {Path(row["file"]).name: row for row in rows}
    assert set(by_name) == {
        "vacio.txt",
        "binario.txt",
        "carta.txt",
        "roto.pdf",
        "roto.docx",
        "peru.txt",
    }
    assert by_name["peru.txt"]["status"] == "created"
    reasons = {name: row["error"] for name, row in by_name.items() if row["status"] == "error"}
    assert reasons["vacio.txt"] == "empty file"
    assert "binary" in reasons["binario.txt"]
    assert "no recognisable structure" in reasons["carta.txt"]
    assert "PDF" in reasons["roto.pdf"]
    assert "DOCX" in reasons["roto.docx"] or ".docx" in reasons["roto.docx"]
    assert all(by_name[name]["page_id"] is None for name in reasons)
    assert PracticePage.objects.count() == before + 1


def test_a_missing_or_unsupported_file_named_explicitly_is_an_error(tmp_path):
    sheet = tmp_path / "datos.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    rows, error = run(tmp_path / "no-existe.txt", sheet)
    assert error is not None
    assert [row["status"] for row in rows] == ["error", "error"]
    assert rows[0]["error"].startswith("cannot read the file")
    assert "unsupported file type" in rows[1]["error"]


def test_each_document_goes_to_the_index_in_its_language(tmp_path):
    for name in ("pt-paraguai-escolas.txt", "en-guyana-border.txt"):
        shutil.copy(CORPUS / name, tmp_path / name)
    rows, error = run(tmp_path)
    assert error is None
    assert {row["language"]: draft(row).locale.language_code for row in rows} == {
        "pt": "pt",
        "en": "en",
    }
    assert all(draft(row).get_parent().specific_class is PracticeIndexPage for row in rows)


def test_parent_option_by_id_and_by_slug(seed_file):
    english = PracticeIndexPage.objects.get(locale__language_code="en")
    (row,), _ = run(seed_file, parent=str(english.pk))
    assert draft(row).get_parent().pk == english.pk
    assert draft(row).original_language == "es"

    with pytest.raises(CommandError, match="matches 0 practice indexes"):
        call_command("import_practices", str(seed_file), parent="no-such-index")


def test_drafts_enter_the_workflow_and_publish_publishes(seed_file, tmp_path):
    index = PracticeIndexPage.objects.get(locale__language_code="es")
    assert isinstance(index.get_workflow(), Workflow)
    (row,), _ = run(seed_file)
    page = PracticePage.objects.get(pk=row["page_id"])
    assert page.workflow_in_progress
    assert not page.live

    other = tmp_path / "otra.txt"
    shutil.copy(CORPUS / "es-bolivia-retorno.txt", other)
    (row,), _ = run(other, publish=True)
    page = PracticePage.objects.get(pk=row["page_id"])
    assert page.live
    assert [lesson.text for lesson in page.lessons.all()] == row["lessons"]
    assert "<li>850 personas retornadas recibieron apoyo psicosocial.</li>" in page.results


def test_a_draft_may_lack_a_summary_but_cannot_be_published_without_one(tmp_path):
    document = tmp_path / "sin-resumen.txt"
    document.write_text(
        "Ferias de salud en Tumbes\n\nLecciones aprendidas\n\n- Una lección.\n",
        encoding="utf-8",
    )
    (row,), error = run(document)
    assert (row["status"], row["summary"], error) == ("created", "", None)

    other = tmp_path / "otra-sin-resumen.txt"
    other.write_text(
        "Brigadas de salud en Piura\n\nLecciones aprendidas\n\n- Otra lección.\n",
        encoding="utf-8",
    )
    (row,), error = run(other, publish=True)
    assert row["status"] == "error"
    assert row["error"].startswith("summary:")
    assert not PracticePage.objects.filter(import_source=other.name).exists()


def test_report_file_and_summary(seed_file, tmp_path):
    report = tmp_path / "informe.json"
    err = io.StringIO()
    call_command(
        "import_practices", str(seed_file), report=str(report), stdout=io.StringIO(), stderr=err
    )
    (row,) = json.loads(report.read_text(encoding="utf-8"))
    assert row["status"] == "created"
    assert "1 created, 0 updated, 0 unchanged, 0 skipped, 0 error" in err.getvalue()


def test_progress_bar_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = Progress(4, stream=stream)
        progress.show(2, "a.txt")
        progress.close()
    assert "[" + "#" * 15 + "." * 15 + "] 2/4 a.txt" in terminal.getvalue()
    assert pipe.getvalue() == ""


def test_the_seed_on_top_of_the_demo_warns_of_the_existing_practice(seed_file):
    existing = PracticePage.objects.get(
        locale__language_code="es",
        slug="piloto-herramientas-virtuales-emprendimiento-migrantes-ecuador",
    )
    (row,), _ = run(seed_file, dry_run=True)
    assert existing.pk in row["possible_duplicates"]
    (row,), _ = run(seed_file)
    assert row["status"] == "created" and existing.pk in row["possible_duplicates"]
    assert row["page_id"] not in row["possible_duplicates"]


def test_skip_duplicates_writes_nothing_for_a_practice_that_exists(seed_file, tmp_path):
    before = PracticePage.objects.count()
    (row,), error = run(seed_file, skip_duplicates=True)
    assert row["status"] == "skipped" and row["possible_duplicates"] and row["page_id"] is None
    assert error is None
    assert PracticePage.objects.count() == before


def test_fields_the_document_does_not_state_stay_empty_and_the_slug_ends_on_a_word(tmp_path):
    path = tmp_path / "larga.txt"
    title = (
        "Mesas territoriales de participación comunitaria para la integración de familias "
        "migrantes y refugiadas en los barrios periféricos de Barranquilla"
    )
    path.write_text(
        f"SISTEMATIZACIÓN DE BUENAS PRÁCTICAS\n\n{title}\n\nResumen de la práctica\n\n"
        "Las mesas reúnen cada mes a vecinos, líderes migrantes y funcionarios del distrito.\n\n"
        "Contexto y problema\n\nLos barrios no tenían espacios de diálogo entre vecinos.\n\n"
        "Lecciones aprendidas\n\n- Las mesas funcionan cuando los vecinos fijan la agenda.\n",
        encoding="utf-8",
    )
    (row,), _ = run(path)
    page = draft(row)
    full = slugify(title)
    assert len(full) > 80 and len(page.slug) <= 80
    assert full.startswith(page.slug) and full[len(page.slug)] == "-"  # cut between words
    assert (page.stage, page.evidence_level, page.government_level) == ("", "", "")
    assert (page.start_date, page.end_date) == (None, None)
    assert page.context == "<p>Los barrios no tenían espacios de diálogo entre vecinos.</p>"
    assert [c.code for c in page.countries.all()] == ["CO"]
    assert page.subnational_area == "Atlántico"


def test_every_record_section_lands_in_its_field(tmp_path):
    path = tmp_path / CORPUS.joinpath("es-guayaquil-cuidados.txt").name
    shutil.copy(CORPUS / "es-guayaquil-cuidados.txt", path)
    (row,), _ = run(path)
    page = draft(row)
    assert page.objectives.startswith("<p>Mejorar el acceso al empleo")
    assert page.innovation.startswith("<p>Las guarderías funcionan como cooperativas")
    assert page.sustainability and page.replicability and page.gender_diversity
    assert page.description.startswith("<p>Voces de las participantes</p>")
    assert "Fundación Mujeres del Guayas" in page.description
    assert page.start_date.isoformat() == "2023-04-01" and page.end_date is None
    assert (page.contact_name, page.contact_email) == (
        "Carmen Zambrano",
        "carmen.zambrano@redesdecuidado.example.org",
    )
    assert page.contact_consent is False  # never public until the person consents
    assert page.subnational_area == "Guayas"


def test_the_cli_refuses_a_file_over_the_size_limit(tmp_path):
    path = tmp_path / "enorme.txt"
    path.write_bytes(b"a" * 10_000_001)
    (row,), error = run(path)
    assert row["status"] == "error" and "larger than 10 MB" in row["error"]
    assert error is not None


def test_a_published_import_shows_no_stage_or_evidence_level_it_did_not_state(tmp_path, client):
    path = tmp_path / "es-guayaquil-cuidados.txt"
    shutil.copy(CORPUS / path.name, path)
    (row,), error = run(path, publish=True)
    assert error is None, row["error"]
    page = PracticePage.objects.get(pk=row["page_id"])
    assert page.live and (page.stage, page.evidence_level) == ("", "")
    html = client.get(page.get_url()).content.decode()
    assert "Redes de cuidado" in html and "Guayas" in html
    assert "<dt>Etapa</dt>" not in html and "Nivel de evidencia" not in html
