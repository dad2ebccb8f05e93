"""Import benchmark: 1,000,000 indicator values from CSV, upload → validate → commit, then again (all replaced).

Run:  .venv/bin/python benchmarks/bench_import.py            (SQLite, a throw-away test database)
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/hallbar_bench .venv/bin/python benchmarks/bench_import.py
      Options: --rows N (default 1,000,000)

The file: 290 monthly indicators × 24 (23 units and the whole organisation) × 12 years × 12 months,
cut to the row count, written the way Swedish Excel writes CSV (';', decimal comma, cp1252).
Prints a results table (wall seconds and this process's CPU seconds per stage, peak resident memory);
record it in docs/benchmarks.md. CPU seconds exclude the PostgreSQL server's own work.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallbar.settings.test")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
    # A database file with the production settings (WAL), not the test runner's in-memory database.
    settings.DATABASES["default"]["TEST"] = {"NAME": str(Path("/tmp") / "hallbar_bench_import.sqlite3")}

django.setup()

import polars as pl  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

INDICATORS, UNITS, YEARS, MONTHS = 290, 23, 12, 12


def build(rows: int):
    from hallbar.accounts.models import Membership, User
    from hallbar.indicators.models import Indicator
    from hallbar.organisations.models import Organisation, OrganisationUnit

    organisation = Organisation.objects.create(name="Benchmark kommun", slug="benchmark", kind="municipality")
    units = [OrganisationUnit.objects.create(organisation=organisation, name=f"Enhet {i}") for i in range(UNITS)]
    Indicator.objects.bulk_create(
        Indicator(
            organisation=organisation, title=f"Indikator {i}", unit="st", direction="increase", frequency="monthly"
        )
        for i in range(INDICATORS)
    )
    user = User.objects.create_user("bench@example.se", "x", full_name="Bench")
    Membership.objects.create(user=user, organisation=organisation, role="coordinator")
    frame = (
        pl.DataFrame({"Indikator": [f"Indikator {i}" for i in range(INDICATORS)]})
        .join(pl.DataFrame({"Enhet": [""] + [unit.name for unit in units]}), how="cross")
        .join(pl.DataFrame({"År": [str(2013 + y) for y in range(YEARS)]}), how="cross")
        .join(pl.DataFrame({"Period": [str(m) for m in range(1, MONTHS + 1)]}), how="cross")
        .head(rows)
        .with_columns(
            (pl.int_range(pl.len()) % 1000 / 10).cast(pl.String).str.replace(".", ",", literal=True).alias("Värde"),
            pl.lit("preliminary").alias("Status"),
            pl.lit("Bokföring").alias("Källa"),
        )
    )
    data = frame.write_csv(separator=";").encode("cp1252")
    return organisation, user, data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    rows = parser.parse_args().rows
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from hallbar.accounts.scoping import Scope
        from hallbar.imports import services
        from hallbar.imports.reading import read_table
        from hallbar.imports.registry import get_spec
        from hallbar.imports.validation import ImportContext, auto_mapping, validate
        from hallbar.indicators.models import IndicatorValue

        spec = get_spec("indicator_values")
        organisation, user, data = build(rows)
        scope = Scope(user, organisation)
        results = []

        def stage(name, function):
            started, cpu = time.perf_counter(), time.process_time()
            value = function()
            results.append((name, time.perf_counter() - started, time.process_time() - cpu))
            return value

        table = stage("parse the CSV (cp1252, ';')", lambda: read_table(data, "values.csv", spec))
        context = ImportContext(organisation=organisation, scope=scope, user=user)
        stage(
            "validate (mapping, types, lookups, rules)",
            lambda: validate(spec, table, auto_mapping(spec, table.headers), context),
        )
        job = stage(
            "upload: parse + validate + store the file",
            lambda: services.create_job(
                spec=spec, organisation=organisation, user=user, scope=scope, filename="values.csv", data=data
            ),
        )
        assert job.error_count == 0, job.errors[:5]
        stage("commit into an empty table (re-validates)", lambda: services.commit(job, scope))
        assert IndicatorValue.objects.count() == rows
        again = stage(
            "upload the same file again (counts replacements)",
            lambda: services.create_job(
                spec=spec, organisation=organisation, user=user, scope=scope, filename="values.csv", data=data
            ),
        )
        assert again.replaced_count == rows, again.replaced_count
        stage("commit again: every row replaced", lambda: services.commit(again, scope))
        assert IndicatorValue.objects.count() == rows
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        counted = [r for r in results if r[0].startswith(("upload:", "commit into"))]
        end_to_end = (sum(r[1] for r in counted), sum(r[2] for r in counted))

        print(f"\n{connection.vendor}: {rows:,} rows, file {len(data) / 2**20:.1f} MiB\n")
        print(f"| {'stage':<50} | {'seconds':>8} | {'CPU s':>6} |")
        print(f"|{'-' * 52}|{'-' * 9}:|{'-' * 7}:|")
        for name, seconds, cpu in [*results, ("end to end (upload + first commit)", *end_to_end)]:
            print(f"| {name:<50} | {seconds:>8.2f} | {cpu:>6.2f} |")
        print(f"\npeak resident memory of the process: {peak:,.0f} MiB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
