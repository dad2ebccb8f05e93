"""The report as XLSX (xlsxwriter): one sheet per section, numbers as numbers, native Excel charts
with the chart's table beside them."""

import io
import re

import xlsxwriter
from django.utils.translation import gettext as _

from .common import chart_table

DASHES = {"measured": "solid", "target": "dash", "trend": "round_dot"}
INVALID_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, used: set[str]) -> str:
    base = INVALID_SHEET_CHARACTERS.sub(" ", title)[:28].strip() or "Sheet"
    name, number = base, 2
    while name.lower() in used:
        name, number = f"{base} {number}", number + 1
    used.add(name.lower())
    return name


def write(content: dict) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "nan_inf_to_errors": True})
    book.set_properties({"title": content["title"], "author": content["organisation"], "comments": "Hållbar"})
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14})
    used: set[str] = set()
    cover = book.add_worksheet(_sheet_name(_("Report"), used))
    cover.set_column(0, 0, 40)
    for row, text in enumerate(
        [content["organisation"], content["title"], content["subtitle"], content["audience_label"]]
    ):
        cover.write(row, 0, text, title if row == 1 else None)
    for section in content["sections"]:
        sheet = book.add_worksheet(_sheet_name(section["title"], used))
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 10, 16)
        sheet.write(0, 0, section["title"], title)
        row = 2
        for block in section["blocks"]:
            row = _block(book, sheet, block, row, bold) + 1
    book.close()
    return out.getvalue()


def _table(sheet, row: int, headers, rows, bold) -> int:
    for column, header in enumerate(headers):
        sheet.write(row, column, header, bold)
    for values in rows:
        row += 1
        for column, value in enumerate(values):
            if value is not None:
                sheet.write(row, column, value)
    return row + 1


def _block(book, sheet, block: dict, row: int, bold) -> int:
    kind = block["type"]
    if kind in ("paragraph", "heading"):
        sheet.write(row, 0, block["text"], bold if kind == "heading" else None)
        return row + 1
    if kind == "facts":
        for label, value in block["rows"]:
            sheet.write(row, 0, label)
            if value is not None:
                sheet.write(row, 1, value)
            row += 1
        return row
    if kind == "table":
        return _table(sheet, row, block["headers"], block["rows"], bold)
    chart = block["chart"]
    sheet.write(row, 0, chart["title"], bold)
    headers, rows = chart_table(chart)
    first = row + 1
    end = _table(sheet, first, headers, rows, bold)
    native = book.add_chart({"type": "column" if chart["kind"] == "bar" else "line"})
    if chart["kind"] == "bar":
        native.set_x_axis({"name": headers[0]})
    name = sheet.get_name()
    for index, series in enumerate(chart["series"], start=1):
        options = {
            "name": [name, first, index],
            "categories": [name, first + 1, 0, first + len(rows), 0],
            "values": [name, first + 1, index, first + len(rows), index],
        }
        if chart["kind"] == "line":  # lines differ by dash pattern, not only by colour
            options["line"] = {"dash_type": DASHES.get(series["kind"], "long_dash")}
        native.add_series(options)
    native.set_title({"name": chart["title"]})
    native.set_y_axis({"name": chart["unit"]})
    native.set_legend({"position": "bottom"})
    sheet.insert_chart(first, len(headers) + 1, native, {"x_scale": 1.2, "y_scale": 1.0})
    return max(end, first + 16)
