"""``manage.py load_emission_release --key K --name N [--release-version V] [--current] FILE...``: load an emission
release from SMHI's Excel export or CSV files, with the same checks as the operators' page (nothing is stored
unless everything passes; loading a key again replaces that release as a whole)."""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_slug

from ... import releases
from ...models import EmissionRelease
from ...release_forms import SMHI_URL


class Command(BaseCommand):
    help = "Load an emission release (SMHI's Excel export or CSV files), checked as a whole before it is stored."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="CSV or XLSX files of the release")
        parser.add_argument("--key", required=True, help="the release's key, e.g. smhi-2027")
        parser.add_argument("--name", required=True, help="the release's name as shown with its figures")
        parser.add_argument(
            "--release-version", dest="release_version", help="raised on every replacement (default: today's date)"
        )
        parser.add_argument("--kind", choices=EmissionRelease.Kind.values, default=EmissionRelease.Kind.TERRITORIAL)
        parser.add_argument("--unit", default="t CO2e")
        parser.add_argument("--publisher", default="SMHI for Naturvårdsverket (Nationella emissionsdatabasen)")
        parser.add_argument("--citation", default="Källa: SMHI/Naturvårdsverket, Nationella emissionsdatabasen")
        parser.add_argument("--url", default=SMHI_URL)
        parser.add_argument("--licence", default="CC BY 4.0")
        parser.add_argument("--note", default="")
        parser.add_argument("--current", action="store_true", help="make it the current release of its kind")

    def handle(self, *args, files, key, current, release_version=None, **options):
        try:
            validate_slug(key)
        except ValidationError as error:
            raise CommandError(f"--key: {' '.join(error.messages)}") from error
        info = releases.ReleaseInfo(
            key=key,
            version=release_version or datetime.date.today().isoformat(),
            **{name: options[name] for name in ("name", "kind", "unit", "publisher", "citation", "url", "licence")},
            note=options["note"],
        )
        try:
            contents = [(Path(file).name, Path(file).read_bytes()) for file in files]
        except OSError as error:
            raise CommandError(str(error)) from error
        try:
            loaded = releases.load_release(info, contents, make_current=current)
        except releases.ReleaseRejected as rejected:
            raise CommandError("Nothing was stored:\n" + "\n".join(rejected.problems)) from rejected
        state = "current" if loaded.release.is_current else "not current"
        replaced = ", replacing the earlier load" if loaded.replaced else ""
        self.stdout.write(
            f"{loaded.release.key} {loaded.release.version}: {loaded.figures} figures stored{replaced}; {state}."
        )
