"""Read models for reporting rounds: who has reported, what a unit reports, what changed.

A unit reports on the actions and on the whole-organisation values of the indicators that it, or a
unit below it, is responsible for, for the period the round asks each indicator for
(:meth:`ReportingRound.period_for`, read by ``indicators.queries.period_values``).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from hallbar.actions.models import Action
from hallbar.actions.queries import latest_updates
from hallbar.core.numbers import measure
from hallbar.indicators.models import Indicator
from hallbar.indicators.queries import PeriodValue, period_values

from .models import ReportingRound, UnitReport


@dataclass
class ReportContent:
    actions: list[Action] = field(default_factory=list)
    indicators: list[PeriodValue] = field(default_factory=list)


def report_content(report: UnitReport) -> ReportContent:
    """The live actions and indicator values a unit reports on (a fixed number of queries)."""
    round_ = report.round
    actions = list(
        Action.objects.filter(responsible_unit__path__startswith=report.unit.path)
        .exclude(status=Action.Status.CANCELLED)
        .select_related("contact_person", "action_plan", "responsible_unit")
        .order_by("action_plan__title", "title", "pk")
    )
    updates = latest_updates(actions)
    for action in actions:
        action.latest_update = updates.get(action.pk)
    indicators = Indicator.objects.filter(responsible_unit__path__startswith=report.unit.path).order_by("title", "pk")
    lines = [line for line in period_values(indicators, round_.covers) if line.period is not None]
    return ReportContent(actions=actions, indicators=lines)


def snapshot(report: UnitReport) -> dict:
    """What an approved report keeps: plain JSON, independent of later changes to the live data."""
    content = report_content(report)
    return {
        "summary": report.summary,
        "actions": [
            {
                "id": action.pk,
                "title": action.title,
                "status": action.status,
                "status_label": str(action.get_status_display()),
                "percent_complete": action.percent_complete,
                "latest_update": action.latest_update.text if action.latest_update else "",
                "latest_update_date": action.latest_update.date.isoformat() if action.latest_update else None,
            }
            for action in content.actions
        ],
        "indicators": [
            {
                "id": line.indicator.pk,
                "title": line.indicator.title,
                "unit": line.indicator.unit,
                "period": line.period_label,
                "value": line.value.value if line.value else None,
                "value_women": line.value.value_women if line.value else None,
                "value_men": line.value.value_men if line.value else None,
                "status": line.value.status if line.value else None,
                "comment": line.value.comment if line.value else "",
            }
            for line in content.indicators
        ],
    }


def round_overview(round_: ReportingRound) -> dict:
    """Each unit's report with its status, and how many reports are in each status."""
    reports = list(round_.reports.select_related("unit", "submitted_by", "reviewed_by").order_by("unit__path"))
    counts = Counter(report.status for report in reports)
    done = counts[UnitReport.Status.SUBMITTED] + counts[UnitReport.Status.APPROVED]
    return {
        "reports": reports,
        "counts": [(status, label, counts[status]) for status, label in UnitReport.Status.choices],
        "reported": done,
        "missing": [report for report in reports if report.status not in {"submitted", "approved"}],
        "total": len(reports),
    }


def round_list(scope):
    """Rounds of the active organisation with their number of reports in and in total."""
    return (
        scope.filter(ReportingRound.objects.all())
        .annotate(
            report_count=Count("reports"),
            reported_count=Count("reports", filter=Q(reports__status__in=["submitted", "approved"])),
            approved_count=Count("reports", filter=Q(reports__status="approved")),
        )
        .order_by("-deadline", "-pk")
    )


def previous_round(round_: ReportingRound) -> ReportingRound | None:
    return (
        ReportingRound.objects.filter(organisation_id=round_.organisation_id, deadline__lt=round_.deadline)
        .order_by("-deadline", "-pk")
        .first()
    )


@dataclass
class Change:
    """One change between two approved snapshots; the text is formatted only when it is shown."""

    unit: object
    kind: str  # "action" or "indicator"
    title: str
    was: dict | None  # the snapshot item in the previous round (None: new)
    now: dict

    @property
    def before(self) -> str:
        return _reading(self.kind, self.was)

    @property
    def after(self) -> str:
        return _reading(self.kind, self.now)


def snapshot_changes(old: dict | None, new: dict) -> list[dict]:
    """Actions whose status changed (or that are new) and indicator values that changed between two
    snapshots of the same unit, as plain data (kept on the approved report)."""
    old = old or {}
    changes = []
    old_actions = {item["id"]: item for item in old.get("actions", [])}
    for item in new.get("actions", []):
        was = old_actions.get(item["id"])
        if was is None or was["status"] != item["status"]:
            changes.append({"kind": "action", "title": item["title"], "was": _brief(was), "now": _brief(item)})
    old_values = {item["id"]: item for item in old.get("indicators", []) if item["value"] is not None}
    for item in new.get("indicators", []):
        was = old_values.get(item["id"])
        if item["value"] is not None and (
            was is None or (was["period"], was["value"]) != (item["period"], item["value"])
        ):
            changes.append({"kind": "indicator", "title": item["title"], "was": _brief(was), "now": _brief(item)})
    return changes


def _brief(item: dict | None) -> dict | None:
    """What a change shows of a snapshot item (kept small: the dashboard reads every change)."""
    if item is None:
        return None
    keep = ("status_label",) if "status_label" in item else ("value", "unit", "period")
    return {key: item[key] for key in keep}


def previous_snapshot(report: UnitReport) -> dict | None:
    """The unit's approved snapshot in the round before this report's round, if any."""
    previous = previous_round(report.round)
    if previous is None:
        return None
    return (
        previous.reports.filter(unit_id=report.unit_id, status=UnitReport.Status.APPROVED)
        .values_list("snapshot", flat=True)
        .first()
    )


def changes_since_previous(round_: ReportingRound) -> tuple[ReportingRound | None, list[Change]]:
    """What changed, unit by unit, in this round's approved reports since the previous round.

    Each report's changes were worked out when it was approved (``UnitReport.changes``), so this
    reads two small queries whatever the size of the reports.
    """
    previous = previous_round(round_)
    if previous is None:
        return None, []
    reports = (
        round_.reports.filter(status=UnitReport.Status.APPROVED)
        .select_related("unit")
        .only("round_id", "unit__name", "unit__path", "changes")
        .order_by("unit__path")
    )
    return previous, [
        Change(report.unit, change["kind"], change["title"], change["was"], change["now"])
        for report in reports
        for change in report.changes
    ]


def _reading(kind: str, item: dict | None) -> str:
    """An action's status, or "4,2 t (2025)": a value with its unit and period, in the active language."""
    if item is None:
        return ""
    if kind == "action":
        return item["status_label"]
    return f"{measure(item['value'])} {item['unit']} ({item['period']})"
