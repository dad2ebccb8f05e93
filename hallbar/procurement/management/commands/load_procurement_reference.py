from django.core.management.base import BaseCommand

from hallbar.procurement.reference import load_reference


class Command(BaseCommand):
    help = "Load (or update) the CPV 2008 codes and the procurement criteria library."

    def handle(self, *args, **options):
        cpv, criteria = load_reference()
        self.stdout.write(f"{cpv} CPV codes and {criteria} criteria written.")
