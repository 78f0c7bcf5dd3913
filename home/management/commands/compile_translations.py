"""Compile the interface catalogues (locale/*/LC_MESSAGES/*.po) to .mo without GNU gettext."""

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
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                if options["verbosity"]:
                    self.stdout.write(f"{po_path}: {catalogue.percent_translated()}% translated")
