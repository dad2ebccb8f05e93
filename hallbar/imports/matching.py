"""Helpers for an ImportSpec's lookups and ``check``: matching rows to stored objects by name.

A spec whose rows update stored objects (actions, obligations) states its matching rule as key
columns ({name: expression}, e.g. the title with :func:`name_key`): :func:`stored_by_key` indexes the
stored objects by them in ``prepare``, :func:`join_stored` gives every row the stored object it
updates (``_existing``; null: a new object) and :func:`matching_errors` reports the rule's errors.
"""

from collections.abc import Iterable

import polars as pl

from .reading import ROW
from .registry import normalise
from .validation import errors_where


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


def stored_by_key(rows: Iterable, schema: dict, keys: dict[str, pl.Expr]) -> pl.DataFrame:
    """The stored objects (``rows`` of ``schema``, the pk first as ``_existing``), one row per key: the
    first object with that key, and how many have it (``_matches``; more than one is an error)."""
    frame = pl.DataFrame(list(rows), schema=schema, orient="row").with_columns(**keys)
    return frame.group_by(list(keys)).agg(pl.all().first(), pl.len().alias("_matches"))


def join_stored(frame: pl.DataFrame, stored: pl.DataFrame, keys: dict[str, pl.Expr]) -> pl.DataFrame:
    """The frame with the key columns and, joined on them, the stored object each row updates."""
    return frame.with_columns(**keys).join(stored, on=list(keys), how="left", maintain_order="left")


def matching_errors(frame: pl.DataFrame, keys: list[str], comparable: pl.Expr, duplicate_code: str):
    """On the title, for a joined frame: a row with the same key as an earlier row of the file
    (``duplicate_code``, naming that row; only rows where ``comparable`` holds), and a row that matches
    more than one stored object ("ambiguous_existing")."""
    frame = frame.with_columns(pl.when(comparable).then(pl.col(ROW).min().over(keys)).alias("_first"))
    yield errors_where(frame, pl.col(ROW) != pl.col("_first"), "title", duplicate_code, detail=pl.col("_first"))
    yield errors_where(frame, pl.col("_matches") > 1, "title", "ambiguous_existing", detail=pl.col("_matches"))
