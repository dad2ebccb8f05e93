from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hallbar.frameworks.loader import load_all


class Command(BaseCommand):
    help = "Load or update the framework libraries (idempotent). Also runs after every migrate."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="Library files; default: all shipped ones.")

    def handle(self, *args, files, **options):
        report = load_all(files or None)
        self.stdout.write(report.summary())
        if report.errors:
            raise CommandError(f"{len(report.errors)} library file(s) failed to load; see above.")
