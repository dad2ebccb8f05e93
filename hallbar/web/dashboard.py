"""The start page's follow-up sections, assembled from the domain apps' read models.

Each section reads in a fixed number of queries; the dashboard adds them up (see the query-count test).
"""

from django.utils.translation import gettext as _

from hallbar.actions.models import Action
from hallbar.actions.queries import status_counts_by_unit
from hallbar.plans.queries import plans_overview
from hallbar.reporting import queries as reporting

from .charts import BarChart, Series


def action_status_chart(rows: list[dict]) -> BarChart | None:
    """Actions per responsible unit, stacked by status (rows from ``status_counts_by_unit``)."""
    if not rows:
        return None
    return BarChart(
        title=_("Actions by responsible unit and status"),
        unit=_("actions"),
        categories=[row["unit"].name if row["unit"] else _("The whole organisation") for row in rows],
        series=[
            Series(str(label), [row["counts"][status] for row in rows])
            for status, label in Action.Status.choices
            if any(row["counts"][status] for row in rows)
        ],
        horizontal=True,
        decimals=0,
        category_title=_("Unit"),
    )


def latest_round(scope) -> dict | None:
    """The most recent reporting round with who has reported and what changed since the one before."""
    round_ = reporting.round_list(scope).first()
    if round_ is None:
        return None
    previous, changes = reporting.changes_since_previous(round_)
    return {"round": round_, "previous": previous, "changes": changes[:10], "change_count": len(changes)}


def follow_up(scope) -> dict:
    unit_rows = status_counts_by_unit(scope)
    return {
        "plans": plans_overview(scope),
        "action_chart": action_status_chart(unit_rows),
        "action_totals": {
            "total": sum(row["total"] for row in unit_rows),
            "overdue": sum(row["overdue"] for row in unit_rows),
            "stale": sum(row["stale"] for row in unit_rows),
        },
        "latest_round": latest_round(scope),
    }
