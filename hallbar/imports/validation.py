"""Turn the mapped text columns into typed columns and row errors, with Polars expressions only.

Each expected column ``name`` arrives as text in ``raw(name)``; parsing adds the typed ``name``.
An error is a row of a frame with the columns of ``ERROR_SCHEMA``: the Excel row, the column's name,
a code (its message is in :mod:`hallbar.imports.messages`), the cell as written and a detail.
Nothing here loops over rows in Python, so a million rows validate in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from .reading import ROW, RawTable
from .registry import Column, ColumnType, ImportSpec, normalise

ERROR_SCHEMA = {"row": pl.Int64, "column": pl.String, "code": pl.String, "value": pl.String, "detail": pl.String}
MAX_STORED_ERRORS = 1000
YEAR_RANGE = (1900, 2100)
AMBIGUOUS = -1


def raw(name: str) -> str:
    return f"~{name}"


def numeric(name: str) -> str:
    return f"#{name}"


NUMERIC_TYPES = (ColumnType.DECIMAL, ColumnType.INTEGER, ColumnType.YEAR)


@dataclass
class ImportContext:
    """What validation and commit know about the import: who, for which organisation, and lookups."""

    organisation: object
    scope: object
    user: object = None
    job: object = None
    data: dict = field(default_factory=dict)


@dataclass
class Validation:
    frame: pl.DataFrame  # typed columns named as the spec's columns, plus ROW
    errors: pl.DataFrame  # ERROR_SCHEMA, sorted by row
    row_count: int

    @property
    def is_valid(self) -> bool:
        return self.errors.is_empty()

    def stored_errors(self) -> list[list]:
        return [list(row) for row in self.errors.head(MAX_STORED_ERRORS).rows()]


def errors_where(
    frame: pl.DataFrame, condition: pl.Expr, column: str, code: str, *, value=None, detail=None
) -> pl.DataFrame:
    """An error frame for every row of ``frame`` where ``condition`` holds."""
    value_expr = pl.col(raw(column)) if value is None else value
    detail_expr = detail if isinstance(detail, pl.Expr) else pl.lit(detail)
    return frame.filter(condition.fill_null(False)).select(
        pl.col(ROW).cast(pl.Int64).alias("row"),
        pl.lit(column).alias("column"),
        pl.lit(code).alias("code"),
        value_expr.cast(pl.String).str.slice(0, 80).alias("value"),
        detail_expr.cast(pl.String).alias("detail"),
    )


def empty_errors() -> pl.DataFrame:
    return pl.DataFrame(schema=ERROR_SCHEMA)


def apply_mapping(table: RawTable, spec: ImportSpec, mapping: dict[str, str]) -> pl.DataFrame:
    """Select the mapped file columns as ``raw(name)`` text columns; unmapped ones are all null."""
    selected = [pl.col(ROW)]
    for column in spec.columns:
        header = mapping.get(column.name)
        if header and header in table.headers:
            selected.append(pl.col(header).alias(raw(column.name)))
        else:
            selected.append(pl.lit(None, dtype=pl.String).alias(raw(column.name)))
    return table.frame.select(selected)


def auto_mapping(spec: ImportSpec, headers: list[str]) -> dict[str, str]:
    """Column name → the file's header that names it (by name, label in Swedish or English, or alias)."""
    by_name = {}
    for header in headers:
        by_name.setdefault(normalise(header), header)
    mapping = {}
    for column in spec.columns:
        match = next((by_name[name] for name in column.names_for_mapping() if name in by_name), "")
        mapping[column.name] = match
    return mapping


def number(expr: pl.Expr) -> pl.Expr:
    """Text to float, accepting Swedish notation: "4,5", "1 234,5", "−3" (spaces as thousand separators)."""
    cleaned = (
        expr.str.replace_all(r"[\s\u00a0\u202f']", "")
        .str.replace_all("\u2212", "-", literal=True)
        .str.replace(",", ".", literal=True)
    )
    parsed = cleaned.cast(pl.Float64, strict=False)
    return pl.when(parsed.is_finite()).then(parsed)


