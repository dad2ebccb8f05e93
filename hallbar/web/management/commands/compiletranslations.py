"""Compile the .po message catalogues to .mo with pure Python (no GNU gettext needed)."""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the translation catalogues (locale/*/LC_MESSAGES/*.po) to .mo files."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
                if fuzzy:
                    raise CommandError(f"{po_path}: {len(fuzzy)} fuzzy translations need review, e.g. {fuzzy[0]!r}")
                # Written beside and then renamed: a process reading the catalogue meanwhile (another test run
                # started at the same time) sees the old file or the new one, never half of one.
                mo_path = po_path.with_suffix(".mo")
                partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
                try:
                    catalogue.save_as_mofile(str(partial))
                    os.replace(partial, mo_path)
                finally:
                    partial.unlink(missing_ok=True)
                compiled += 1
        self.stdout.write(f"{compiled} catalogue(s) compiled.")
