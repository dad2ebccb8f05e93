"""The columns of the document list's and the readiness pages' Excel and CSV exports (``?export=xlsx|csv``).

They read only what :func:`hallbar.documents.queries.listed` and :func:`~hallbar.documents.queries.readiness`
fetch, so an export takes the same few queries as its page.
"""

from django.utils.translation import gettext, gettext_lazy

from hallbar.imports.exports import ExportColumn


def _whole_organisation(unit):
    return unit.name if unit is not None else gettext("The whole organisation")


def _status(row) -> str:
    if not row.covered:
        return gettext("Gap")
    return gettext("Covered by its sub-clauses") if row.covered_by_parts else gettext("Covered")


def _names(objects) -> str:
    return "; ".join(str(obj) for obj in objects)


def _via(row) -> str:
    return "; ".join(dict.fromkeys(str(source.via) for source in row.sources if source.via is not None))


DOCUMENT_COLUMNS = [
    ExportColumn(gettext_lazy("reference code"), "reference_code", width=14),
    ExportColumn(gettext_lazy("title"), "title", width=40),
    ExportColumn(gettext_lazy("kind of document"), "get_kind_display", width=14),
    ExportColumn(gettext_lazy("responsible unit"), lambda doc: _whole_organisation(doc.responsible_unit), width=28),
    ExportColumn(gettext_lazy("document owner"), "owner.email", width=30),
    ExportColumn(gettext_lazy("document owner's name"), "owner.full_name", width=24),
    ExportColumn(gettext_lazy("approved version"), "current_number", "number", 10),
    ExportColumn(gettext_lazy("draft version"), "draft_number", "number", 10),
    ExportColumn(gettext_lazy("review interval (months)"), "review_interval_months", "number", 10),
    ExportColumn(gettext_lazy("next review"), "next_review_date", "date", 12),
    ExportColumn(gettext_lazy("review overdue"), "is_review_overdue", width=10),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]

READINESS_COLUMNS = [
    ExportColumn(gettext_lazy("top-level clause"), lambda row: str(row.top), width=30),
    ExportColumn(gettext_lazy("clause"), "item.ref", width=10),
    ExportColumn(gettext_lazy("name"), "item.name", width=50),
    ExportColumn(gettext_lazy("status"), _status, width=16),
    ExportColumn(gettext_lazy("evidence files"), lambda row: _names(row.evidence), width=40),
    ExportColumn(gettext_lazy("controlled documents"), lambda row: _names(row.documents), width=40),
    ExportColumn(gettext_lazy("through equivalent clauses"), _via, width=30),
]
