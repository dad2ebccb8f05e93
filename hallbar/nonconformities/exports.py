"""The columns of the nonconformity list's Excel and CSV export (``?export=xlsx|csv``, see
hallbar.imports.exports). They read only what ``queries.nonconformity_list`` fetches and annotates."""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn

NONCONFORMITY_COLUMNS = [
    ExportColumn(gettext_lazy("reference"), "reference", width=14),
    ExportColumn(gettext_lazy("title"), "title", width=40),
    ExportColumn(gettext_lazy("stage"), "get_stage_display", width=16),
    ExportColumn(gettext_lazy("origin"), "get_origin_display", width=20),
    ExportColumn(gettext_lazy("severity"), "get_severity_display", width=10),
    ExportColumn(gettext_lazy("responsible unit"), "responsible_unit.name", width=28),
    ExportColumn(gettext_lazy("owner"), "owner.email", width=30),
    ExportColumn(gettext_lazy("detected"), "detected_on", "date", 12),
    ExportColumn(gettext_lazy("effectiveness check planned"), "effectiveness_due", "date", 12),
    ExportColumn(gettext_lazy("effectiveness"), "get_effectiveness_result_display", width=14),
    ExportColumn(gettext_lazy("effectiveness check overdue"), "effectiveness_overdue", width=10),
    ExportColumn(gettext_lazy("corrective actions overdue"), "has_overdue_actions", width=10),
    ExportColumn(gettext_lazy("description"), "description", width=50),
    ExportColumn(gettext_lazy("root cause"), "root_cause", width=50),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]
