from django.core.management.base import BaseCommand

from hallbar.core.jobs import daily_jobs


class Command(BaseCommand):
    help = "Enqueue the daily background jobs (reminders, refreshes); run once a day from cron or a timer."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run the jobs in this process instead of queueing them.")

    def handle(self, *args, now=False, **options):
        for name, task in daily_jobs().items():
            if now:
                self.stdout.write(f"{name}: {task.call()}")
            else:
                task.enqueue()
                self.stdout.write(f"{name}: queued")
