"""Compile the interface catalogues (locale/*/LC_MESSAGES/*.po) to .mo without GNU gettext."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

import polib


class Command(BaseCommand):
    help = "Compile .po catalogues to .mo with polib (no msgfmt needed)."

    def handle(self, *args, **options):
        for directory in settings.LOCALE_PATHS:
            for po_path in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                # Written aside, then renamed: a process reading the catalogue meanwhile (CI runs
                # two test sessions at once) sees the old file or the new one, never half.
                mo_path = po_path.with_suffix(".mo")
                partial = mo_path.with_suffix(f".mo.{os.getpid()}")
                catalogue.save_as_mofile(str(partial))
                partial.replace(mo_path)
                if options["verbosity"]:
                    self.stdout.write(f"{po_path}: {catalogue.percent_translated()}% translated")
