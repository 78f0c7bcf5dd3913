"""Rebuild the hub's search index, then Wagtail's own (admin) search index.

    manage.py update_index              # hub index with a progress bar, then Wagtail's
    manage.py update_index --hub-only   # only the hub index

Shadows Wagtail's command of the same name (the `search` app comes first in INSTALLED_APPS);
Wagtail's alone is still `manage.py wagtail_update_index`.
"""

import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from search import indexer
from search.engines import get_engine

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Rebuild the hub search index (with a progress bar), then Wagtail's search index."

    def add_arguments(self, parser):
        parser.add_argument("--hub-only", action="store_true", help="Skip Wagtail's own index.")
        parser.add_argument(
            "--no-progress", action="store_true", help="Print one line at the end only."
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.show_progress = not options["no_progress"] and self.verbosity > 0
        self.started = time.monotonic()
        engine = get_engine()
        self._install_schema()
        if self.verbosity:
            self.stdout.write(f"Rebuilding the hub search index ({engine.label})")
        written = indexer.rebuild(progress=self._progress)
        elapsed = time.monotonic() - self.started
        if self.show_progress:
            self.stdout.write("")
        if self.verbosity:
            self.stdout.write(
                self.style.SUCCESS(f"{written} search documents indexed in {elapsed:.1f} s")
            )
        if not options["hub_only"]:
            call_command("wagtail_update_index", verbosity=self.verbosity)

    def _install_schema(self):
        """Recreate the engine's tables/columns if a migration or a restore dropped them."""
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                from search.engines.sqlite import install

                install(cursor)
            elif connection.vendor == "postgresql":
                from search.engines.postgres import install

                install(cursor)

    def _progress(self, done, total):
        if not self.show_progress:
            return
        fraction = done / total if total else 1
        filled = int(BAR_WIDTH * fraction)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        elapsed = time.monotonic() - self.started
        line = f"\r[{bar}] {fraction:4.0%} {done}/{total} pages {elapsed:6.1f} s"
        self.stdout.write(line, ending="")
        if hasattr(self.stdout, "flush"):
            self.stdout.flush()
        elif sys.stdout.isatty():
            sys.stdout.flush()
