"""Read an uploaded CSV or XLSX file into a Polars frame of text cells, and find its header row.

CSV: UTF-8 (with or without BOM) or cp1252 (what Swedish Excel often writes); separator ';', ',' or
tab, detected from the header line. XLSX: the first sheet, through fastexcel (calamine). Every cell
is read as text; types are parsed later, in :mod:`hallbar.imports.validation`, so a bad cell becomes a
row error instead of a failed read.

Row numbers are the ones the user sees in Excel: the first line of the file is row 1. Junk above the
header (a title, merged cells, empty rows) is skipped: the header is the row among the first
``HEADER_SEARCH_ROWS`` that names the most expected columns.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import polars as pl
from django.utils.translation import gettext as _

from .registry import ImportSpec, normalise

ROW = "__row"  # the Excel row number of every data row
HEADER_SEARCH_ROWS = 20
SEPARATORS = (";", ",", "\t")
XLSX_MAGIC = b"PK\x03\x04"


class UnreadableFile(Exception):
    """The file cannot be read at all; the message says why (and where, when known)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RawTable:
    headers: list[str]  # the header row's texts, made unique
    frame: pl.DataFrame  # one text column per header, plus ROW
    header_row: int  # Excel row number of the header


def read_table(data: bytes, filename: str, spec: ImportSpec) -> RawTable:
    if not data or not data.strip():
        raise UnreadableFile(_("The file is empty."))
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith((".xlsx", ".xlsm")):
        frame = _read_xlsx(data)
    else:
        frame = _read_csv(data)
    return _with_header(frame, spec)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def detect_separator(text: str) -> str:
    """The separator that splits the first non-empty lines into the most (and equal) fields."""
    lines = [line for line in text[:20000].splitlines()[:HEADER_SEARCH_ROWS] if line.strip()][:5]
    best, best_score = ";", 0
    for separator in SEPARATORS:
        counts = [len(next(csv.reader([line], delimiter=separator))) for line in lines]
        score = max(counts, default=1)
        if score > best_score:
            best, best_score = separator, score
    return best


def _read_csv(data: bytes) -> pl.DataFrame:
    text = decode(data)
    if "\x00" in text[:4096]:
        raise UnreadableFile(_("The file is neither a CSV file nor an Excel (XLSX) file."))
    separator = detect_separator(text)
    try:
        frame = pl.read_csv(io.BytesIO(text.encode("utf-8")), separator=separator, has_header=False, infer_schema=False)
    except pl.exceptions.PolarsError as error:
        raise UnreadableFile(_locate_csv_problem(text, separator) or _("The file could not be read as CSV.")) from error
    return frame.with_row_index(ROW, offset=1)


def _locate_csv_problem(text: str, separator: str) -> str | None:
    """Slow path, only after a failed read: name the first row whose field count exceeds the header's."""
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    width = None
    try:
        for fields in reader:
            if width is None:
                if any(field.strip() for field in fields):
                    width = len(fields)
                continue
            if len(fields) > width:
                return _("Row %(row)s has %(count)s fields but the header has %(width)s.") % {
                    "row": reader.line_num,
                    "count": len(fields),
                    "width": width,
                }
    except csv.Error as error:
        return _("Row %(row)s cannot be read: %(error)s") % {"row": reader.line_num, "error": error}
    return None


def _read_xlsx(data: bytes) -> pl.DataFrame:
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        sheet = reader.load_sheet(0, header_row=None, skip_rows=0, dtypes="string")
        frame = sheet.to_polars()
    except Exception as error:  # calamine raises its own error types for corrupt workbooks
        raise UnreadableFile(_("The file could not be read as an Excel (XLSX) file.")) from error
    return frame.with_row_index(ROW, offset=1)


def _clean(frame: pl.DataFrame) -> pl.DataFrame:
    """Strip cells; empty text becomes null."""
    cells = [name for name in frame.columns if name != ROW]
    return frame.with_columns(
        pl.col(cells).cast(pl.String).str.strip_chars().replace("", None),
    )


def _with_header(frame: pl.DataFrame, spec: ImportSpec) -> RawTable:
    frame = _clean(frame)
    cells = [name for name in frame.columns if name != ROW]
    expected = set().union(*(column.names_for_mapping() for column in spec.columns))
    head = frame.head(HEADER_SEARCH_ROWS).rows()
    best_index, best_score = None, -1
    for index, row in enumerate(head):
        values = [value for value in row[1:] if value]
        if not values:
            continue
        score = sum(normalise(value) in expected for value in values)
        if best_index is None or score > best_score:
            best_index, best_score = index, score
    if best_index is None:
        raise UnreadableFile(_("The file has no header row with column names."))
    header_row = head[best_index][0]
    headers, seen = [], {}
    for position, value in enumerate(head[best_index][1:], start=1):
        name = value or _("Column %(number)s") % {"number": position}
        seen[name] = seen.get(name, 0) + 1
        headers.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    body = frame.slice(best_index + 1).rename(dict(zip(cells, headers, strict=True)))
    # Skip empty rows and comment rows (first filled cell starts with '#', as in the CSV template).
    first = pl.coalesce(pl.col(headers))
    body = body.filter(first.is_not_null() & ~first.str.starts_with("#"))
    if body.is_empty():
        raise UnreadableFile(_("The file has a header row but no rows of data."))
    return RawTable(headers=headers, frame=body, header_row=header_row)
