"""Bulk writes for import commits: no model instances, no per-row signals, one statement per batch.

``upsert`` inserts a frame's rows into a model's table and, where a row's key already exists,
replaces the listed columns. PostgreSQL: the rows are COPYed into a temporary table, then one
``INSERT … SELECT … ON CONFLICT … DO UPDATE``; without a key they are COPYed straight into the
table (the fastest path: use it for rows known to be new). SQLite: ``executemany`` of ``INSERT``
(``… ON CONFLICT`` with a key).
Both run in the caller's transaction (the pipeline's ``transaction.atomic``), so a failure anywhere
leaves nothing written. The key may be a partial unique index: pass its condition as ``where``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import polars as pl
from django.db import connection

CHUNK_ROWS = 200_000
SQLITE_CACHE_KIB = 256 * 1024


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)


def upsert(
    model,
    frame: pl.DataFrame,
    *,
    key: Sequence[str] = (),
    where: str = "",
    update: Sequence[str] = (),
    not_null_text: Sequence[str] = (),
    constants: dict[str, int | str] | None = None,
) -> int:
    """Write ``frame`` (columns named as the table's columns) into ``model``'s table; returns the row count.

    ``constants``: columns with the same value in every row (e.g. the organisation, the time): on
    SQLite they are written into the statement once instead of bound for every row.

    ``key``/``where``: the unique index that decides "already there" (e.g. ``("indicator_id", "year")``
    and ``"unit_id IS NULL"``); without a key the rows are only inserted. ``update``: the columns
    replaced on a conflict. ``not_null_text``: text columns where a missing value is stored as "".
    """
    if frame.is_empty():
        return 0
    if not_null_text:
        frame = frame.with_columns(pl.col(list(not_null_text)).fill_null(""))
    constants = constants or {}
    if connection.vendor == "postgresql":  # COPY sends them like any column
        frame = frame.with_columns(pl.lit(value).alias(name) for name, value in constants.items())
        constants = {}
    table = connection.ops.quote_name(model._meta.db_table)
    columns = frame.columns
    conflict = ""
    if key:
        target = f"({_quoted(key)})" + (f" WHERE {where}" if where else "")
        if update:
            assignments = ", ".join(
                f"{connection.ops.quote_name(c)} = excluded.{connection.ops.quote_name(c)}" for c in update
            )
            conflict = f" ON CONFLICT {target} DO UPDATE SET {assignments}"
        else:
            conflict = f" ON CONFLICT {target} DO NOTHING"
    if connection.vendor == "postgresql" and not key:
        _copy(table, columns, frame, not_null_text)  # straight into the table: PostgreSQL's fastest path
    elif connection.vendor == "postgresql":
        _copy_then_insert(table, columns, frame, conflict, not_null_text)
    else:
        values = ", ".join(["%s"] * len(columns) + [_literal(value) for value in constants.values()])
        sql = f"INSERT INTO {table} ({_quoted([*columns, *constants])}) VALUES ({values}){conflict}"
        with connection.cursor() as cursor:
            # A large page cache keeps the indexes in memory while a million rows go in (per connection).
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            for offset in range(0, frame.height, CHUNK_ROWS):
                cursor.executemany(sql, frame.slice(offset, CHUNK_ROWS).iter_rows())
    return frame.height


def _literal(value: int | str) -> str:
    """An SQL literal for a constant of our own (an id or a timestamp), never for file content."""
    if isinstance(value, int):
        return str(int(value))
    return "'" + str(value).replace("'", "''").replace("%", "%%") + "'"


def _copy(table: str, columns: list[str], frame: pl.DataFrame, not_null_text) -> None:
    column_list = _quoted(columns)
    force = f", FORCE_NOT_NULL ({_quoted(not_null_text)})" if not_null_text else ""
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN WITH (FORMAT csv{force})") as copy:
            for offset in range(0, frame.height, CHUNK_ROWS):
                buffer = io.BytesIO()
                frame.slice(offset, CHUNK_ROWS).write_csv(buffer, include_header=False)
                copy.write(buffer.getvalue())


def _copy_then_insert(table: str, columns: list[str], frame: pl.DataFrame, conflict: str, not_null_text) -> None:
    staging = connection.ops.quote_name("hallbar_import_staging")
    column_list = _quoted(columns)
    force = f", FORCE_NOT_NULL ({_quoted(not_null_text)})" if not_null_text else ""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {staging}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS SELECT {column_list} FROM {table} WITH NO DATA"
        )
        raw = cursor.cursor  # the psycopg cursor: COPY is not part of the DB-API
        with raw.copy(f"COPY {staging} ({column_list}) FROM STDIN WITH (FORMAT csv{force})") as copy:
            for offset in range(0, frame.height, CHUNK_ROWS):
                buffer = io.BytesIO()
                frame.slice(offset, CHUNK_ROWS).write_csv(
                    buffer, include_header=False, datetime_format="%Y-%m-%dT%H:%M:%S%.f%z"
                )
                copy.write(buffer.getvalue())
        cursor.execute(f"INSERT INTO {table} ({column_list}) SELECT {column_list} FROM {staging}{conflict}")
        cursor.execute(f"DROP TABLE {staging}")
