"""The columns of the audit programme list's Excel and CSV export (``?export=xlsx|csv``).

They read only what :func:`hallbar.audits.queries.programme_list` fetches and annotates, so an
export takes one query whatever the number of programmes.
"""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn

PROGRAMME_COLUMNS = [
    ExportColumn(gettext_lazy("year"), "year", "number", 8),
    ExportColumn(gettext_lazy("title"), "title", width=40),
    ExportColumn(gettext_lazy("aims"), "aims", width=50),
    ExportColumn(gettext_lazy("approved by"), "approved_by", width=28),
    ExportColumn(gettext_lazy("approved on"), "approved_on", "date", 12),
    ExportColumn(gettext_lazy("audits"), "audit_count", "number", 10),
    ExportColumn(gettext_lazy("planned"), "planned_count", "number", 10),
    ExportColumn(gettext_lazy("in progress"), "in_progress_count", "number", 10),
    ExportColumn(gettext_lazy("report written"), "report_written_count", "number", 10),
    ExportColumn(gettext_lazy("closed"), "closed_count", "number", 10),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]
