from django.core.management.base import BaseCommand, CommandError

from hallbar.kolada.services import FetchFailed, refresh_all, refresh_catalogue, refresh_organisation
from hallbar.kolada.tasks import schedule_next
from hallbar.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Fetch the Kolada values of every KPI linked to an indicator, for each organisation's own municipality "
        "and its comparison group, and write the own values into the indicators. Run it from cron or a systemd "
        "timer, or start the self-scheduling background refresh once with --schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisation", metavar="SLUG", help="Only this organisation (its web address name).")
        parser.add_argument("--catalogue", action="store_true", help="Refresh the KPI catalogue and groups first.")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Do not fetch now: enqueue the scheduled refresh to run at once and then every "
            "KOLADA_REFRESH_HOURS (needs the database task backend and a running db_worker).",
        )

    def handle(self, *args, organisation=None, catalogue=False, schedule=False, **options):
        if schedule:
            run_at = schedule_next(now=True)
            if run_at is None:
                raise CommandError("The task backend cannot run jobs later; use cron or a systemd timer instead.")
            self.stdout.write(f"Scheduled Kolada refresh enqueued for {run_at:%Y-%m-%d %H:%M %Z}.")
            return
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
