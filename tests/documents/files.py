"""Small, real files of every allowed type (and some that are not), built in memory."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document/>"})
ODS = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<office:document/>"})
TXT = "Protokoll från ledningens genomgång, punkt 4.\n".encode()
CSV = "datum;mätvärde\n2026-01-31;12,5\n".encode()

VALID = {
    "rapport.pdf": PDF,
    "bild.png": PNG,
    "foto.jpg": JPEG,
    "foto.jpeg": JPEG,
    "rutin.docx": DOCX,
    "matning.xlsx": XLSX,
    "rutin.odt": ODT,
    "matning.ods": ODS,
    "anteckning.txt": TXT,
    "matning.csv": CSV,
    "VERSALER.PDF": PDF,
}


def upload(name: str = "rapport.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, VALID.get(name, PDF) if content is None else content)
