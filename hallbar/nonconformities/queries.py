"""Read models for the nonconformity pages, the API, the include used by other apps and the reminders."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from hallbar.actions import queries as action_queries
from hallbar.actions.models import Action
from hallbar.actions.rules import overdue_q

from .models import Nonconformity, Stage, StageChange

LIST_RELATED = ("responsible_unit", "owner")


def for_source(obj: models.Model) -> models.QuerySet:
    """The nonconformities raised from ``obj`` (an audit finding, a compliance evaluation …), newest first."""
    content_type = ContentType.objects.get_for_model(type(obj))
    return Nonconformity.objects.filter(source_type=content_type, source_id=obj.pk).select_related(*LIST_RELATED)


def _actions_of_nonconformities() -> models.QuerySet:
    return Action.objects.filter(reason_type=ContentType.objects.get_for_model(Nonconformity), reason_id=OuterRef("pk"))


def effectiveness_overdue_q(today: date) -> Q:
    """Open (not verified, not closed) nonconformities whose effectiveness check date has passed."""
    return Q(effectiveness_due__lt=today) & ~Q(stage__in=(Stage.VERIFIED, Stage.CLOSED))


def nonconformity_list(
    scope,
    *,
    stage: str | None = None,
    origin: str | None = None,
    severity: str | None = None,
    unit=None,
    overdue: bool = False,
    today: date | None = None,
) -> models.QuerySet:
    """The scope's nonconformities (in the focused unit's subtree) with the given filters; each row
    carries ``has_overdue_actions`` and ``effectiveness_overdue`` flags."""
    today = today or timezone.localdate()
    rows = scope.in_focus(scope.filter(Nonconformity.objects.all()))
    if stage:
        rows = rows.filter(stage=stage)
    if origin:
        rows = rows.filter(origin=origin)
    if severity:
        rows = rows.filter(severity=severity)
    if unit is not None:
        rows = rows.filter(responsible_unit__path__startswith=unit.path)
    rows = rows.annotate(
        has_overdue_actions=Exists(_actions_of_nonconformities().filter(overdue_q(today))),
        effectiveness_overdue=models.ExpressionWrapper(
            effectiveness_overdue_q(today), output_field=models.BooleanField()
        ),
    )
    if overdue:
        rows = rows.filter(Q(has_overdue_actions=True) | effectiveness_overdue_q(today))
    return rows.select_related(*LIST_RELATED)


def detail(nonconformity: Nonconformity, scope) -> dict:
    """What the detail page shows besides the nonconformity itself."""
    actions = action_queries.flag(
        action_queries.actions_for(nonconformity, scope), action_queries.follow_up_settings(scope.organisation)
    )
    return {
        "actions": actions,
        "whys": list(nonconformity.whys.all()),
        "timeline": timeline(nonconformity),
    }


def timeline(nonconformity: Nonconformity) -> list[StageChange]:
    return list(StageChange.objects.filter(nonconformity=nonconformity).select_related("changed_by"))


def effectiveness_checks_due(organisation, today: date | None = None) -> dict:
    """Open nonconformities whose effectiveness check date has passed, by owner (active members only)."""
    today = today or timezone.localdate()
    rows = (
        Nonconformity.objects.filter(organisation=organisation)
        .filter(effectiveness_overdue_q(today), owner__isnull=False, owner__is_active=True)
        .filter(owner__memberships__organisation=organisation, owner__memberships__is_active=True)
        .select_related("owner", "responsible_unit")
        .distinct()
        .order_by("effectiveness_due", "pk")
    )
    by_owner: dict = {}
    for row in rows:
        by_owner.setdefault(row.owner, []).append(row)
    return by_owner
