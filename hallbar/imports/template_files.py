"""Downloadable templates, generated from an ImportSpec in the user's language.

XLSX: a "Data" sheet with the header row (required columns marked, lists as drop-downs) followed by a
"Help" sheet explaining every column, with example rows. CSV: the header row, then one comment row
(its first cell starts with '#', so the import skips it) saying what each column takes.
"""

from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .exports import XLSX_TYPE, XlsxBook, csv_lines
from .registry import ColumnType, ImportSpec

DATA_ROWS_WITH_LISTS = 100_000


def column_help(column) -> str:
    text = str(column.help_text) if column.help_text else str(ColumnType(column.type).label)
    if column.type == ColumnType.CHOICE:
        text += " " + _("Accepted: %(values)s.") % {"values": ", ".join(str(label) for _v, label in column.choices)}
    elif column.type == ColumnType.DATE:
        text += " " + _("Write dates as 2025-03-31 (31/3 2025 and 31 mars 2025 work too).")
    return text


def requirement(column) -> str:
    return _("required") if column.required else _("optional")


def headers(spec: ImportSpec) -> list[str]:
    return [str(capfirst(column.label)) for column in spec.columns]


def csv_template(spec: ImportSpec, filename: str) -> HttpResponse:
    help_cells = [f"{requirement(column)}: {column_help(column)}" for column in spec.columns]
    help_cells[0] = "# " + help_cells[0]
    text = "".join(csv_lines(headers(spec), [help_cells]))
    response = HttpResponse(text.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_template(spec: ImportSpec, filename: str, context) -> HttpResponse:
    book = XlsxBook()
    workbook, bold = book.workbook, book.header
    required = workbook.add_format(
        {"bold": True, "bg_color": "#F7E3B5", "bottom": 2, "text_wrap": True, "valign": "top"}
    )
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    date = book.formats["date"]
    data = book.sheet(_("Data"))
    for index, column in enumerate(spec.columns):
        cell_format = date if column.type == ColumnType.DATE else None  # typed dates show as 2025-03-31
        data.set_column(index, index, max(14, len(str(column.label)) + 4), cell_format)
        label = str(capfirst(column.label)) + (" *" if column.required else "")
        data.write_string(0, index, str(capfirst(column.label)), required if column.required else bold)
        data.write_comment(0, index, f"{label}\n{requirement(column)}: {column_help(column)}")
        if column.type == ColumnType.CHOICE:
            labels = [str(label) for _value, label in column.choices]
            data.data_validation(1, index, DATA_ROWS_WITH_LISTS, index, {"validate": "list", "source": labels})
    data.freeze_panes(1, 0)

    help_sheet = book.sheet(_("Help"))
    help_sheet.set_column(0, 0, 24)
    help_sheet.set_column(1, 1, 12)
    help_sheet.set_column(2, 2, 80)
    help_sheet.write_string(0, 0, str(spec.label), workbook.add_format({"bold": True, "font_size": 14}))
    help_sheet.write_string(1, 0, str(spec.description))
    help_sheet.write_string(
        2,
        0,
        _("Fill in the sheet “%(sheet)s”: one row per value, from row 2. Columns with a yellow header are required.")
        % {"sheet": _("Data")},
    )
    for index, text in enumerate([_("Column"), _("Required"), _("What to write")]):
        help_sheet.write_string(4, index, text, bold)
    for row, column in enumerate(spec.columns, start=5):
        help_sheet.write_string(row, 0, str(capfirst(column.label)))
        help_sheet.write_string(row, 1, requirement(column))
        help_sheet.write_string(row, 2, column_help(column), wrap)
    examples = spec.examples(context)
    if examples:
        start = len(spec.columns) + 6
        help_sheet.write_string(start, 0, _("Example"), workbook.add_format({"bold": True}))
        for index, text in enumerate(headers(spec)):
            help_sheet.write_string(start + 1, index, text, bold)
        for offset, example in enumerate(examples, start=start + 2):
            for index, column in enumerate(spec.columns):
                value = example.get(column.name, "")
                if value not in ("", None):
                    book.write_cell(help_sheet, offset, index, value)
    response = HttpResponse(book.content(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
