from django.core.management.base import BaseCommand

from hallbar.organisations.reference import load_municipalities


class Command(BaseCommand):
    help = "Load or update the 21 counties and 290 municipalities (idempotent). Also runs after migrate."

    def handle(self, *args, **options):
        counties, municipalities = load_municipalities()
        self.stdout.write(f"{counties} counties and {municipalities} municipalities loaded.")
