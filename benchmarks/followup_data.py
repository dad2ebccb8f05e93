"""The data set of bench_followup.py: 290 municipalities with 2,000 indicators × 20 years each, plans,
units, actions, reporting rounds and the Kolada values of 2,000 KPIs for all 290 municipalities.

Generated once into its own database and reused while the marker table says it is complete. The two
big tables are loaded with the indexes the migrations define dropped and rebuilt afterwards
(PostgreSQL: COPY from Polars CSV; SQLite: executemany in one transaction); everything else goes
through bulk_create. Values are deterministic (hashes of KPI, municipality and year), and a
municipality's own indicator values are the Kolada values of the same KPI, as after a Kolada sync.
"""

import time

import polars as pl
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import OperationalError, connection, transaction
from followup_objects import (
    INDICATORS,
    create_indicators,
    create_organisations,
    create_plans_and_actions,
    create_rounds,
)

SPEC = "followup-v1 290x2000x20"
MARKER = "bench_followup_marker"
FIRST_YEAR, YEARS = 2006, 20
STAMP = "2026-03-01 08:00:00"


# Marker and a fresh database ------------------------------------------------------------------------


def is_complete(organisations: int = 290) -> bool:
    try:
        if MARKER not in connection.introspection.table_names():
            return False
    except OperationalError:  # no database yet
        connection.close()
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT spec FROM {MARKER}")
        return cursor.fetchone() == (f"{SPEC} {organisations}",)


