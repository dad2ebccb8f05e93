"""Reading generated files back: PDF text with pypdf, DOCX text with python-docx, XLSX with Polars."""

import io

import docx
import polars as pl
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The text of every page, lines joined with spaces (a table cell may wrap)."""
    return " ".join(page.extract_text().replace("\n", " ") for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(parts)


def xlsx_sheets(data: bytes) -> dict[str, pl.DataFrame]:
    return pl.read_excel(io.BytesIO(data), sheet_id=0, has_header=False)


def read(field) -> bytes:
    with field.open("rb") as stored:
        return stored.read()
