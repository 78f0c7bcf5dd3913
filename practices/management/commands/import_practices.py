"""python manage.py import_practices PATH [PATH ...]: write-ups to draft practices."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practices.importer import (
    SUPPORTED_SUFFIXES,
    ExtractError,
    Extraction,
    ReadError,
    extract_document,
    fingerprint,
)
from practices.importer.readers import MAX_FILE_BYTES
from practices.importer.writer import WriteError, possible_duplicates, write_practice
from practices.models import PracticeIndexPage

EMPTY_ROW = {
    "file": None,
    "status": "error",
    "page_id": None,
    **{
        name: [] if isinstance(value, list) else None
        for name, value in Extraction().as_dict().items()
    },
    "possible_duplicates": [],
    "error": None,
}
SKIPPED = "skipped"


def collect(paths):
    """Files named on the command line, and the supported files inside folders (recursively)."""
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in SUPPORTED_SUFFIXES
                    and not p.name.startswith((".", "~$"))
                )
            )
        else:
            files.append(path)
    return files


class Progress:
    """A one-line textual progress bar on stderr, silent when stderr is not a terminal."""

    def __init__(self, total, stream=sys.stderr, width=30):
        self.total, self.stream, self.width = total, stream, width
        self.enabled = total > 0 and stream.isatty()

    def show(self, done, label=""):
        if self.enabled:
            filled = self.width * done // self.total
            bar = "#" * filled + "." * (self.width - filled)
            self.stream.write(f"\r[{bar}] {done}/{self.total} {label[:40]:<40}")
            self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Import good-practice write-ups (.txt, .docx, .pdf; files or folders) as draft practices."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Extract and report without writing to the database.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the practices (default: drafts, submitted to the workflow if any).",
        )
        parser.add_argument(
            "--parent",
            help="ID or slug of the practice index to import into "
            "(default: the index in each document's language).",
        )
        parser.add_argument(
            "--report", metavar="FILE", help="Write the JSON report to FILE ('-' for stdout)."
        )
        parser.add_argument(
            "--skip-duplicates",
            action="store_true",
            help="Do not create a practice that looks like an existing one (any language).",
        )

    def handle(self, *args, paths, dry_run, publish, parent, report, skip_duplicates, **options):
        parent_page = self.resolve_parent(parent)
        files = collect(paths)
        if not files:
            raise CommandError("no .txt, .docx or .pdf files found")
        progress = Progress(len(files))
        rows = []
        for done, path in enumerate(files, start=1):
            progress.show(done - 1, path.name)
            rows.append(self.import_file(path, parent_page, publish, dry_run, skip_duplicates))
            progress.show(done, path.name)
        progress.close()
        self.write_report(rows, report if report else ("-" if dry_run else None))
        counts = dict.fromkeys(("created", "updated", "unchanged", SKIPPED, "error"), 0)
        for row in rows:
            counts[row["status"]] += 1
        prefix = "dry run: " if dry_run else ""
        self.stderr.write(prefix + ", ".join(f"{n} {status}" for status, n in counts.items()))
        if counts["error"]:
            raise CommandError(f"{counts['error']} of {len(rows)} file(s) could not be imported")

    def resolve_parent(self, value):
        if not value:
            return None
        lookup = {"pk": int(value)} if value.isdigit() else {"slug": value}
        indexes = list(PracticeIndexPage.objects.filter(**lookup))
        if len(indexes) != 1:
            found = ", ".join(f"{index.pk} ({index.locale.language_code})" for index in indexes)
            raise CommandError(
                f"--parent {value!r} matches {len(indexes)} practice indexes"
                + (f": {found}; use the ID" if found else "")
            )
        return indexes[0]

    def import_file(self, path, parent, publish, dry_run, skip_duplicates):
        row = {**EMPTY_ROW, "file": str(path)}
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise ReadError("too_large", f"file larger than {MAX_FILE_BYTES // 1_000_000} MB")
            text, extraction = extract_document(path.name, path.read_bytes())
            row.update(extraction.as_dict())
            digest = fingerprint(text)
            row["possible_duplicates"] = possible_duplicates(extraction, digest)
            if skip_duplicates and row["possible_duplicates"]:
                row["status"] = SKIPPED
                return row
            status, page = write_practice(
                extraction,
                source=path.name,
                fingerprint=digest,
                parent=parent,
                publish=publish,
                dry_run=dry_run,
            )
            row.update(status=status, page_id=page.pk if page else None)
            if page is not None:  # the page this import updates is not a duplicate of itself
                row["possible_duplicates"] = [
                    pk for pk in row["possible_duplicates"] if pk != page.pk
                ]
        except OSError as error:
            row["error"] = f"cannot read the file: {error.strerror or error}"
        except (ReadError, ExtractError, WriteError) as error:
            row["error"] = str(error)
        except Exception as error:  # one broken file must not stop the others
            row["error"] = f"unexpected error: {error!r}"
        if row["error"]:
            row["status"] = "error"
        return row

    def write_report(self, rows, destination):
        if destination is None:
            for row in rows:
                detail = row["error"] or row["title"]
                self.stdout.write(
                    f"{row['status']:<9} {row['page_id'] or '-':>6}  {row['file']}  {detail}"
                )
            return
        payload = json.dumps(rows, ensure_ascii=False, indent=2)
        if destination == "-":
            self.stdout.write(payload)
        else:
            Path(destination).write_text(payload + "\n", encoding="utf-8")
