from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hallbar.procurement.national import import_statistics


class Command(BaseCommand):
    help = (
        "Import Upphandlingsmyndigheten's procurement statistics (one row per procurement, as in "
        "uhm_2021_procurements.csv); replaces the years in the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file.")

    def handle(self, *args, path, **options):
        try:
            imported = import_statistics(path)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for year, buyers in imported.items():
            self.stdout.write(f"{year}: figures of {buyers} buyers imported.")
