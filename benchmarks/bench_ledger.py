"""Ledger benchmark: a synthetic 10-million-line supplier-invoice ledger, three ways, side by side.

Run:  .venv/bin/python benchmarks/bench_ledger.py              (SQLite, a throw-away test database)
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/hallbar_bench .venv/bin/python benchmarks/bench_ledger.py
      Options: --rows N (default 10,000,000), --runs N (per contender, default 3: the median is shown),
               --keep DIR (keep the generated files there and reuse them on the next run)

The ledger: 5 years (2020–2024), 40 units (a few large administrations take most lines), 8,000
suppliers with a Zipf-like skew (the largest hundred take most of the spend), each buying on one or two
of 64 accounts, log-normal amounts, 2 % credit notes, litres on fuel lines. Written once as Parquet
(what the three compete on) and, because pandas cannot read Parquet without pyarrow (which Hållbar
does not install), as CSV for pandas as well.

Each contender runs in its own process so that its peak resident memory (ru_maxrss) is its own:
1. Hållbar end to end: upload (checksum, store) → DuckDB read, check, map units → sums → factors → the
   totals stored in the database (importing.start_import; the task runs immediately in test settings).
2. A raw DuckDB query over the same Parquet file computing the same two sets of totals.
3. A straightforward pandas implementation over the CSV: read, parse, check, join units, group.
All three print the total amount so the results can be compared. pandas is not a dependency of
Hållbar: install it into .venv for this benchmark only (`.venv/bin/uv pip install pandas`).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNITS, SUPPLIERS, YEARS = 40, 8000, (2020, 2024)
ACCOUNTS = [
    "4011", "4012", "4611", "4612", "4621", "4661", "4662", "6111", "6112", "6411", "6412", "6161", "6421",
    "6431", "6461", "6511", "6512", "7011", "7012", "7021", "7111", "7112", "7121", "7211", "7212", "7221",
    "7222", "7231", "7311", "7312", "7411", "7412", "7413", "7511", "7512", "7521", "7531", "7532", "7541",
    "7561", "7611", "7612", "7621", "7622", "7631", "7711", "7811", "7812", "7911", "7912", "4013", "4613",
    "6113", "6413", "7013", "7113", "7213", "7313", "7414", "7613", "7623", "7813", "8111", "8911",
]  # fmt: skip


def generate(rows: int, folder: Path) -> tuple[Path, Path]:
    import duckdb

    parquet, csv = folder / "ledger.parquet", folder / "ledger.csv"
    accounts = "[" + ",".join(f"'{account}'" for account in ACCOUNTS) + "]"
    connection = duckdb.connect()
    connection.execute("SELECT setseed(0.42)")
    connection.execute(
        f"""
        CREATE TABLE ledger AS
        WITH draws AS (
            SELECT i, random() AS r_unit, random() AS r_supplier, random() AS r_second, random() AS r_day,
                   random() AS r1, random() AS r2, random() AS r_credit
            FROM range({rows}) t(i)
        ), shaped AS (
            SELECT *, CAST(floor({SUPPLIERS} * pow(r_supplier, 3)) AS INTEGER) AS supplier,
                   CAST(floor({UNITS} * pow(r_unit, 2)) AS INTEGER) AS unit
            FROM draws
        )
        SELECT
            DATE '{YEARS[0]}-01-01' + CAST(floor(r_day * {365 * (YEARS[1] - YEARS[0] + 1)}) AS INTEGER) AS datum,
            'KS' || lpad(CAST(unit AS VARCHAR), 3, '0') AS enhet,
            {accounts}[1 + ((supplier * 7919 + CASE WHEN r_second < 0.2 THEN 13 ELSE 0 END) % {len(ACCOUNTS)})]
                AS konto,
            '55' || lpad(CAST(supplier AS VARCHAR), 8, '0') AS orgnr,
            'Leverantör ' || supplier || ' AB' AS leverantör,
            round((CASE WHEN r_credit < 0.02 THEN -1 ELSE 1 END)
                  * exp(7 + 1.5 * sqrt(-2 * ln(greatest(r1, 1e-12))) * cos(2 * pi() * r2)), 2) AS belopp
        FROM shaped
        """
    )
    connection.execute(
        "ALTER TABLE ledger ADD COLUMN kvantitet DOUBLE; "
        "UPDATE ledger SET kvantitet = round(belopp / 20, 1) WHERE konto IN ('7511', '7512'); "
        "ALTER TABLE ledger ADD COLUMN mängdenhet VARCHAR; "
        "UPDATE ledger SET mängdenhet = 'litres' WHERE kvantitet IS NOT NULL"
    )
    connection.execute(f"COPY ledger TO '{parquet}' (FORMAT parquet)")
    connection.execute(f"COPY ledger TO '{csv}' (HEADER, DELIMITER ';')")
    connection.close()
    return parquet, csv


def timed(function):
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def part_hallbar(parquet: Path) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hallbar.settings.test")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    if "sqlite" in settings.DATABASES["default"]["ENGINE"]:
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = "/tmp/hallbar_bench_ledger.sqlite3"
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="hallbar-bench-media-")
    django.setup()
    from django.core.files import File
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        from hallbar.accounts.models import User
        from hallbar.consumption import importing, services
        from hallbar.consumption.models import LedgerAggregate, SupplierAggregate
        from hallbar.organisations.models import Organisation, OrganisationUnit

        organisation = Organisation.objects.create(name="Benchmark kommun", slug="benchmark", kind="municipality")
        for number in range(UNITS):
            OrganisationUnit.objects.create(organisation=organisation, name=f"Enhet {number}", code=f"KS{number:03d}")
        user = User.objects.create_user("bench@example.se", "x", full_name="Bench")
        services.install_default_mappings(organisation)
        # The test database was just created: flush the migrations' writes now, so that the import is not
        # timed while the database writes them out (a checkpoint a long-running database has long made).
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT" if connection.vendor == "postgresql" else "PRAGMA wal_checkpoint(TRUNCATE)")

        def run():
            with parquet.open("rb") as handle:
                job = importing.start_import(
                    organisation=organisation, user=user, upload=File(handle, name=parquet.name)
                )
            job.refresh_from_db()
            return job

        job, seconds = timed(run)
        assert job.status == "done", (job.status, job.message, job.errors[:5])
        return {
            "seconds": seconds,
            "amount": float(job.amount_sek),
            "rows": job.row_count,
            "groups": LedgerAggregate.objects.count(),
            "supplier_groups": SupplierAggregate.objects.count(),
            "database": connection.vendor,
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def part_duckdb(parquet: Path) -> dict:
    import duckdb

    def run():
        connection = duckdb.connect()
        source = f"read_parquet('{parquet}')"
        totals = connection.execute(
            f"SELECT year(datum), enhet, konto, coalesce(mängdenhet, ''), count(*), sum(belopp), "
            f"sum(coalesce(kvantitet, 0)) FROM {source} GROUP BY ALL"
        ).fetchall()
        suppliers = connection.execute(
            f"SELECT year(datum), orgnr, max(leverantör), konto, count(*), sum(belopp) FROM {source} GROUP BY 1, 2, 4"
        ).fetchall()
        return totals, suppliers

    (totals, suppliers), seconds = timed(run)
    return {"seconds": seconds, "amount": float(sum(row[5] for row in totals)), "groups": len(totals)}


def part_pandas(csv: Path) -> dict:
    import pandas as pd

    def run():
        frame = pd.read_csv(csv, sep=";", dtype=str, keep_default_na=False)
        frame["datum"] = pd.to_datetime(frame["datum"], format="%Y-%m-%d", errors="coerce")
        frame["belopp"] = pd.to_numeric(frame["belopp"].str.replace(",", "."), errors="coerce")
        frame["kvantitet"] = pd.to_numeric(frame["kvantitet"], errors="coerce")
        units = pd.DataFrame({"enhet": [f"KS{n:03d}" for n in range(UNITS)], "unit_id": range(UNITS)})
        frame = frame.merge(units, on="enhet", how="left")
        bad = frame["datum"].isna() | frame["belopp"].isna() | frame["unit_id"].isna() | (frame["orgnr"] == "")
        assert not bad.any()
        frame["year"] = frame["datum"].dt.year
        totals = (
            frame.groupby(["year", "unit_id", "konto", "mängdenhet"])
            .agg(rows=("belopp", "size"), amount=("belopp", "sum"), quantity=("kvantitet", "sum"))
            .reset_index()
        )
        suppliers = (
            frame.groupby(["year", "orgnr", "konto"])
            .agg(name=("leverantör", "max"), rows=("belopp", "size"), amount=("belopp", "sum"))
            .reset_index()
        )
        return totals, suppliers

    (totals, _suppliers), seconds = timed(run)
    return {"seconds": seconds, "amount": float(totals["amount"].sum()), "groups": len(totals)}


def part_generate(folder: Path) -> dict:
    rows = int(os.environ["BENCH_ROWS"])
    _files, seconds = timed(lambda: generate(rows, folder))
    return {"seconds": seconds}


def child(part: str, path: Path) -> None:
    parts = {"generate": part_generate, "hallbar": part_hallbar, "duckdb": part_duckdb, "pandas": part_pandas}
    result = parts[part](path)
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(result))


def run_child(part: str, path: Path) -> dict:
    process = subprocess.run(
        [sys.executable, __file__, "--part", part, "--path", str(path)], capture_output=True, text=True, env=os.environ
    )
    if process.returncode:
        sys.exit(f"{part} failed:\n{process.stderr[-3000:]}")
    return json.loads(next(line for line in process.stdout.splitlines() if line.startswith("RESULT "))[7:])


def ledger_files(rows: int, folder: Path) -> tuple[Path, Path]:
    """The generated ledger in ``folder``, generated unless a ledger of as many lines is already there."""
    parquet, csv, marker = folder / "ledger.parquet", folder / "ledger.csv", folder / "rows.txt"
    if not (parquet.exists() and csv.exists() and marker.exists() and marker.read_text() == str(rows)):
        seconds = run_child("generate", folder)["seconds"]
        marker.write_text(str(rows))
        print(f"generated {rows:,} lines in {seconds:.1f} s", end=": ")
    print(f"Parquet {parquet.stat().st_size / 2**20:.0f} MiB, CSV {csv.stat().st_size / 2**20:.0f} MiB")
    return parquet, csv


def median_run(results: list[dict]) -> dict:
    """The run with the median time, with the highest peak memory of all runs."""
    ordered = sorted(results, key=lambda result: result["seconds"])
    return {**ordered[(len(ordered) - 1) // 2], "peak_mib": max(result["peak_mib"] for result in results)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per contender (the median is shown)")
    parser.add_argument("--keep", help="keep the generated files here (and reuse them on the next run)")
    parser.add_argument("--part")
    parser.add_argument("--path")
    arguments = parser.parse_args()
    if arguments.part:
        child(arguments.part, Path(arguments.path))
        return
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(arguments.keep or temporary)
        folder.mkdir(parents=True, exist_ok=True)
        # Every step in its own process: a child inherits its parent's peak memory on Linux.
        os.environ["BENCH_ROWS"] = str(arguments.rows)
        parquet, csv = ledger_files(arguments.rows, folder)
        load_before = os.getloadavg()[0]
        runs: dict[str, list[dict]] = {"hallbar": [], "duckdb": [], "pandas": []}
        for _run in range(arguments.runs):  # interleaved, so that a burst of other load hits all three alike
            for part in runs:
                runs[part].append(run_child(part, csv if part == "pandas" else parquet))
        load_after = os.getloadavg()[0]
    hallbar, duck, pandas = (median_run(runs[part]) for part in runs)
    print(
        f"\n{hallbar['database']}: {hallbar['rows']:,} lines → {hallbar['groups']:,} stored totals and "
        f"{hallbar['supplier_groups']:,} supplier totals; median of {arguments.runs} runs each, "
        f"load average {load_before:.1f} before, {load_after:.1f} after\n"
    )
    print(f"| {'contender':<53} | {'seconds':>8} | {'all runs':>20} | {'peak MiB':>8} | {'total amount (SEK)':>20} |")
    print(f"|{'-' * 55}|{'-' * 9}:|{'-' * 21}:|{'-' * 9}:|{'-' * 21}:|")
    for name, part, result in [
        ("Hållbar end to end (Parquet → totals in the database)", "hallbar", hallbar),
        ("raw DuckDB query, same totals, same Parquet file", "duckdb", duck),
        ("straightforward pandas (CSV of the same ledger)", "pandas", pandas),
    ]:
        every = " ".join(f"{run['seconds']:.2f}" for run in runs[part])
        print(
            f"| {name:<53} | {result['seconds']:>8.2f} | {every:>20} | {result['peak_mib']:>8.0f} "
            f"| {result['amount']:>20,.2f} |"
        )
    print(
        f"\nHållbar / raw DuckDB: {hallbar['seconds'] / duck['seconds']:.2f}×;  "
        f"pandas / Hållbar: {pandas['seconds'] / hallbar['seconds']:.2f}×"
    )
    # The two ran one right after the other in each round, so a round's ratio is untouched by the host
    # being faster or slower between rounds; their median is the steadier figure.
    ratios = sorted(mine["seconds"] / raw["seconds"] for mine, raw in zip(runs["hallbar"], runs["duckdb"], strict=True))
    every = " ".join(f"{ratio:.2f}" for ratio in ratios)
    print(f"Hållbar / raw DuckDB round by round: {every}; median {ratios[(len(ratios) - 1) // 2]:.2f}×")


if __name__ == "__main__":
    main()
