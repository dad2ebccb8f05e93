"""Every list exports to Excel and CSV: ``?export=xlsx`` / ``?export=csv`` on the list's own address.

A list view adds :class:`ExportMixin` (before its generic view class), declares ``export_columns``
and, if its rows are not ``get_queryset()``, ``get_export_rows()``. The export therefore has the same
scope and filters as the page; pagination is ignored (every row). The template shows the links with
``{% include "imports/includes/export_links.html" %}``.

XLSX: XlsxWriter in constant-memory mode (rows go to a temporary file as they are written), a styled
and frozen header row, column widths, numbers as numbers and dates as dates. CSV: UTF-8 with BOM and
';' as separator, numbers with the language's decimal separator: what Swedish Excel opens correctly
by double-click (see docs/decisions/0011-imports.md). The CSV is streamed.

Every CSV and XLSX file of the project is written with the helpers here: :func:`csv_cell` and
:func:`csv_lines` (also the portal's open data, with its own decimal comma and 1/0 for yes/no) and
:class:`XlsxBook` (also the climate budget's workbook of several sheets). Text that a spreadsheet would
run as a formula is written with a leading apostrophe in CSV; XLSX cells are written as strings, never
formulas.
"""

from __future__ import annotations

import csv
import datetime
import math
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.text import capfirst

EXPORT_KINDS = ("xlsx", "csv")
CHUNK_SIZE = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ExportColumn:
    """One column: its header, how to get the value from a row, its kind and width in Excel.

    ``value`` is an attribute path ("user.full_name", "get_role_display") or a function of the row.
    ``kind``: "text", "number", "date" or "datetime".
    """

    header: Promise | str
    value: str | Callable[[Any], Any]
    kind: str = "text"
    width: int = 20

    def of(self, row) -> Any:
        if callable(self.value):
            return self.value(row)
        value = row
        for part in self.value.split("."):
            if value is None:
                return None
            value = getattr(value, part)
            if callable(value):
                value = value()
        return value


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # text a spreadsheet would run as a formula


def csv_cell(value, decimal_separator: str, booleans: tuple[str, str] | None = None) -> str:
    """A CSV cell: numbers with ``decimal_separator``, without float noise (0,3 not 0,30000000000000004) or
    exponent; dates as ISO; yes/no in the active language, or ``booleans`` (no, yes); text that could start a
    formula (titles may come from citizens' proposals) prefixed with an apostrophe."""
    value = _local(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        if booleans:
            return booleans[value]
        return str(capfirst(translation.gettext("yes") if value else translation.gettext("no")))
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        value = Decimal(format(value, ".15g"))  # 15 significant digits: what the value holds
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", decimal_separator)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def csv_lines(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """The lines of a CSV file of ready cells: a BOM, ';' between cells, CRLF after each line."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def csv_response(filename: str, columns: list[ExportColumn], rows: Iterable) -> StreamingHttpResponse:
    language = translation.get_language()

    def lines():
        with translation.override(language):  # the response is iterated after the view returned
            separator = get_format("DECIMAL_SEPARATOR")
            header = [str(capfirst(column.header)) for column in columns]
            yield from csv_lines(header, ([csv_cell(column.of(row), separator) for column in columns] for row in rows))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


class XlsxBook:
    """An XLSX workbook with the exports' look: sheets with a styled, frozen header row and column widths;
    numbers as numbers, dates as dates, text as text (never a formula). ``constant_memory`` writes each
    sheet's rows to a temporary file as they come (rows then go in order, one sheet at a time)."""

    def __init__(self, *, constant_memory: bool = False):
        import xlsxwriter

        self.output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
        options = {"constant_memory": constant_memory, "remove_timezone": True, "nan_inf_to_errors": True}
        self.workbook = xlsxwriter.Workbook(self.output, options)
        self.names: set[str] = set()
        self.header = self.workbook.add_format(
            {"bold": True, "bg_color": "#DDEBE3", "bottom": 2, "text_wrap": True, "valign": "top"}
        )
        self.formats = {
            "date": self.workbook.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": self.workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        }

    def sheet(self, name: str, headers: list | None = None, widths: Iterable[int] = ()):
        """A new sheet (``name`` made valid and unique for Excel) with ``headers`` as its frozen first row."""
        worksheet = self.workbook.add_worksheet(self._unique(str(name)))
        for index, width in enumerate(widths):
            worksheet.set_column(index, index, width)
        if headers:
            for index, header in enumerate(headers):
                worksheet.write_string(0, index, str(capfirst(header)), self.header)
            worksheet.freeze_panes(1, 0)
        return worksheet

    def _unique(self, name: str) -> str:
        base = "".join(" " if character in "[]:*?/\\" else character for character in name)[:31].strip() or "Sheet"
        name, number = base, 2
        while name.lower() in self.names:
            name, number = f"{base[:28].strip()} {number}", number + 1
        self.names.add(name.lower())
        return name

    def write_row(self, worksheet, row: int, values: Iterable, cell_format=None) -> None:
        for col, value in enumerate(values):
            self.write_cell(worksheet, row, col, value, cell_format)

    def write_cell(self, worksheet, row: int, col: int, value, cell_format=None) -> None:
        value = _local(value)
        if value is None or value == "":
            return
        if isinstance(value, bool):
            worksheet.write_boolean(row, col, value, cell_format)
        elif isinstance(value, int | float | Decimal):
            worksheet.write_number(row, col, float(value), cell_format)
        elif isinstance(value, datetime.datetime):
            worksheet.write_datetime(row, col, value, cell_format or self.formats["datetime"])
        elif isinstance(value, datetime.date):
            worksheet.write_datetime(row, col, value, cell_format or self.formats["date"])
        else:
            worksheet.write_string(row, col, str(value), cell_format)

    def content(self) -> bytes:
        self.workbook.close()
        self.output.seek(0)
        return self.output.read()

    def response(self, filename: str) -> FileResponse:
        self.workbook.close()
        self.output.seek(0)
        return FileResponse(self.output, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def xlsx_response(filename: str, columns: list[ExportColumn], rows: Iterable, sheet: str = "") -> FileResponse:
    book = XlsxBook(constant_memory=True)
    worksheet = book.sheet(sheet or filename, [column.header for column in columns], [c.width for c in columns])
    count = 0
    for count, row in enumerate(rows, start=1):
        book.write_row(worksheet, count, [column.of(row) for column in columns])
    worksheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
    return book.response(f"{filename}.xlsx")


def export_response(kind: str, filename: str, columns: list[ExportColumn], rows: Iterable, sheet: str = ""):
    if hasattr(rows, "iterator"):
        rows = rows.iterator(chunk_size=CHUNK_SIZE)
    if kind == "xlsx":
        return xlsx_response(filename, columns, rows, sheet)
    return csv_response(filename, columns, rows)


class ExportMixin:
    """``?export=xlsx|csv`` on a list view returns its rows as a file (same scope and filters)."""

    export_columns: list[ExportColumn] = []
    export_filename = "export"

    def get_export_columns(self) -> list[ExportColumn]:
        return self.export_columns

    def get_export_filename(self) -> str:
        return f"{self.export_filename}-{timezone.localdate().isoformat()}"

    def get_export_rows(self):
        return self.get_queryset()

    def get(self, request, *args, **kwargs):
        kind = request.GET.get("export")
        if kind in EXPORT_KINDS:
            title = str(getattr(self, "export_title", "") or "")
            return export_response(
                kind, self.get_export_filename(), self.get_export_columns(), self.get_export_rows(), title
            )
        return super().get(request, *args, **kwargs)
