"""Which files are accepted: by name and by content, and not too large."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hallbar.documents.uploads import kind_of, validate_upload

from .files import DOCX, ODS, ODT, PDF, PNG, VALID, XLSX, upload


@pytest.mark.parametrize("name", sorted(VALID))
def test_every_allowed_type_is_accepted(name):
    validate_upload(upload(name))


def test_utf16_text_is_text():
    validate_upload(upload("export.txt", "\ufeffMätvärden".encode("utf-16")))


def refusal(uploaded) -> ValidationError:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_upload(uploaded)
    return error.value


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("program.exe", b"MZ\x90\x00", "file_type"),
        ("sida.html", b"<html></html>", "file_type"),
        ("utan-andelse", PDF, "file_type"),
        ("rapport.pdf.exe", PDF, "file_type"),
        ("rapport.pdf", b"MZ\x90\x00 not a pdf", "content"),
        ("bild.png", PDF, "content"),
        ("foto.jpg", PNG, "content"),
        ("rutin.docx", XLSX, "content"),  # a spreadsheet package named as a text document
        ("matning.xlsx", DOCX, "content"),
        ("rutin.odt", ODS, "content"),
        ("matning.ods", ODT, "content"),
        ("rutin.docx", b"PK\x03\x04 but not really a zip", "content"),
        ("rutin.docx", PDF, "content"),
        ("anteckning.txt", b"text\x00with a NUL byte", "content"),
        ("matning.csv", PNG, "content"),
        ("tom.pdf", b"", "empty"),
    ],
)
def test_wrong_files_are_refused_with_the_reason(name, content, code):
    error = refusal(upload(name, content))
    assert error.code == code
    message = error.messages[0]
    assert name in message
    assert "PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, TXT and CSV files of at most 20.0\xa0MB." in message


def test_the_size_limit_is_a_setting(settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    validate_upload(upload("rapport.pdf", PDF.ljust(1000, b" ")))
    error = refusal(upload("rapport.pdf", PDF.ljust(1001, b" ")))
    assert error.code == "too_large"
    assert error.messages[0] == (
        "“rapport.pdf” is 1001\xa0bytes, which is too large. Allowed are PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, "
        "TXT and CSV files of at most 1000\xa0bytes."
    )


def test_the_content_type_comes_from_the_name():
    assert kind_of("Rapport.PDF").content_type == "application/pdf"
    assert kind_of("x.xlsx").content_type.endswith("spreadsheetml.sheet")
    assert kind_of("x.exe") is None
