"""The pipeline's date column type: ISO and Swedish ways of writing a date, impossible dates, Excel cells."""

import datetime

import polars as pl
import pytest

from hallbar.imports.reading import read_table
from hallbar.imports.registry import Column, ColumnType, CommitResult, ImportSpec
from hallbar.imports.services import preview_rows
from hallbar.imports.template_files import column_help
from hallbar.imports.validation import ImportContext, date_value, validate


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-03-31", datetime.date(2025, 3, 31)),
        ("2025-3-1", datetime.date(2025, 3, 1)),
        ("2025/03/31", datetime.date(2025, 3, 31)),
        ("2025-03-31 00:00:00", datetime.date(2025, 3, 31)),  # how fastexcel hands over an Excel date cell
        ("2025-03-31T13:05", datetime.date(2025, 3, 31)),
        ("20250331", datetime.date(2025, 3, 31)),
        ("31/3 2025", datetime.date(2025, 3, 31)),
        ("31/3-2025", datetime.date(2025, 3, 31)),
        ("31.3.2025", datetime.date(2025, 3, 31)),
        ("31-03-2025", datetime.date(2025, 3, 31)),
        ("3/4/2025", datetime.date(2025, 4, 3)),  # day first, as in Sweden
        ("31 mars 2025", datetime.date(2025, 3, 31)),
        ("1 Maj 2025", datetime.date(2025, 5, 1)),
        ("1 okt. 2025", datetime.date(2025, 10, 1)),
        ("3 March 2025", datetime.date(2025, 3, 3)),
        ("29/2 2024", datetime.date(2024, 2, 29)),
        ("29/2 2025", None),
        ("2025-02-30", None),
        ("1/13/2025", None),
        ("31 marsipan 2025", None),
        ("snart", None),
        ("45747", None),
    ],
)
def test_date_value(text, expected):
    frame = pl.DataFrame({"cell": [text]}).select(date_value(pl.col("cell")))
    assert frame.item() == expected


def _spec():
    return ImportSpec(
        key="dates",
        label="Dates",
        description="",
        columns=[
            Column("name", "Name", required=True),
            Column("day", "Day", ColumnType.DATE),
            Column("count", "Count", ColumnType.INTEGER),
        ],
        commit=lambda frame, context: CommitResult(),
    )


def test_date_columns_are_typed_checked_and_previewed_as_iso_text():
    spec = _spec()
    table = read_table(b"Name;Day;Count\na;31/3 2025;1\nb;2025-02-30;2\nc;1850-01-01;1e20\nd;;\n", "x.csv", spec)
    validation = validate(spec, table, {"name": "Name", "day": "Day", "count": "Count"}, ImportContext(None, None))
    assert validation.frame.schema["day"] == pl.Date
    assert validation.frame["day"].to_list()[0] == datetime.date(2025, 3, 31)
    assert [row[:3] for row in validation.errors.rows()] == [
        (3, "day", "not_a_date"),
        (4, "day", "date_out_of_range"),
        (4, "count", "not_an_integer"),  # beyond 64 bits: refused, not a crash
    ]
    preview = preview_rows(spec, validation.frame.head(1), ImportContext(None, None))
    assert preview == [[2, "a", "2025-03-31", 1]]  # JSON-safe


def test_the_template_explains_dates():
    assert "2025-03-31" in column_help(Column("day", "Day", ColumnType.DATE))
