"""The columns of the action lists' Excel and CSV exports (``?export=xlsx|csv``, see hallbar.imports.exports).

The action columns read only what :func:`hallbar.actions.queries.listed` fetches (unit, contact person,
action plan, the prefetched reason) and the flags set by :func:`hallbar.actions.queries.flag`, so an
export takes the same few queries whatever the number of actions. The headers of the first columns
are those of the actions import, and a cell holds what the import takes (an empty responsible unit
is the whole organisation, as in the import), so an exported list can be corrected in Excel and
imported again: every row then updates its action (see hallbar/actions/imports.py).
"""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn


def _whole_organisation(unit):
    return unit.name if unit is not None else gettext_lazy("The whole organisation")


ACTION_COLUMNS = [
    ExportColumn(gettext_lazy("title"), "title", width=40),
    ExportColumn(gettext_lazy("action plan"), "action_plan.title", width=30),
    ExportColumn(gettext_lazy("responsible unit"), "responsible_unit.name", width=28),  # empty: the whole organisation
    ExportColumn(gettext_lazy("contact person"), "contact_person.email", width=30),
    ExportColumn(gettext_lazy("status"), "get_status_display", width=14),
    ExportColumn(gettext_lazy("start date"), "start_date", "date", 12),
    ExportColumn(gettext_lazy("end date"), "end_date", "date", 12),
    ExportColumn(gettext_lazy("budget (SEK)"), "budget_sek", "number", 14),
    ExportColumn(gettext_lazy("outcome (SEK)"), "outcome_sek", "number", 14),
    ExportColumn(gettext_lazy("description"), "description", width=50),
    ExportColumn(gettext_lazy("contact person's name"), "contact_person.full_name", width=24),
    ExportColumn(gettext_lazy("overdue"), "is_overdue", width=10),
    ExportColumn(gettext_lazy("stale"), "is_stale", width=10),
    ExportColumn(gettext_lazy("days without an update"), "days_without_update", "number", 12),
    ExportColumn(gettext_lazy("percent complete"), "percent_complete", "number", 10),
    ExportColumn(gettext_lazy("last progress update"), "last_progress_at", "datetime", 18),
    ExportColumn(gettext_lazy("reason"), lambda action: str(action.reason) if action.reason_id else "", width=30),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]

ACTION_PLAN_COLUMNS = [
    ExportColumn(gettext_lazy("title"), "title", width=40),
    ExportColumn(gettext_lazy("from (year)"), "valid_from_year", "number", 10),
    ExportColumn(gettext_lazy("to (year)"), "valid_to_year", "number", 10),
    ExportColumn(gettext_lazy("implements plan"), "plan.title", width=30),
    ExportColumn(gettext_lazy("responsible unit"), lambda plan: _whole_organisation(plan.responsible_unit), width=28),
    ExportColumn(gettext_lazy("actions"), "action_count", "number", 10),
    ExportColumn(gettext_lazy("open actions"), "open_count", "number", 10),
    ExportColumn(gettext_lazy("description"), "description", width=50),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]
