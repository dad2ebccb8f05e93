"""Read models for the action pages, the dashboard, reporting rounds and the stale-action reminders.

Every function here takes a fixed number of queries whatever the number of actions (one more per
kind of reason when reasons are shown). Lists that show "stale" and "overdue" get those flags from
:func:`flag`, computed in Python with the same rules the database filters use (:mod:`.rules`).

Used by other apps: ``status_counts_by_unit`` (dashboard chart), ``stale_actions``,
``progress_between`` and ``latest_updates`` (reporting rounds), ``actions_for`` (any app whose objects
are reasons for actions: risks, nonconformities, audits …).
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from hallbar.organisations.models import OrganisationUnit

from . import rules
from .models import Action, ActionPlan, FollowUpSettings, ProgressUpdate
from .rules import Status

LIST_RELATED = ("responsible_unit", "contact_person", "action_plan")


def follow_up_settings(organisation) -> FollowUpSettings:
    """The organisation's saved settings, or unsaved defaults (also when there is no organisation)."""
    if organisation is None:
        return FollowUpSettings()
    saved = FollowUpSettings.objects.filter(organisation=organisation).first()
    return saved or FollowUpSettings(organisation_id=organisation.pk)


def listed(actions: models.QuerySet) -> models.QuerySet:
    """What an action list row shows: unit, contact person, action plan and the reason (prefetched)."""
    return actions.select_related(*LIST_RELATED).prefetch_related("reason")


def flag(actions: Iterable[Action], settings: FollowUpSettings, now: datetime | None = None) -> list[Action]:
    """Set ``days_without_update``, ``is_stale`` and ``is_overdue`` on each action (no queries)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    actions = list(actions)
    for action in actions:
        action.days_without_update = rules.days_without_update(action, now)
        action.is_stale = rules.is_stale(action, settings.stale_after_days, now)
        action.is_overdue = rules.is_overdue(action, today)
    return actions


def action_list(
    scope,
    *,
    status: str | None = None,
    action_plan: ActionPlan | None = None,
    without_action_plan: bool = False,
    stale: bool = False,
    overdue: bool = False,
    now: datetime | None = None,
) -> models.QuerySet:
    """The actions of the scope, narrowed to the focused unit's subtree and the given filters."""
    now = now or timezone.now()
    actions = scope.in_focus(scope.filter(Action.objects.all()))
    if status:
        actions = actions.filter(status=status)
    if action_plan is not None:
        actions = actions.filter(action_plan=action_plan)
    elif without_action_plan:
        actions = actions.filter(action_plan__isnull=True)
    if stale:
        actions = actions.stale(follow_up_settings(scope.organisation).stale_after_days, now)
    if overdue:
        actions = actions.overdue(timezone.localdate(now))
    return listed(actions)


def my_actions(scope, now: datetime | None = None) -> list[Action]:
    """Actions (from every action plan and every reason) whose contact person is the scope's user,
    open ones first, flagged."""
    actions = listed(scope.filter(Action.objects.filter(contact_person=scope.user)))
    if scope.organisation is not None:
        actions = actions.filter(organisation=scope.organisation)
    rows = flag(actions, follow_up_settings(scope.organisation), now)
    return sorted(rows, key=lambda action: not rules.is_open(action.status))


def actions_for(obj: models.Model, scope=None) -> models.QuerySet:
    """The actions that name ``obj`` as their reason (within ``scope`` when given)."""
    actions = listed(Action.objects.for_reason(obj))
    return scope.filter(actions) if scope is not None else actions


def stale_actions(organisation, now: datetime | None = None) -> models.QuerySet:
    """The organisation's stale actions (see :mod:`.rules`), oldest activity first.

    A queryset, so callers can narrow or count it; pass it through :func:`flag` for the day counts.
    """
    settings = follow_up_settings(organisation)
    actions = Action.objects.filter(organisation=organisation).stale(settings.stale_after_days, now)
    return actions.select_related(*LIST_RELATED).order_by(rules.last_activity_expression(), "pk")


def stale_actions_to_remind(organisation, now: datetime | None = None) -> dict:
    """Stale actions whose contact person (active) has not been reminded within the interval, by person."""
    now = now or timezone.now()
    settings = follow_up_settings(organisation)
    not_lately = Q(stale_reminded_at__isnull=True) | Q(
        stale_reminded_at__lte=rules.stale_cutoff(settings.stale_reminder_interval_days, now)
    )
    actions = stale_actions(organisation, now).filter(
        not_lately,
        contact_person__is_active=True,
        contact_person__memberships__organisation=organisation,
        contact_person__memberships__is_active=True,
    )
    by_person: dict = {}
    for action in flag(actions.distinct(), settings, now):
        by_person.setdefault(action.contact_person, []).append(action)
    return by_person


def status_counts_by_unit(scope, now: datetime | None = None) -> list[dict]:
    """Per responsible unit (``None``: the whole organisation): how many actions have each status, and
    how many are overdue and stale. Two queries; rows in the unit tree's order.

    Each row: ``{"unit": OrganisationUnit | None, "counts": {status: n, …}, "total", "overdue", "stale"}``.
    Counts are for the unit itself, not its subtree (add up rows by ``unit.path`` for that).
    """
    now = now or timezone.now()
    settings = follow_up_settings(scope.organisation)
    counts = {status: Count("pk", filter=Q(status=status)) for status in Status.values}
    rows = (
        scope.in_focus(scope.filter(Action.objects.all()))
        .values("responsible_unit")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=rules.overdue_q(timezone.localdate(now))),
            stale=Count("pk", filter=rules.stale_q(settings.stale_after_days, now)),
            **counts,
        )
    )
    rows = list(rows)
    units = OrganisationUnit.objects.in_bulk([row["responsible_unit"] for row in rows if row["responsible_unit"]])
    result = [
        {
            "unit": units.get(row["responsible_unit"]),
            "counts": {status: row[status] for status in Status.values},
            "total": row["total"],
            "overdue": row["overdue"],
            "stale": row["stale"],
        }
        for row in rows
    ]
    return sorted(result, key=lambda row: row["unit"].path if row["unit"] else "")


def timeline(action: Action) -> models.QuerySet:
    return ProgressUpdate.objects.filter(action=action).select_related("author")


def progress_between(scope, start: date, end: date) -> models.QuerySet:
    """Progress updates dated from ``start`` to ``end`` (inclusive) on the scope's actions, newest first."""
    updates = scope.filter(ProgressUpdate.objects.filter(date__gte=start, date__lte=end))
    return updates.select_related("author", "action__responsible_unit")


def latest_updates(actions: Iterable[Action]) -> dict[int, ProgressUpdate]:
    """The newest progress update of each action, by action id (one query)."""
    ids = [action.pk for action in actions]
    newest = ProgressUpdate.objects.filter(action=OuterRef("action")).order_by("-date", "-created_at", "-pk")
    updates = ProgressUpdate.objects.filter(action_id__in=ids, pk=Subquery(newest.values("pk")[:1]))
    return {update.action_id: update for update in updates.select_related("author")}
