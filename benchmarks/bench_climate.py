"""Carbon budgets of all 290 municipalities (issue 7): cold (series read from the database) and warm
(series cached per release version), the full results table, its CSV and one municipality's comparison.

Run:  .venv/bin/python benchmarks/bench_climate.py          (SQLite, a throw-away test database)
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/hallbar_bench .venv/bin/python benchmarks/bench_climate.py
      Options: --runs N (default 20 per warm step), --year YYYY (default 2026)

The throw-away database is migrated, which loads the shipped releases and presets (as every installation
does). Each cold run empties the series cache first. Prints a results table; record it in
docs/benchmarks.md with the command that made it. Target: all 290 municipalities in under one second.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallbar.settings.test")

TARGET_SECONDS = 1.0
COMPARED = "0580"  # Linköping: a county and an SKR group to compare with


def timed(function, runs: int, before=None) -> tuple[list[float], object]:
    seconds, result = [], None
    for _run in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--year", type=int, default=2026)
    options = parser.parse_args()

    import django
    from django.conf import settings

    if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        settings.DATABASES["default"]["TEST"] = {"NAME": "/tmp/hallbar_bench_climate.sqlite3"}
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        run(options)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(options) -> None:
    from django.db import connection
    from django.utils import translation

    from hallbar.climate import queries
    from hallbar.climate.exports import results_csv
    from hallbar.climate.models import BudgetMethod
    from hallbar.climate.reference import default_method_key
    from hallbar.climate.results import municipality_results
    from hallbar.organisations.models import Municipality

    year, runs = options.year, options.runs
    method = BudgetMethod.objects.select_related("release").get(organisation=None, key=default_method_key())
    municipality = Municipality.objects.select_related("county").get(code=COMPARED)
    clear = queries._series.cache_clear

    steps = []
    seconds, budgets = timed(lambda: queries.municipal_budgets(method, year), max(3, runs // 4), before=clear)
    steps.append(("all 290 budgets, cold (series read from the database)", seconds))
    count = len(budgets.codes)
    steps.append(
        ("all 290 budgets, warm (series cached)", timed(lambda: queries.municipal_budgets(method, year), runs)[0])
    )
    seconds, results = timed(lambda: municipality_results(method, year), runs)
    steps.append(("results table: 290 rows with names and counties (warm)", seconds))
    with translation.override("en"):
        steps.append(("the table as CSV (the export and the command)", timed(lambda: results_csv(results), runs)[0]))
    steps.append(
        (
            f"comparison of {municipality.name}: county, SKR group, all (warm)",
            timed(lambda: queries.comparison(method, municipality, year), runs)[0],
        )
    )
    carbon_law = BudgetMethod.objects.get(organisation=None, key="carbon-law-11-72")
    steps.append(
        (
            "all 290 budgets, Carbon Law preset (warm)",
            timed(lambda: queries.municipal_budgets(carbon_law, year), runs)[0],
        )
    )

    print(f"Carbon budgets: {count} municipalities, preset {method} ({method.release.key}), current year {year}")
    print(f"database: {connection.vendor}; runs per warm step: {runs}")
    print()
    print(f"| {'step':<66} | {'median ms':>9} | {'max ms':>8} |")
    print(f"|{'-' * 68}|{'-' * 10}:|{'-' * 9}:|")
    for name, seconds in steps:
        print(f"| {name:<66} | {statistics.median(seconds) * 1000:9.1f} | {max(seconds) * 1000:8.1f} |")
    worst = max(max(seconds) for _name, seconds in steps[:3])
    verdict = "✔" if worst < TARGET_SECONDS else "✘"
    print()
    print(
        f"Target: all {count} municipalities under {TARGET_SECONDS:.0f} s, cold or warm: {verdict} "
        f"(worst {worst:.3f} s)"
    )


if __name__ == "__main__":
    main()