# Month names and abbreviations (Swedish and English) → month number, for "31 mars 2025".
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Each pattern's groups are (year, month, day); the patterns exclude each other, so at most one matches.
_YEAR_FIRST = r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"  # ISO, Excel
_COMPACT = r"^(\d{4})(\d{2})(\d{2})$"  # 20250331
_DAY_FIRST = r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*(?:[-/.]|\s)\s*(\d{4})$"  # 31/3 2025, 31.3.2025, 31-03-2025
_NAMED = r"^(\d{1,2})\.?\s+(\p{L}+)\.?,?\s+(\d{4})$"  # 31 mars 2025


def date_value(expr: pl.Expr) -> pl.Expr:
    """Text to a date: ISO (2025-03-31, also with a time, as Excel cells arrive), 20250331, and the
    day-first Swedish ways: 31/3 2025, 31/3-2025, 31.3.2025, 31-03-2025, 31 mars 2025 (or March).

    Day and month are never swapped: 3/4/2025 is the 3rd of April, as in Sweden. Impossible dates
    (2025-02-30) give null, which validation reports as "not a date".
    """
    text = expr.str.strip_chars().str.to_lowercase()
    year_first = text.str.extract_groups(_YEAR_FIRST)
    compact = text.str.extract_groups(_COMPACT)
    day_first = text.str.extract_groups(_DAY_FIRST)
    named = text.str.extract_groups(_NAMED)
    named_month = named.struct.field("2").replace_strict(
        {name: str(number) for name, number in MONTHS.items()}, default=None, return_dtype=pl.String
    )
    year = pl.coalesce(
        year_first.struct.field("1"), compact.struct.field("1"), day_first.struct.field("3"), named.struct.field("3")
    )
    month = pl.coalesce(
        year_first.struct.field("2"), compact.struct.field("2"), day_first.struct.field("2"), named_month
    )
    day = pl.coalesce(
        year_first.struct.field("3"), compact.struct.field("3"), day_first.struct.field("1"), named.struct.field("1")
    )
    return pl.concat_str([year, month, day], separator="-").str.to_date("%Y-%m-%d", strict=False)


def _by_distinct_value(frame: pl.DataFrame, column: Column, keys: dict) -> dict:
    """{cell text: value} for the column's distinct cells (files repeat names: few distinct values)."""
    cells = frame.get_column(raw(column.name)).unique().drop_nulls().to_list()
    return {cell: keys[normalise(cell)] for cell in cells if normalise(cell) in keys}


def _parse(column: Column, frame: pl.DataFrame, context: ImportContext) -> tuple[pl.Expr, list]:
    """(typed expression, [(bad-row condition, code, detail)]) for one column.

    The conditions refer to the typed column by name: they are evaluated after it was computed once.
    Numbers come from the ``numeric(name)`` column computed before (see :func:`validate`).
    """
    text = pl.col(raw(column.name))
    typed_column = pl.col(column.name)
    present = text.is_not_null()
    checks = []
    if column.type == ColumnType.TEXT:
        typed = text
        if column.max_length:
            checks.append((text.str.len_chars() > column.max_length, "too_long", column.max_length))
    elif column.type == ColumnType.DECIMAL:
        typed = pl.col(numeric(column.name))
        checks.append((present & typed_column.is_null(), "not_a_number", None))
    elif column.type in (ColumnType.INTEGER, ColumnType.YEAR):
        value = pl.col(numeric(column.name))
        # Beyond 64 bits is no whole number we could store: null, reported like any other non-integer.
        typed = pl.when((value == value.round(0)) & (value.abs() < 2.0**63)).then(value).cast(pl.Int64, strict=False)
        code = "not_a_year" if column.type == ColumnType.YEAR else "not_an_integer"
        checks.append((present & typed_column.is_null(), code, None))
        if column.type == ColumnType.YEAR:
            low, high = YEAR_RANGE
            checks.append(((typed_column < low) | (typed_column > high), "year_out_of_range", f"{low}–{high}"))
    elif column.type == ColumnType.DATE:
        typed = date_value(text)
        checks.append((present & typed_column.is_null(), "not_a_date", None))
        low, high = YEAR_RANGE
        years = typed_column.dt.year()
        checks.append(((years < low) | (years > high), "date_out_of_range", f"{low}–{high}"))
    elif column.type == ColumnType.CHOICE:
        values = _by_distinct_value(frame, column, column.choice_values())
        typed = text.replace_strict(values, default=None, return_dtype=pl.String)
        labels = ", ".join(str(label) for _value, label in column.choices)
        checks.append((present & typed_column.is_null(), "unknown_choice", labels))
    elif column.type == ColumnType.REFERENCE:
        keys = {key: (AMBIGUOUS if pk is None else pk) for key, pk in column.lookup(context).items()}
        typed = text.replace_strict(_by_distinct_value(frame, column, keys), default=None, return_dtype=pl.Int64)
        checks.append((present & typed_column.is_null(), "unknown_reference", None))
        checks.append((typed_column == AMBIGUOUS, "ambiguous_reference", None))
    else:  # pragma: no cover - a spec with an unknown type is a programming error
        raise ValueError(f"Unknown column type {column.type!r}")
    if column.type in (ColumnType.DECIMAL, ColumnType.INTEGER):
        if column.min_value is not None:
            checks.append((typed_column < column.min_value, "too_small", column.min_value))
        if column.max_value is not None:
            checks.append((typed_column > column.max_value, "too_large", column.max_value))
    if column.required:
        checks.append((~present, "required", None))
    return typed.alias(column.name), checks


