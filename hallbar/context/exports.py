"""The columns of the context lists' Excel and CSV exports (``?export=xlsx|csv``, see hallbar.imports.exports).

Each column reads only what the list's query fetches (the responsible unit; a scope version's units
are prefetched for its export), so an export takes the same few queries whatever the number of rows.
"""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn


def _unit(obj):
    return obj.responsible_unit.name if obj.responsible_unit else gettext_lazy("The whole organisation")


PARTY_COLUMNS = [
    ExportColumn(gettext_lazy("name"), "name", width=36),
    ExportColumn(gettext_lazy("category"), "get_category_display", width=24),
    ExportColumn(gettext_lazy("relevance"), "get_relevance_display", width=10),
    ExportColumn(gettext_lazy("needs and expectations"), "needs", width=60),
    ExportColumn(gettext_lazy("becomes a compliance obligation"), "is_compliance_obligation", width=12),
    ExportColumn(gettext_lazy("which needs become obligations"), "obligation_note", width=50),
    ExportColumn(gettext_lazy("responsible unit"), _unit, width=28),
    ExportColumn(gettext_lazy("last reviewed"), "last_reviewed_on", "date", 12),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]

SCAN_COLUMNS = [
    ExportColumn(gettext_lazy("title"), "title", width=40),
    ExportColumn(gettext_lazy("PESTLE category"), "get_category_display", width=16),
    ExportColumn(gettext_lazy("trend"), "get_trend_display", width=12),
    ExportColumn(gettext_lazy("expected impact"), "get_impact_display", width=16),
    ExportColumn(gettext_lazy("size of the impact"), "get_impact_size_display", width=10),
    ExportColumn(gettext_lazy("time horizon"), "get_time_horizon_display", width=24),
    ExportColumn(gettext_lazy("description"), "description", width=60),
    ExportColumn(gettext_lazy("source"), "source", width=30),
    ExportColumn(gettext_lazy("source address"), "source_url", width=30),
    ExportColumn(gettext_lazy("date noted"), "noted_on", "date", 12),
    ExportColumn(gettext_lazy("status"), "get_status_display", width=10),
    ExportColumn(gettext_lazy("responsible unit"), _unit, width=28),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]

SCOPE_COLUMNS = [
    ExportColumn(gettext_lazy("version"), "version", "number", 8),
    ExportColumn(gettext_lazy("status"), "state_label", width=14),
    ExportColumn(gettext_lazy("valid from"), "valid_from", "date", 12),
    ExportColumn(gettext_lazy("approved by"), "approved_by", width=28),
    ExportColumn(gettext_lazy("approved on"), "approved_on", "date", 12),
    ExportColumn(gettext_lazy("scope"), "text", width=60),
    ExportColumn(gettext_lazy("boundaries"), "boundaries", width=50),
    ExportColumn(gettext_lazy("units included"), lambda s: ", ".join(unit.name for unit in s.units.all()), width=40),
    ExportColumn(gettext_lazy("exclusions and their justification"), "exclusions", width=50),
]
