"""Writing many rows at once, the fastest way the database offers (see docs/benchmarks.md, issue 6).

A ledger import stores tens of thousands of totals: the ORM's ``bulk_create`` builds a model instance
per row, which takes longer than reading ten million lines. Here the rows are plain tuples: PostgreSQL
loads them with ``COPY``, SQLite (the two databases Hållbar runs on) with multi-row ``INSERT`` statements
as large as it accepts, given to the driver directly (Django's rewriting of every statement's ``%s``
placeholders costs more than SQLite's work). Both run in the caller's transaction, so a failed import
leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from django.db import connection


def insert_rows(model, field_names: list[str], rows: Iterable[tuple]) -> None:
    """Insert ``rows`` (values in the order of ``field_names``; a foreign key as its id) into ``model``'s table."""
    fields = [model._meta.get_field(name) for name in field_names]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        size = connection.ops.bulk_batch_size(fields, [])
        placeholders = "(" + ", ".join(["?"] * len(fields)) + ")"
        rows = iter(rows)
        while batch := list(islice(rows, size)):
            values = ", ".join([placeholders] * len(batch))
            connection.connection.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values}", [value for row in batch for value in row]
            )
