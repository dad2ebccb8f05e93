"""Which files may be stored as evidence or document files, checked before anything is written.

A file is accepted when its name ends in one of the allowed extensions, its first bytes are what
such a file starts with, and it is not larger than ``settings.EVIDENCE_MAX_BYTES``:

* PDF ``%PDF-``; PNG ``\\x89PNG``; JPEG ``\\xff\\xd8\\xff``.
* DOCX and XLSX are ZIP packages (``PK\\x03\\x04``) holding ``[Content_Types].xml`` and ``word/``
  respectively ``xl/`` parts; ODT and ODS are ZIP packages whose ``mimetype`` member names the
  OpenDocument text or spreadsheet type.
* TXT and CSV have no signature: the start of the file must be text (no NUL bytes, unless it begins
  with a UTF-16 byte order mark).

The stored content type comes from the extension (never from what the browser claims), so a
download is always sent as the type the checks above established.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

HEAD_BYTES = 8192
MAX_ZIP_MEMBER_BYTES = 1024  # the ODF "mimetype" member is one short line
ZIP_SIGNATURE = b"PK\x03\x04"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    signatures: tuple[bytes, ...] = ()
    package: str = ""  # "ooxml:<folder>/" or "odf:<mimetype>" for ZIP-based office files
    text: bool = False


FILE_KINDS: dict[str, FileKind] = {
    ".pdf": FileKind("PDF", "application/pdf", (b"%PDF-",)),
    ".png": FileKind("PNG", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": FileKind("JPEG", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": FileKind("JPEG", "image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": FileKind(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP_SIGNATURE,),
        "ooxml:word/",
    ),
    ".xlsx": FileKind(
        "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP_SIGNATURE,), "ooxml:xl/"
    ),
    ".odt": FileKind(
        "ODT",
        "application/vnd.oasis.opendocument.text",
        (ZIP_SIGNATURE,),
        "odf:application/vnd.oasis.opendocument.text",
    ),
    ".ods": FileKind(
        "ODS",
        "application/vnd.oasis.opendocument.spreadsheet",
        (ZIP_SIGNATURE,),
        "odf:application/vnd.oasis.opendocument.spreadsheet",
    ),
    ".txt": FileKind("TXT", "text/plain", text=True),
    ".csv": FileKind("CSV", "text/csv", text=True),
}

ALLOWED_LABELS = tuple(dict.fromkeys(kind.label for kind in FILE_KINDS.values()))
ACCEPT = ",".join(FILE_KINDS)  # for <input type="file" accept="…">


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_BYTES


def allowed_description() -> str:
    """ "PDF, PNG, … and CSV files of at most 20.0 MB", in the active language."""
    return _("%(types)s and %(last)s files of at most %(limit)s") % {
        "types": ", ".join(ALLOWED_LABELS[:-1]),
        "last": ALLOWED_LABELS[-1],
        "limit": filesizeformat(max_bytes()),
    }


def kind_of(name: str) -> FileKind | None:
    return FILE_KINDS.get(PurePath(name or "").suffix.lower())


def _refuse(code: str, message: str, name: str, **params) -> ValidationError:
    text = message % {"name": name, **params} + " " + _("Allowed are %(allowed)s.") % {"allowed": allowed_description()}
    return ValidationError(text, code=code)


def _read_head(uploaded_file) -> bytes:
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    uploaded_file.seek(0)
    return head


def _package_matches(uploaded_file, package: str) -> bool:
    family, _sep, expected = package.partition(":")
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = archive.namelist()
            if family == "ooxml":
                return "[Content_Types].xml" in names and any(name.startswith(expected) for name in names)
            info = archive.getinfo("mimetype") if "mimetype" in names else None
            if info is None or info.file_size > MAX_ZIP_MEMBER_BYTES:
                return False
            return archive.read(info).strip() == expected.encode()
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return False
    finally:
        uploaded_file.seek(0)


def _content_matches(uploaded_file, kind: FileKind) -> bool:
    head = _read_head(uploaded_file)
    if kind.text:
        return head.startswith(UTF16_BOMS) or b"\x00" not in head
    if not head.startswith(kind.signatures):
        return False
    return not kind.package or _package_matches(uploaded_file, kind.package)


def validate_upload(uploaded_file) -> None:
    """Refuse a file that is not an allowed type (by name and by content), is empty or is too large.

    Raises :class:`~django.core.exceptions.ValidationError` with a message naming the file, the
    allowed types and the size limit. Reads only the start of the file (and a ZIP's directory);
    stores nothing.
    """
    name = PurePath(getattr(uploaded_file, "name", "") or "").name
    kind = kind_of(name)
    if kind is None:
        raise _refuse("file_type", _("“%(name)s” is not a type of file that can be stored."), name)
    size = uploaded_file.size
    if not size:
        raise _refuse("empty", _("“%(name)s” is empty."), name)
    if size > max_bytes():
        raise _refuse("too_large", _("“%(name)s” is %(size)s, which is too large."), name, size=filesizeformat(size))
    if not _content_matches(uploaded_file, kind):
        raise _refuse(
            "content", _("The content of “%(name)s” is not a %(kind)s file, as its name says."), name, kind=kind.label
        )
