from django.core.management.base import BaseCommand, CommandError

from hallbar.kolada.reference import load_snapshot
from hallbar.kolada.services import FetchFailed, refresh_catalogue


class Command(BaseCommand):
    help = (
        "Load the Kolada KPI catalogue and municipality groups from the bundled snapshot (also runs after "
        "migrate, skipped when unchanged), or with --from-api from the Kolada API."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Reload the snapshot even if it is already loaded.")
        parser.add_argument("--from-api", action="store_true", help="Fetch the catalogue from the Kolada API instead.")

    def handle(self, *args, force=False, from_api=False, **options):
        if from_api:
            try:
                report = refresh_catalogue()
            except FetchFailed as failure:
                raise CommandError(f"{failure.message} ({failure.detail})") from failure
        else:
            report = load_snapshot(force=force)
            if report is None:
                self.stdout.write("The Kolada snapshot is already loaded (use --force to reload it).")
                return
        self.stdout.write(report.summary())
