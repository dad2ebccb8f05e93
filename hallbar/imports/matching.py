"""Helpers for an ImportSpec's ``check``/``commit``: matching rows to stored objects by name, and
turning a model's ValidationError into the pipeline's row errors (all-or-nothing: collect, then reject)."""

import polars as pl
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from .registry import normalise
from .services import ImportRejected
from .validation import ERROR_SCHEMA, Validation


def name_key(expr: pl.Expr) -> pl.Expr:
    """A title or reference as rows are matched on it: lower case, runs of white space as one space, trimmed."""
    return expr.str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars()


def keys_by_name(rows) -> dict[str, int | None]:
    """{id: pk, normalised name: pk} from (pk, name) rows; a name shared by two objects maps to None
    (ambiguous: the file must use the id)."""
    keys: dict[str, int | None] = {}
    for pk, name in rows:
        key = normalise(name)
        if key:
            keys[key] = None if key in keys and keys[key] != pk else pk
    keys.update({str(pk): pk for pk, _name in rows})
    return keys


def row_errors(row: dict, error: ValidationError, fallback_column: str = "title") -> list[tuple]:
    """The model's ValidationError as error rows (row, column, "invalid", cell, message); errors of
    fields that are not columns are shown on ``fallback_column``."""
    problems = []
    for field, messages in error.message_dict.items():
        column = field if field in row and field != NON_FIELD_ERRORS else fallback_column
        value = row.get(column)
        problems.append((row["__row"], column, "invalid", "" if value is None else str(value), " ".join(messages)))
    return problems


def rejection(problems: list[tuple], frame: pl.DataFrame) -> ImportRejected:
    """The exception that rejects the whole file with these row errors."""
    errors = pl.DataFrame(problems, schema=ERROR_SCHEMA, orient="row").sort("row")
    return ImportRejected(Validation(frame=frame, errors=errors, row_count=frame.height))
