"""Foundation benchmarks: library loading, scoped queries and page rendering on a large organisation.

Run:  .venv/bin/python benchmarks/bench_foundation.py            (SQLite, a throw-away test database)
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/hallbar_bench .venv/bin/python benchmarks/bench_foundation.py

Prints a results table; record it in docs/benchmarks.md with the command that made it.
"""

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallbar.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

UNITS_PER_LEVEL = (8, 6, 5, 4)  # 8 committees → 48 administrations → 240 units → 960 sub-units (1,256 in all)


def timed(function, repeat: int = 5):
    """Median wall time in ms over ``repeat`` runs, then peak Python memory (MiB) of one traced run.

    Memory is traced in a separate run because tracemalloc slows Python code down several times."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def build_organisation():
    from hallbar.accounts.models import Membership, User
    from hallbar.organisations.models import Organisation, OrganisationUnit

    organisation = Organisation.objects.create(name="Benchmark kommun", slug="benchmark", kind="municipality")
    level = [None]
    for width in UNITS_PER_LEVEL:
        next_level = []
        for parent in level:
            for index in range(width):
                next_level.append(
                    OrganisationUnit.objects.create(organisation=organisation, parent=parent, name=f"Enhet {index}")
                )
        level = next_level
    user = User.objects.create_user("bench@example.se", "x", full_name="Bench")
    Membership.objects.create(user=user, organisation=organisation, role="coordinator")
    return organisation, user


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)  # migrate also loads the libraries once
    try:
        from hallbar.accounts.scoping import Scope
        from hallbar.frameworks.loader import load_all
        from hallbar.frameworks.models import FrameworkItem, ItemMapping, Library
        from hallbar.organisations.models import OrganisationUnit
        from hallbar.organisations.queries import unit_tree

        rows = []

        def load_fresh():
            ItemMapping.objects.all().delete()
            FrameworkItem.objects.update(parent=None)
            FrameworkItem.objects.all().delete()
            Library.objects.all().delete()
            load_all()

        rows.append(("Load all framework libraries into an empty database", *timed(load_fresh, 3)))
        rows.append(("Reload unchanged libraries (idempotent no-op)", *timed(load_all, 5)))

        started = time.perf_counter()
        organisation, user = build_organisation()
        build_ms = (time.perf_counter() - started) * 1000
        units = OrganisationUnit.objects.filter(organisation=organisation).count()
        rows.append((f"Create a {units}-unit tree (with audit trail)", build_ms, 0.0))

        scope = Scope(user, organisation)
        focus = OrganisationUnit.objects.filter(organisation=organisation, depth=1).first()
        rows.append(
            (
                "Scoped list of all units → nested tree",
                *timed(lambda: unit_tree(scope.filter(OrganisationUnit.objects.all())), 5),
            )
        )
        focused = Scope(user, organisation, focus=focus)
        rows.append(
            (
                "Focused subtree (one administration)",
                *timed(lambda: list(focused.in_focus(focused.filter(OrganisationUnit.objects.all()))), 5),
            )
        )

        client = Client()
        client.force_login(user)
        for label, url in [
            ("Render the structure page", "/organisation/"),
            ("Render the dashboard", "/"),
            ("Search the frameworks for 'klimat'", "/frameworks/search/?q=klimat"),
            ("API: first page of units", "/api/v1/units/"),
        ]:

            def get(url=url):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            rows.append((label, *timed(get, 5)))

        print(f"\nHållbar foundation benchmarks – {connection.vendor}, Python {sys.version.split()[0]}\n")
        print(f"| {'operation':58} | {'median ms':>10} | {'peak MiB':>9} |")
        print(f"|{'-' * 60}|{'-' * 12}|{'-' * 11}|")
        for label, ms, mib in rows:
            print(f"| {label:58} | {ms:10.1f} | {mib:9.1f} |")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
