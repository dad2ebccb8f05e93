"""``manage.py load_candidate_list FILE --list-version V --dated YYYY-MM-DD [--total N]``: load a newer ECHA
export of the Candidate List (the same rules as the operators' page), or, without a file, the bundled one."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hallbar.imports.reading import UnreadableFile

from ... import loader

SOURCE = "European Chemicals Agency (ECHA), https://echa.europa.eu/candidate-list-table"


class Command(BaseCommand):
    help = "Load a version of the EU Candidate List (validated whole; an identical file changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="ECHA's CSV or XLSX export; the bundled list when left out")
        parser.add_argument("--list-version", dest="list_version", help="the version name, e.g. 2026-01-21")
        parser.add_argument("--dated", type=datetime.date.fromisoformat, help="the export's date, YYYY-MM-DD")
        parser.add_argument("--total", type=int, help="how many entries the full list has, if the file is partial")
        parser.add_argument("--source", default=SOURCE)

    def handle(self, *args, file=None, list_version=None, dated=None, total=None, source=SOURCE, **options):
        try:
            if file is None:
                result = loader.load_bundled()
            else:
                if not list_version or not dated:
                    raise CommandError("Give --list-version and --dated with a file.")
                path = Path(file)
                result = loader.load(
                    path.read_bytes(), path.name, version=list_version, dated=dated, source=source, total_entries=total
                )
        except loader.InvalidList as invalid:
            raise CommandError("\n".join(invalid.errors)) from invalid
        except (UnreadableFile, OSError) as error:
            raise CommandError(str(error)) from error
        state = "loaded" if result.created else "already loaded, nothing changed"
        self.stdout.write(f"{result.substance_list.version}: {state}.")
