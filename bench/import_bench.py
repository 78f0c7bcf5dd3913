"""Time `import_practices` on 200 text write-ups; prints the figures as JSON.

    .venv/bin/python bench/import_bench.py [--documents 200]

Runs against a throwaway test database (settings: DJANGO_SETTINGS_MODULE, default
hub.settings.test) with one practice index per language; the documents are variants of the
text documents in tests/practices/import_corpus/. Setup is not timed.
"""

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "practices" / "import_corpus"


def write_documents(folder, count):
    """``count`` distinct documents: corpus texts with a numbered title and summary."""
    sources = sorted(CORPUS.glob("*.txt"))
    for number in range(count):
        source = sources[number % len(sources)]
        text = source.read_bytes().decode("utf-8-sig", errors="replace")
        lines = text.splitlines()
        title_line = next(i for i, line in enumerate(lines) if len(line) > 30)
        lines[title_line] += f" ({number + 1})"
        lines.append(f"Documento de prueba número {number + 1}.")
        (folder / f"{number + 1:04d}-{source.name}").write_text("\n".join(lines), encoding="utf-8")


def make_indexes():
    from wagtail.models import Locale, Page

    from practices.models import PracticeIndexPage

    root = Page.get_first_root_node()
    for language in ("es", "en", "pt"):
        locale, _created = Locale.objects.get_or_create(language_code=language)
        if not PracticeIndexPage.objects.filter(locale=locale).exists():
            root.add_child(
                instance=PracticeIndexPage(
                    title=f"Prácticas {language}", slug=f"practicas-{language}", locale=locale
                )
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    count = parser.parse_args().documents

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    import django

    django.setup()
    from django.core.management import CommandError, call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        make_indexes()
        with tempfile.TemporaryDirectory() as folder:
            write_documents(Path(folder), count)
            timings = {}
            for run in ("first", "again"):
                report = Path(folder) / f"report-{run}.json"
                start, cpu = time.perf_counter(), time.process_time()
                with contextlib.suppress(CommandError):  # errors are counted from the report
                    call_command(
                        "import_practices",
                        folder,
                        report=str(report),
                        stdout=io.StringIO(),
                        stderr=io.StringIO(),
                    )
                timings[run] = time.perf_counter() - start
                timings[f"{run}_cpu"] = time.process_time() - cpu
                rows = json.loads(report.read_text(encoding="utf-8"))
                timings[f"{run}_statuses"] = {
                    status: sum(row["status"] == status for row in rows)
                    for status in ("created", "updated", "unchanged", "skipped", "error")
                }
                timings[f"{run}_flagged"] = sum(bool(row["possible_duplicates"]) for row in rows)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(
        json.dumps(
            {
                "documents": count,
                "database": connection.vendor,
                "seconds": round(timings["first"], 2),
                "ms_per_document": round(1000 * timings["first"] / count, 1),
                # CPU time of this process: the figure to trust on a shared, loaded machine.
                "cpu_seconds": round(timings["first_cpu"], 2),
                "statuses": timings["first_statuses"],
                "flagged_as_possible_duplicates": timings["first_flagged"],
                "reimport_seconds": round(timings["again"], 2),
                "reimport_statuses": timings["again_statuses"],
                "under_a_minute": timings["first"] < 60,
            }
        )
    )


if __name__ == "__main__":
    main()
