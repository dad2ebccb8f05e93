"""The columns of the risk register's Excel and CSV export (``?export=xlsx|csv``, see hallbar.imports.exports).

They read only what :func:`hallbar.risks.queries.listed` fetches (unit, owner, action counts) and
the flag set by :func:`hallbar.risks.queries.flag`, so an export takes the same few queries whatever
the number of risks.
"""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn


def _unit(risk):
    return risk.responsible_unit.name if risk.responsible_unit else gettext_lazy("The whole organisation")


RISK_COLUMNS = [
    ExportColumn(gettext_lazy("title"), "title", width=40),
    ExportColumn(gettext_lazy("kind"), "get_kind_display", width=12),
    ExportColumn(gettext_lazy("category"), "get_category_display", width=16),
    ExportColumn(gettext_lazy("status"), "get_status_display", width=12),
    ExportColumn(gettext_lazy("responsible unit"), _unit, width=28),
    ExportColumn(gettext_lazy("owner"), "owner.email", width=30),
    ExportColumn(gettext_lazy("likelihood"), "inherent_likelihood", "number", 10),
    ExportColumn(gettext_lazy("consequence"), "inherent_consequence", "number", 10),
    ExportColumn(gettext_lazy("score"), "inherent_score", "number", 8),
    ExportColumn(gettext_lazy("level"), "get_inherent_level_display", width=12),
    ExportColumn(gettext_lazy("treatment strategy"), "get_treatment_strategy_display", width=16),
    ExportColumn(gettext_lazy("residual likelihood"), "residual_likelihood", "number", 10),
    ExportColumn(gettext_lazy("residual consequence"), "residual_consequence", "number", 10),
    ExportColumn(gettext_lazy("residual score"), "residual_score", "number", 8),
    ExportColumn(gettext_lazy("residual level"), "get_residual_level_display", width=12),
    ExportColumn(gettext_lazy("next review"), "review_date", "date", 12),
    ExportColumn(gettext_lazy("due for review"), "review_overdue", width=10),
    ExportColumn(gettext_lazy("actions"), "action_count", "number", 8),
    ExportColumn(gettext_lazy("open actions"), "open_action_count", "number", 8),
    ExportColumn(gettext_lazy("description"), "description", width=50),
    ExportColumn(gettext_lazy("cause"), "cause", width=40),
    ExportColumn(gettext_lazy("effect"), "effect", width=40),
    ExportColumn(gettext_lazy("owner's name"), "owner.full_name", width=24),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]
