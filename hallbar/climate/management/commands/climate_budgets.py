from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from hallbar.climate.exports import results_csv
from hallbar.climate.models import BudgetMethod
from hallbar.climate.reference import default_method_key
from hallbar.climate.results import municipality_results


class Command(BaseCommand):
    help = (
        "Write the carbon budget of every municipality a preset covers as CSV (the same file as the export of "
        "Climate → Budgets of all municipalities, with English headings). Used to generate "
        "docs/methods/carbon-budget-results-<year>.csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("--method", metavar="KEY", help="The preset's key (default: the shipped default preset).")
        parser.add_argument(
            "--organisation", metavar="SLUG", help="Look the key up among this organisation's own presets."
        )
        parser.add_argument("--year", type=int, metavar="YYYY", help="The current year (default: this year).")
        parser.add_argument("--output", metavar="FILE.csv", help="Write to this file instead of standard output.")

    def handle(self, *args, method=None, organisation=None, year=None, output=None, **options):
        key = method or default_method_key()
        found = BudgetMethod.objects.select_related("release").filter(key=key)
        found = found.filter(organisation__slug=organisation) if organisation else found.filter(organisation=None)
        chosen = found.first()
        if chosen is None:
            raise CommandError(f"No preset with the key {key!r}" + (f" in {organisation!r}." if organisation else "."))
        current_year = year or date.today().year
        if not 1990 <= current_year <= 2100:
            raise CommandError("Give a year between 1990 and 2100.")
        with translation.override("en"):
            content = results_csv(municipality_results(chosen, current_year))
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"Wrote {output}: {chosen} in {current_year}.")
        else:
            self.stdout.write(content.decode("utf-8-sig"), ending="")
