"""The report as XLSX (xlsxwriter): one sheet per section, numbers as numbers, native Excel charts
with the chart's table beside them."""

from django.utils.translation import gettext as _

from hallbar.imports.exports import XlsxBook

from .common import chart_table

DASHES = {"measured": "solid", "target": "dash", "trend": "round_dot"}


def write(content: dict) -> bytes:
    book = XlsxBook()
    book.workbook.set_properties({"title": content["title"], "author": content["organisation"], "comments": "Hållbar"})
    bold = book.workbook.add_format({"bold": True})
    title = book.workbook.add_format({"bold": True, "font_size": 14})
    cover = book.sheet(_("Report"), widths=[40])
    for row, text in enumerate(
        [content["organisation"], content["title"], content["subtitle"], content["audience_label"]]
    ):
        book.write_cell(cover, row, 0, text, title if row == 1 else None)
    for section in content["sections"]:
        sheet = book.sheet(section["title"], widths=[36, *[16] * 10])
        book.write_cell(sheet, 0, 0, section["title"], title)
        row = 2
        for block in section["blocks"]:
            row = _block(book, sheet, block, row, bold) + 1
    return book.content()


def _table(book: XlsxBook, sheet, row: int, headers, rows, bold) -> int:
    book.write_row(sheet, row, headers, bold)
    for values in rows:
        row += 1
        book.write_row(sheet, row, values)
    return row + 1


def _block(book: XlsxBook, sheet, block: dict, row: int, bold) -> int:
    """Text is always written as text (a title may start with "="), numbers as numbers."""
    kind = block["type"]
    if kind in ("paragraph", "heading"):
        book.write_cell(sheet, row, 0, block["text"], bold if kind == "heading" else None)
        return row + 1
    if kind == "facts":
        for label, value in block["rows"]:
            book.write_row(sheet, row, [label, value])
            row += 1
        return row
    if kind == "table":
        return _table(book, sheet, row, block["headers"], block["rows"], bold)
    chart = block["chart"]
    book.write_cell(sheet, row, 0, chart["title"], bold)
    headers, rows = chart_table(chart)
    first = row + 1
    end = _table(book, sheet, first, headers, rows, bold)
    native = book.workbook.add_chart({"type": "column" if chart["kind"] == "bar" else "line"})
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
