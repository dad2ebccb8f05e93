"""The columns of the review list's Excel and CSV exports (``?export=xlsx|csv``, see hallbar.imports.exports).

They read only what :func:`hallbar.reviews.queries.review_list` fetches and annotates, so an export
takes the same few queries whatever the number of reviews.
"""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn

REVIEW_COLUMNS = [
    ExportColumn(gettext_lazy("title"), "title", width=36),
    ExportColumn(gettext_lazy("date of the review"), "date", "date", 12),
    ExportColumn(gettext_lazy("period from"), "period_start", "date", 12),
    ExportColumn(gettext_lazy("period to"), "period_end", "date", 12),
    ExportColumn(gettext_lazy("status"), "get_status_display", width=14),
    ExportColumn(gettext_lazy("participants"), "participants", width=40),
    ExportColumn(gettext_lazy("decisions"), "decision_count", "number", 10),
    ExportColumn(gettext_lazy("actions"), "action_count", "number", 10),
    ExportColumn(gettext_lazy("inputs assembled"), "inputs_assembled_at", "datetime", 18),
    ExportColumn(
        gettext_lazy("approved by"), lambda review: review.approved_by.email if review.approved_by else "", width=28
    ),
    ExportColumn(gettext_lazy("approved"), "approved_at", "datetime", 18),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]
