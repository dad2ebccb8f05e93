"""Committing the rows of an ImportSpec that update stored objects (actions, obligations) all or
nothing: every row becomes a model instance, the stored one or a new one (:func:`fill_from_row`),
which the app's service checks without saving (:func:`prepared`: a model's ValidationError becomes the
pipeline's row errors, collected for the whole file, then rejecting it); only a clean file is written,
in bulk (:func:`write`).
"""

from collections.abc import Callable, Iterable

import polars as pl
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from .registry import CommitResult
from .services import ImportRejected
from .validation import ERROR_SCHEMA, Validation


def column_ids(frame: pl.DataFrame, name: str) -> list:
    """The distinct ids in a column, nulls left out (for ``in_bulk``)."""
    return frame.get_column(name).drop_nulls().unique().to_list()


def fill_from_row(obj, row: dict, fields: Iterable[str], related: dict[str, dict]):
    """``obj`` with the row's non-empty cells: ``fields`` as they are, the references in ``related``
    ({column: {pk: instance}}) as instances (clean() reads them without queries). An empty cell keeps
    the stored value."""
    for name in fields:
        if row[name] is not None:
            setattr(obj, name, row[name])
    for name, instances in related.items():
        if row[name] is not None:
            setattr(obj, name, instances[row[name]])
    return obj


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


def prepared(frame: pl.DataFrame, rows: list[dict], build: Callable, prepare: Callable) -> list:
    """``build(row)`` for every row, each passed to ``prepare`` (the service's rules and the model's
    validation, without saving); the ValidationErrors of all rows reject the whole file together."""
    objects, problems = [], []
    for row in rows:
        obj = build(row)
        try:
            prepare(obj)
        except ValidationError as error:
            problems.extend(row_errors(row, error))
        objects.append(obj)
    if problems:
        raise rejection(problems, frame)
    return objects


def write(model, objects: list, fields: list[str]) -> CommitResult:
    """The new objects in one bulk insert (which sets their primary keys, on PostgreSQL and SQLite
    alike), the stored ones' ``fields`` in one bulk update."""
    new = [obj for obj in objects if obj.pk is None]
    changed = [obj for obj in objects if obj.pk is not None]
    model.objects.bulk_create(new)
    model.objects.bulk_update(changed, fields)
    return CommitResult(created=len(new), replaced=len(changed))
