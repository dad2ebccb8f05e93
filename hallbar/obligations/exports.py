"""The columns of the register's Excel and CSV exports (``?export=xlsx|csv``, see hallbar.imports.exports).

The columns read only what :func:`hallbar.obligations.queries.listed` fetches (responsible unit and
person, the prefetched units it applies to) and the flag set by :func:`~hallbar.obligations.queries.flag`,
so an export takes the same few queries whatever the number of obligations.
"""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn


def _names(attribute):
    def names(obligation) -> str:
        return ", ".join(str(obj) for obj in getattr(obligation, attribute).all())

    return names


OBLIGATION_COLUMNS = [
    ExportColumn(gettext_lazy("title"), "title", width=40),
    ExportColumn(gettext_lazy("kind"), "get_kind_display", width=20),
    ExportColumn(gettext_lazy("reference"), "reference", width=30),
    ExportColumn(gettext_lazy("link to the source"), "url", width=30),
    ExportColumn(gettext_lazy("what it requires of us"), "summary", width=50),
    ExportColumn(gettext_lazy("interested party"), "interested_party.name", width=28),
    ExportColumn(gettext_lazy("applies to units"), _names("applies_to_units"), width=30),
    ExportColumn(gettext_lazy("sustainability aspects"), _names("aspects"), width=30),
    ExportColumn(gettext_lazy("responsible unit"), "responsible_unit.name", width=28),
    ExportColumn(gettext_lazy("responsible person"), "responsible_person.email", width=30),
    ExportColumn(gettext_lazy("evaluation interval (months)"), "evaluation_interval_months", "number", 12),
    ExportColumn(gettext_lazy("status"), "get_status_display", width=12),
    ExportColumn(gettext_lazy("last result"), "get_last_result_display", width=14),
    ExportColumn(gettext_lazy("last evaluated"), "last_evaluated_on", "date", 12),
    ExportColumn(gettext_lazy("next evaluation"), "next_evaluation_date", "date", 12),
    ExportColumn(gettext_lazy("evaluation overdue"), "is_overdue", width=10),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]