def _finish(column: Column) -> pl.Expr:
    """After the checks: ambiguous references become null, empty optional cells get the default."""
    typed = pl.col(column.name)
    if column.type == ColumnType.REFERENCE:
        typed = pl.when(typed != AMBIGUOUS).then(typed)
    if column.default is not None and not column.required:
        typed = pl.when(pl.col(raw(column.name)).is_not_null()).then(typed).otherwise(pl.lit(column.default))
    return typed.alias(column.name)


def validate(spec: ImportSpec, table: RawTable, mapping: dict[str, str], context: ImportContext) -> Validation:
    spec.prepare(context)
    frame = apply_mapping(table, spec, mapping)
    missing = [c for c in spec.columns if c.required and not mapping.get(c.name)]
    if missing:
        errors = pl.DataFrame(
            [(table.header_row, c.name, "missing_column", "", "") for c in missing], schema=ERROR_SCHEMA, orient="row"
        )
        return Validation(frame=frame.head(0), errors=errors, row_count=frame.height)
    numbers = [number(pl.col(raw(c.name))).alias(numeric(c.name)) for c in spec.columns if c.type in NUMERIC_TYPES]
    frame = frame.with_columns(numbers)
    parsed = [_parse(column, frame, context) for column in spec.columns]
    frame = frame.with_columns([typed for typed, _checks in parsed])
    found = []
    for column, (_typed, checks) in zip(spec.columns, parsed, strict=True):
        for condition, code, detail in checks:
            found.append(errors_where(frame, condition, column.name, code, detail=detail))
    frame = frame.with_columns([_finish(column) for column in spec.columns])
    if spec.check is not None:
        found += list(spec.check(frame, context))
    if spec.unique_together:
        found.append(_duplicates(frame, spec.unique_together))
    order = {column.name: index for index, column in enumerate(spec.columns)}
    errors = pl.concat([empty_errors(), *found], how="vertical_relaxed")
    errors = (
        errors.with_columns(
            pl.col("column").replace_strict(order, default=len(order), return_dtype=pl.Int32).alias("_o")
        )
        .sort("row", "_o", "code")
        .unique(["row", "column", "code"], keep="first", maintain_order=True)
        .drop("_o")
    )
    typed = frame.select(ROW, *[column.name for column in spec.columns])
    return Validation(frame=typed, errors=errors, row_count=frame.height)


def _duplicates(frame: pl.DataFrame, keys: tuple[str, ...]) -> pl.DataFrame:
    """Every row whose key repeats an earlier row's, naming that earlier row."""
    # Only rows whose key cells all parsed (an empty optional cell is a value: e.g. "whole organisation").
    complete = pl.all_horizontal([pl.col(key).is_not_null() | pl.col(raw(key)).is_null() for key in keys])
    key_exprs = [
        pl.col(key).fill_null(-1) if frame.schema[key].is_integer() else pl.col(key).fill_null("∅") for key in keys
    ]
    frame = frame.with_columns(pl.col(ROW).min().over(key_exprs).alias("_first"))
    first = pl.col("_first")
    return errors_where(frame, complete & (pl.col(ROW) != first), keys[0], "duplicate", detail=first)
