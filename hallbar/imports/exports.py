"""Every list exports to Excel and CSV: ``?export=xlsx`` / ``?export=csv`` on the list's own address.

A list view adds :class:`ExportMixin` (before its generic view class), declares ``export_columns``
and, if its rows are not ``get_queryset()``, ``get_export_rows()``. The export therefore has the same
scope and filters as the page; pagination is ignored (every row). The template shows the links with
``{% include "imports/includes/export_links.html" %}``.

XLSX: XlsxWriter in constant-memory mode (rows go to a temporary file as they are written), a styled
and frozen header row, column widths, numbers as numbers and dates as dates. CSV: UTF-8 with BOM and
';' as separator, numbers with the language's decimal separator: what Swedish Excel opens correctly
by double-click (see docs/decisions/0011-imports.md). The CSV is streamed.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable
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


def _csv_cell(value, decimal_separator: str) -> str:
    value = _local(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(capfirst(translation.gettext("yes") if value else translation.gettext("no")))
    if isinstance(value, int | float | Decimal):
        return str(value).replace(".", decimal_separator)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, columns: list[ExportColumn], rows: Iterable) -> StreamingHttpResponse:
    language = translation.get_language()

    def lines():
        with translation.override(language):  # the response is iterated after the view returned
            separator = get_format("DECIMAL_SEPARATOR")
            writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
            yield "\ufeff" + writer.writerow([str(capfirst(column.header)) for column in columns])
            for row in rows:
                yield writer.writerow([_csv_cell(column.of(row), separator) for column in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, columns: list[ExportColumn], rows: Iterable, sheet: str = "") -> FileResponse:
    import xlsxwriter

    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "remove_timezone": True})
    name = "".join(" " if character in "[]:*?/\\" else character for character in (sheet or filename))
    worksheet = workbook.add_worksheet(name[:31].strip() or None)
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBE3", "bottom": 2, "text_wrap": True, "valign": "top"})
    formats = {
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    for index, column in enumerate(columns):
        worksheet.set_column(index, index, column.width)
        worksheet.write_string(0, index, str(capfirst(column.header)), header)
    worksheet.freeze_panes(1, 0)
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, column in enumerate(columns):
            _write_cell(worksheet, count, index, _local(column.of(row)), formats)
    worksheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
    workbook.close()
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX_TYPE)


def _write_cell(worksheet, row: int, col: int, value, formats) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        worksheet.write_boolean(row, col, value)
    elif isinstance(value, int | float | Decimal):
        worksheet.write_number(row, col, float(value))
    elif isinstance(value, datetime.datetime):
        worksheet.write_datetime(row, col, value, formats["datetime"])
    elif isinstance(value, datetime.date):
        worksheet.write_datetime(row, col, value, formats["date"])
    else:
        worksheet.write_string(row, col, str(value))


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