def recreate_database() -> None:
    db = settings.DATABASES["default"]
    connection.close()
    if connection.vendor == "sqlite":
        from pathlib import Path

        for suffix in ("", "-wal", "-shm"):
            Path(f"{db['NAME']}{suffix}").unlink(missing_ok=True)
        Path(db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg

    params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"], "password": db["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{db["NAME"]}"')


def database_size() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        else:
            cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


# Values -----------------------------------------------------------------------------------------------


def _uniform(key: pl.Expr, seed: int) -> pl.Expr:
    return (key.hash(seed) % 1_000_000).cast(pl.Float64) / 1_000_000


def with_values(frame: pl.DataFrame, drop_missing: bool = True) -> pl.DataFrame:
    """Add ``value`` to rows of k (KPI index), m (municipality index), year; drop ~2 % as missing.

    Each KPI has a level, each municipality a level and a linear trend per KPI (−4 … +4 % a year of
    the first year), plus ±3 % noise a year: targets come out on track, at risk and off track."""
    k, m = pl.col("k").cast(pl.Int64), pl.col("m").cast(pl.Int64)
    km = k * 1000 + m
    kmy = km * 100 + (pl.col("year").cast(pl.Int64) - FIRST_YEAR)
    level = (5 + _uniform(k, 1) * 995) * (0.6 + 0.8 * _uniform(km, 2))
    slope = -0.04 + 0.08 * _uniform(km, 3)
    noise = 1 + 0.06 * (_uniform(kmy, 4) - 0.5)
    value = (level * (1 + slope * (pl.col("year") - FIRST_YEAR)) * noise).round(2)
    frame = frame.with_columns(value=value, missing=_uniform(kmy, 5) < 0.02)
    return (frame.filter(~pl.col("missing")) if drop_missing else frame).drop("missing")


def grid(**columns) -> pl.DataFrame:
    """The cross product of the given columns, in the order given (first varies slowest)."""
    frames = [pl.DataFrame({name: values}) for name, values in columns.items()]
    result = frames[0]
    for frame in frames[1:]:
        result = result.join(frame, how="cross")
    return result


# Bulk loading of the two big tables -------------------------------------------------------------------


def _indexes(table: str) -> tuple[list[str], list[str]]:
    """(drop statements, create statements) for the table's secondary indexes and unique constraints."""
    drops, creates = [], []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name=%s AND sql IS NOT NULL", [table]
            )
            for name, sql in cursor.fetchall():
                drops.append(f'DROP INDEX "{name}"')
                creates.append(sql)
            return drops, creates
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        )
        constraints = cursor.fetchall()
        for name, definition in constraints:
            drops.append(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            creates.append(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        for name, definition in cursor.fetchall():
            drops.append(f'DROP INDEX "{name}"')
            creates.append(definition)
    return drops, creates


def bulk_load(table: str, columns: list[str], chunks, text_columns: tuple[str, ...] = ()) -> int:
    """Load Polars frames (columns in ``columns`` order) into ``table`` with its indexes rebuilt after."""
    drops, creates = _indexes(table)
    names = ", ".join(f'"{column}"' for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    count = 0
    with connection.cursor() as cursor:
        for statement in drops:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # the generator keeps the foreign keys true
            not_null = f", FORCE_NOT_NULL ({', '.join(text_columns)})" if text_columns else ""
            for frame in chunks:
                with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN (FORMAT csv{not_null})') as copy:
                    copy.write(frame.select(columns).write_csv(include_header=False))
                count += frame.height
            cursor.execute("SET session_replication_role = DEFAULT")
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute("SET max_parallel_maintenance_workers = 1")
        else:
            with transaction.atomic():
                for frame in chunks:
                    cursor.executemany(
                        f'INSERT INTO "{table}" ({names}) VALUES ({placeholders})',
                        frame.select(columns).iter_rows(),
                    )
                    count += frame.height
        for statement in creates:
            cursor.execute(statement)
    return count


# The generator ----------------------------------------------------------------------------------------


def generate(bench_code: str, log, organisations: int = 290) -> None:
    from hallbar.kolada.models import Kpi
    from hallbar.organisations.models import Municipality

    started = time.perf_counter()

    def step(label: str) -> None:
        log(f"  {time.perf_counter() - started:7.1f} s  {label}")

    recreate_database()
    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":  # the generator keeps the foreign keys true; the migrations switch them on
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -1000000")
    step("migrated (municipalities, libraries and the Kolada catalogue loaded)")
    municipalities = list(Municipality.objects.select_related("county").order_by("code"))
    kpis = list(Kpi.objects.filter(municipality_type__in=["K", "A"]).order_by("id")[:INDICATORS])
    assert len(municipalities) == 290 and len(kpis) == INDICATORS, (len(municipalities), len(kpis))
    if organisations < 290:  # a quick check of the generator: the bench municipality and its first peers
        others = [m for m in municipalities if m.code != bench_code][: organisations - 1]
        municipalities = [m for m in municipalities if m.code == bench_code] + others
    codes = [m.code for m in municipalities]

    with transaction.atomic():
        orgs = create_organisations(municipalities, bench_code)
    step(f"{len(orgs)} organisations, units, users, peer groups")
    with transaction.atomic():
        indicator_ids = create_indicators(orgs, kpis)
    step(f"{len(indicator_ids):,} indicators")

    org_ids = [org["organisation"].pk for org in orgs]
    mapping = pl.DataFrame(
        {
            "m": [m for m in range(len(orgs)) for _k in range(INDICATORS)],
            "k": [k for _m in range(len(orgs)) for k in range(INDICATORS)],
            "indicator_id": [indicator_ids[(m, k)] for m in range(len(orgs)) for k in range(INDICATORS)],
        },
        schema={"m": pl.Int32, "k": pl.Int32, "indicator_id": pl.Int64},
    )
    org_frame = pl.DataFrame(
        {"m": range(len(orgs)), "organisation_id": org_ids}, schema={"m": pl.Int32, "organisation_id": pl.Int64}
    )

    def indicator_chunks(step_size: int = 29):
        for first in range(0, len(orgs), step_size):
            frame = grid(
                m=pl.Series(range(first, min(first + step_size, len(orgs))), dtype=pl.Int32),
                k=pl.Series(range(INDICATORS), dtype=pl.Int32),
                year=pl.Series(range(FIRST_YEAR, FIRST_YEAR + YEARS), dtype=pl.Int32),
            )
            frame = with_values(frame).join(mapping, on=["m", "k"]).join(org_frame, on="m")
            yield frame.with_columns(
                unit_id=pl.lit(None, pl.Int64),
                period=pl.lit(0),
                value_women=pl.lit(None, pl.Float64),
                value_men=pl.lit(None, pl.Float64),
                status=pl.lit("final"),
                source=pl.lit("Kolada"),
                comment=pl.lit(""),
                updated_at=pl.lit(STAMP + ("+00" if connection.vendor == "postgresql" else "")),
            ).sort("indicator_id", "year")

    columns = ["indicator_id", "organisation_id", "unit_id", "year", "period", "value", "value_women", "value_men"]
    columns += ["status", "source", "comment", "updated_at"]
    count = bulk_load("indicators_indicatorvalue", columns, indicator_chunks(), ("comment",))
    step(f"{count:,} indicator values (indexes rebuilt)")

    kpi_ids = pl.DataFrame(
        {"k": range(INDICATORS), "kpi": [kpi.id for kpi in kpis]}, schema={"k": pl.Int32, "kpi": pl.String}
    )
    code_frame = pl.DataFrame(
        {"m": range(len(codes)), "municipality_code": codes}, schema={"m": pl.Int32, "municipality_code": pl.String}
    )

    def kolada_chunks(step_size: int = 200):
        for first in range(0, INDICATORS, step_size):
            frame = grid(
                k=pl.Series(range(first, min(first + step_size, INDICATORS)), dtype=pl.Int32),
                m=pl.Series(range(len(codes)), dtype=pl.Int32),
                year=pl.Series(range(FIRST_YEAR, FIRST_YEAR + YEARS), dtype=pl.Int32),
            )
            frame = with_values(frame).join(kpi_ids, on="k").join(code_frame, on="m")
            yield frame.with_columns(
                gender=pl.lit("T"),
                count=pl.lit(None, pl.Int64),
                status=pl.lit(""),
                fetched_at=pl.lit(STAMP + ("+00" if connection.vendor == "postgresql" else "")),
            ).sort("kpi", "municipality_code", "year")

    columns = ["kpi", "municipality_code", "year", "gender", "value", "count", "status", "fetched_at"]
    count = bulk_load("kolada_kpivalue", columns, kolada_chunks(), ("status",))
    step(f"{count:,} Kolada values (indexes rebuilt)")

    baselines = with_values(
        grid(m=pl.Series(range(len(orgs)), dtype=pl.Int32), k=pl.Series(range(120), dtype=pl.Int32), year=[2015]), False
    )
    baseline = {(m, k): value for m, k, _year, value in baselines.iter_rows()}
    with transaction.atomic():
        create_plans_and_actions(orgs, indicator_ids, baseline)
    step("plans, actions, progress updates, change records")
    with transaction.atomic():
        create_rounds(orgs, indicator_ids)
    step("reporting rounds with approved snapshots")

    from django.apps import apps

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute(f"CREATE TABLE {MARKER} (spec varchar(100))")
        cursor.execute(f"INSERT INTO {MARKER} VALUES (%s)", [f"{SPEC} {organisations}"])
    step("done" + (" (VACUUM ANALYZE)" if connection.vendor == "postgresql" else " (no ANALYZE: as deployed)"))
