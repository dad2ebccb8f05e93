from django.core.management.base import BaseCommand, CommandError

from hallbar.kolada.services import FetchFailed, refresh_all, refresh_catalogue, refresh_organisation
from hallbar.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Fetch the Kolada values of every KPI linked to an indicator, for each organisation's own municipality "
        "and its comparison group, and write the own values into the indicators. The same refresh runs every day "
        "as one of the daily jobs (run_daily_jobs); use this command to run it now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", metavar="SLUG", help="Only this organisation (its web address name).")
        parser.add_argument("--catalogue", action="store_true", help="Refresh the KPI catalogue and groups first.")

    def handle(self, *args, organisation=None, catalogue=False, **options):
        try:
            if catalogue:
                self.stdout.write(refresh_catalogue().summary())
            if organisation:
                found = Organisation.objects.select_related("municipality", "county").filter(slug=organisation).first()
                if found is None:
                    raise CommandError(f"No organisation with the web address name {organisation!r}.")
                result = refresh_organisation(found)
                self.stdout.write(f"{found}: {result.written} values written, {result.kept} own values kept.")
            else:
                report = refresh_all()
                self.stdout.write(report.summary())
                if report.failed_kpis:
                    first = next(iter(report.failed_kpis.values()))
                    raise CommandError(f"{first.message} ({first.detail})")
        except FetchFailed as failure:
            raise CommandError(f"{failure.message} ({failure.detail})") from failure
