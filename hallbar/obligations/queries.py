"""Read models for the obligation pages, the API and the overdue-evaluation reminders.

Every function here takes a fixed number of queries whatever the number of obligations. Lists that
show "overdue" get the flag from :func:`flag`, computed with the same rule the database filter uses
(:mod:`.rules`).
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from hallbar.organisations.models import OrganisationUnit

from . import rules
from .models import Evaluation, Obligation
from .rules import Result

LIST_RELATED = ("responsible_unit", "responsible_person", "interested_party")
NOT_EVALUATED = "none"  # the "last result" filter's value for obligations never evaluated


def listed(obligations: models.QuerySet) -> models.QuerySet:
    """What a register row and its export show: responsible unit and person, interested party, and
    the units and aspects it applies to."""
    return obligations.select_related(*LIST_RELATED).prefetch_related("applies_to_units", "aspects")


def flag(obligations: Iterable[Obligation], today: date | None = None) -> list[Obligation]:
    """Set ``is_overdue`` on each obligation (no queries)."""
    today = today or timezone.localdate()
    obligations = list(obligations)
    for obligation in obligations:
        obligation.is_overdue = rules.is_overdue(obligation, today)
    return obligations


def register(
    scope,
    *,
    kind: str | None = None,
    unit: OrganisationUnit | None = None,
    last_result: str | None = None,
    overdue: bool = False,
    status: str | None = None,
    today: date | None = None,
) -> models.QuerySet:
    """The scope's obligations, narrowed to the focused unit's subtree and the given filters.

    ``unit``: obligations that unit (or a unit below it) is responsible for or that apply to it.
    ``last_result``: a :class:`Result` value, or :data:`NOT_EVALUATED`.
    """
    obligations = scope.in_focus(scope.filter(Obligation.objects.all()))
    if kind:
        obligations = obligations.filter(kind=kind)
    if status:
        obligations = obligations.filter(status=status)
    if last_result == NOT_EVALUATED:
        obligations = obligations.filter(last_result="")
    elif last_result:
        obligations = obligations.filter(last_result=last_result)
    if overdue:
        obligations = obligations.filter(rules.overdue_q(today or timezone.localdate()))
    if unit is not None:
        applying = Obligation.applies_to_units.through.objects.filter(organisationunit__path__startswith=unit.path)
        obligations = obligations.filter(
            Q(responsible_unit__path__startswith=unit.path) | Q(pk__in=applying.values("obligation_id"))
        )
    return listed(obligations)


def evaluations_of(obligation: Obligation) -> models.QuerySet:
    """The evaluation history of an obligation, newest first."""
    return Evaluation.objects.filter(obligation=obligation).select_related("evaluator")


def overview(scope, today: date | None = None) -> dict:
    """The compliance overview of the scope's active obligations (two queries).

    ``rows``: per responsible unit (``None``: the whole organisation), in the unit tree's order, the
    counts by last result (``counts``: met, partly, not_met, none), ``total`` and ``overdue``.
    ``totals``: the same summed. ``overdue``: the overdue obligations, longest overdue first.
    """
    today = today or timezone.localdate()
    active = scope.in_focus(scope.filter(Obligation.objects.filter(status=rules.Status.ACTIVE)))
    results = {value: Count("pk", filter=Q(last_result=value)) for value in Result.values}
    rows = list(
        active.values("responsible_unit").annotate(
            total=Count("pk"),
            overdue_count=Count("pk", filter=rules.overdue_q(today)),
            not_evaluated=Count("pk", filter=Q(last_result="")),
            **results,
        )
    )
    units = OrganisationUnit.objects.in_bulk([row["responsible_unit"] for row in rows if row["responsible_unit"]])
    keys = [*Result.values, NOT_EVALUATED]
    table = []
    for row in rows:
        counts = {value: row[value] for value in Result.values} | {NOT_EVALUATED: row["not_evaluated"]}
        table.append(
            {
                "unit": units.get(row["responsible_unit"]),
                "counts": [counts[key] for key in keys],
                "total": row["total"],
                "overdue": row["overdue_count"],
            }
        )
    table.sort(key=lambda row: row["unit"].path if row["unit"] else "")
    totals = {
        "counts": [sum(row["counts"][index] for row in table) for index in range(len(keys))],
        "total": sum(row["total"] for row in table),
        "overdue": sum(row["overdue"] for row in table),
    }
    overdue = listed(active.filter(rules.overdue_q(today))).order_by("next_evaluation_date", "title", "pk")
    return {"rows": table, "totals": totals, "overdue": flag(overdue, today)}


def overdue_to_remind(organisation, now: datetime | None = None) -> dict:
    """Overdue obligations whose responsible person (active, a member) has not been reminded about
    them within ``rules.REMINDER_INTERVAL_DAYS``, by person."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    not_lately = Q(overdue_reminded_at__isnull=True) | Q(
        overdue_reminded_at__lte=now - timedelta(days=rules.REMINDER_INTERVAL_DAYS)
    )
    members = organisation.memberships.filter(is_active=True).values("user_id")
    obligations = (
        Obligation.objects.filter(organisation=organisation)
        .filter(rules.overdue_q(today), not_lately, responsible_person__is_active=True)
        .filter(responsible_person__in=members)
        .select_related(*LIST_RELATED)
        .order_by("next_evaluation_date", "title", "pk")
    )
    by_person: dict = {}
    for obligation in flag(obligations, today):
        by_person.setdefault(obligation.responsible_person, []).append(obligation)
    return by_person
