"""The shared CSV and XLSX writers (``imports.exports``) that every export of the project uses."""

import fastexcel
import pytest
from django.utils import translation

from hallbar.imports.exports import XlsxBook, csv_cell, csv_lines


def test_csv_cells_are_numbers_as_people_read_them_and_never_formulas():
    with translation.override("en"):
        assert [csv_cell(v, ",") for v in (0.1 + 0.2, 1e-05, 1.0, float("inf"), -2.5, 7)] == [
            "0,3",
            "0,00001",
            "1",
            "",
            "-2,5",
            "7",
        ]
        assert [csv_cell(True, "."), csv_cell(False, "."), csv_cell(True, ",", ("0", "1"))] == ["Yes", "No", "1"]
    for text in ("=1+1", "+46 70", "-x", "@SUM(A1)"):
        assert csv_cell(text, ",") == f"'{text}"


def test_csv_lines_open_in_swedish_excel():
    text = "".join(csv_lines(["a", "b"], [["1;2", "x"]]))
    assert text == '\ufeffa;b\r\n"1;2";x\r\n'


@pytest.fixture
def sheets():
    def read(data: bytes) -> dict:
        reader = fastexcel.read_excel(data)
        return {name: reader.load_sheet(name, header_row=None).to_polars() for name in reader.sheet_names}

    return read


def test_an_xlsx_book_writes_text_as_text_and_unique_sheet_names(sheets):
    book = XlsxBook()
    for _ in range(2):
        sheet = book.sheet("Mål: 2030/2035", ["title", "value"])
        book.write_row(sheet, 1, ["=1+1", 4.5])
    frames = sheets(book.content())
    assert list(frames) == ["Mål  2030 2035", "Mål  2030 2035 2"]
    first = frames["Mål  2030 2035"]
    assert first.row(1) == ("=1+1", "4.5")  # text, not a formula (a column under a text header reads as text)
    assert first.row(0) == ("Title", "Value")


def test_a_report_workbook_writes_titles_as_text(sheets):
    from hallbar.reports.writers import xlsx

    title = '=HYPERLINK("http://x")'
    content = {"title": "R", "organisation": "O", "subtitle": "", "audience_label": ""}
    table = {"type": "table", "title": "T", "headers": ["Action", "Percent"], "rows": [[title, 40]]}
    content["sections"] = [{"key": "actions", "title": "Actions", "blocks": [table]}]
    with translation.override("en"):
        frames = sheets(xlsx.write(content))
    assert (title, "40") in frames["Actions"].rows()  # a mixed column reads as text
