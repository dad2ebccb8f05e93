"""The "state of sustainability" summary for politicians: one page per organisation, read only through
the other apps' read models (no data of its own).

Sections: goals off track (``plans.queries.plans_overview``: adopted plans, target status from
``indicators.queries.assess_targets``), actions delayed or overdue (``actions.rules``), the territorial
emissions by sector and the carbon-budget status (``climate.status``), the consumption footprint's
hotspots (``consumption.queries.footprint``), open audit findings and open nonconformities, and
**what changed in the last ``CHANGE_DAYS`` days by the change history** (``reviews.queries``'s
history reads). The last 90 days rather than "since the previous reporting round": every organisation
has a change history, not every one has approved rounds, and politicians meet at roughly that rhythm.

A fixed number of queries whatever the size of the organisation (asserted in the tests).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone

from hallbar.actions import rules as action_rules
from hallbar.actions.models import Action
from hallbar.audits.models import Finding
from hallbar.audits.queries import nonconformities_by_finding
from hallbar.climate import queries as climate_queries
from hallbar.climate import status as climate_status
from hallbar.consumption import queries as consumption_queries
from hallbar.history.models import ChangeRecord
from hallbar.indicators.calculations import Status as TargetStatus
from hallbar.nonconformities.models import Nonconformity, Stage
from hallbar.plans.models import Goal, Plan, Target
from hallbar.plans.queries import plans_overview
from hallbar.reviews.queries import field_changes_in_period

CHANGE_DAYS = 90
PLANS = 100  # adopted plans read (an organisation has a handful)
LIMIT = 10  # rows per list on the page; counts are always complete
SECTORS = 5
HOTSPOTS = 5
CHANGE_MODELS = (Plan, Goal, Target, Action, Nonconformity, Finding)


@dataclass
class Summary:
    organisation: object
    today: date
    since: datetime
    off_track: list = field(default_factory=list)  # goals with a target off track (.off_track, .at_risk, .plan)
    off_track_goal_count: int = 0
    goal_count: int = 0
    off_track_count: int = 0  # targets
    at_risk_count: int = 0
    target_count: int = 0
    late_actions: list = field(default_factory=list)
    late_action_count: int = 0
    open_action_count: int = 0
    emissions: object = None  # climate_status.History or None
    sectors: list = field(default_factory=list)  # (label, tonnes) of the latest year, largest first
    emission_year: int | None = None
    emission_total: float | None = None
    budget: object = None  # climate_status.Status or None
    hotspots: list = field(default_factory=list)
    footprint_year: int | None = None
    footprint_tonnes: float | None = None
    open_findings: list = field(default_factory=list)
    open_nonconformities: list = field(default_factory=list)
    open_nonconformity_count: int = 0
    changes: list = field(default_factory=list)  # (model verbose name plural, added, changed, deleted)
    completed_actions: int = 0
    closed_nonconformities: int = 0


def build(scope, organisation, today: date | None = None, now: datetime | None = None) -> Summary:
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    summary = Summary(organisation=organisation, today=today, since=now - timedelta(days=CHANGE_DAYS))
    _goals(summary, scope)
    _actions(summary, scope, today)
    _climate(summary, organisation, today)
    _consumption(summary, scope)
    _audits(summary, scope)
    _changes(summary, organisation, now)
    return summary


def _goals(summary: Summary, scope) -> None:
    """Goals with at least one target off track, from ``plans_overview`` (its five queries, no more)."""
    counts: Counter = Counter()
    for entry in plans_overview(scope, limit=PLANS):
        goals = [goal for area in entry["focus_areas"] for goal in area["goals"]] + entry["unplaced_goals"]
        for goal in goals:
            goal.plan = entry["plan"]
            by_status = dict(goal.status_counts)
            goal.off_track = by_status.get(TargetStatus.OFF_TRACK, 0)
            goal.at_risk = by_status.get(TargetStatus.AT_RISK, 0)
            counts.update(by_status)
            summary.goal_count += 1
            summary.target_count += goal.target_count
            if goal.off_track:
                summary.off_track.append(goal)
    summary.off_track.sort(key=lambda goal: (-goal.off_track, -goal.at_risk, goal.title))
    summary.off_track_goal_count = len(summary.off_track)
    summary.off_track = summary.off_track[:LIMIT]
    summary.off_track_count = counts[TargetStatus.OFF_TRACK]
    summary.at_risk_count = counts[TargetStatus.AT_RISK]


def _actions(summary: Summary, scope, today: date) -> None:
    actions = scope.in_focus(scope.filter(Action.objects.all()))
    late = actions.filter(action_rules.overdue_q(today) | Q(status=action_rules.Status.DELAYED))
    summary.late_action_count = late.count()
    summary.open_action_count = actions.filter(status__in=action_rules.OPEN_STATUSES).count()
    summary.late_actions = list(late.select_related("responsible_unit").order_by("end_date", "pk")[:LIMIT])
    for action in summary.late_actions:
        action.is_overdue = action_rules.is_overdue(action, today)


def _climate(summary: Summary, organisation, today: date) -> None:
    area = climate_status.area_for(organisation)
    if area is None:
        return
    history = climate_status.history(area)
    if history is not None:
        summary.emissions = history
        latest = next((i for i in range(len(history.years) - 1, -1, -1) if history.total[i] is not None), None)
        if latest is not None:
            summary.emission_year = history.years[latest]
            summary.emission_total = history.total[latest]
            sectors = [(label, values[latest]) for label, values in history.by_sector if values[latest] is not None]
            summary.sectors = sorted(sectors, key=lambda row: -row[1])[:SECTORS]
    method = climate_queries.method_for(organisation)
    found = climate_status.areas(method, area, today.year, climate_status.municipalities())
    if found is not None:
        summary.budget = climate_status.status(found)


def _consumption(summary: Summary, scope) -> None:
    years = consumption_queries.years(scope)
    if not years:
        return
    year = max(years)
    footprint = consumption_queries.footprint(scope, consumption_queries.Filters(year=year))
    summary.footprint_year = year
    summary.footprint_tonnes = footprint.tonnes
    summary.hotspots = footprint.hotspots[:HOTSPOTS]


def _audits(summary: Summary, scope) -> None:
    findings = list(
        scope.in_focus(scope.filter(Finding.objects.filter(kind__in=Finding.NONCONFORMING)))
        .select_related("audit", "clause")
        .order_by("-audit__planned_start", "pk")
    )
    raised = nonconformities_by_finding(findings)
    summary.open_findings = [
        finding
        for finding in findings
        if not raised.get(finding.pk) or any(nc.stage != Stage.CLOSED for nc in raised[finding.pk])
    ]
    open_ncs = scope.in_focus(scope.filter(Nonconformity.objects.exclude(stage=Stage.CLOSED)))
    summary.open_nonconformity_count = open_ncs.count()
    summary.open_nonconformities = list(open_ncs.order_by("-year", "-number")[:LIMIT])


def _changes(summary: Summary, organisation, now: datetime) -> None:
    types = ContentType.objects.get_for_models(*CHANGE_MODELS)
    rows = (
        ChangeRecord.objects.filter(
            organisation=organisation, created_at__gte=summary.since, content_type__in=types.values()
        )
        .values("content_type_id", "action")
        .annotate(n=Count("pk"))
    )
    counts = {(row["content_type_id"], row["action"]): row["n"] for row in rows}
    Act = ChangeRecord.Action
    for model in CHANGE_MODELS:
        type_id = types[model].pk
        added, changed, deleted = (counts.get((type_id, action), 0) for action in (Act.CREATE, Act.UPDATE, Act.DELETE))
        if added or changed or deleted:
            summary.changes.append((model._meta.verbose_name_plural, added, changed, deleted))
    status_changes = field_changes_in_period(organisation, Action, "status", summary.since, now)
    summary.completed_actions = sum(
        1 for _b, after, _at in status_changes.values() if after == action_rules.Status.DONE
    )
    stage_changes = field_changes_in_period(organisation, Nonconformity, "stage", summary.since, now)
    summary.closed_nonconformities = sum(1 for _b, after, _at in stage_changes.values() if after == Stage.CLOSED)
