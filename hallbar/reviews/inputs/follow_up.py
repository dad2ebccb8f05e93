"""Inputs on the strategic follow-up: goals and targets, indicators, actions from plans."""

from django.db.models import Count, Q

from hallbar.actions import queries as action_queries
from hallbar.actions import rules as action_rules
from hallbar.actions.models import Action, ActionPlan
from hallbar.indicators.models import Indicator
from hallbar.indicators.queries import assess_targets, organisation_series
from hallbar.plans.models import Plan, Target

from .. import calculations
from .common import Period, _day, _record, _unit

# Goals and targets --------------------------------------------------------------------------------


def goals(period: Period) -> dict:
    """The targets of the organisation's adopted plans with their status (computed from the indicator)."""
    plans = list(
        period.scope.filter(Plan.objects.filter(status=Plan.Status.ADOPTED)).order_by("-valid_from_year", "title")
    )
    targets = list(
        Target.objects.filter(goal__plan__in=plans)
        .select_related("goal")
        .order_by("goal__plan__title", "goal__order", "goal__pk", "order", "pk")
    )
    assessments = assess_targets(targets)
    status_of = {pk: assessment.status.value for pk, assessment in assessments.items()}
    rows = [
        _record(
            target,
            target.title,
            plan_id=target.goal.plan_id,
            goal=target.goal.title,
            goal_url=target.goal.get_absolute_url(),
            target_value=float(target.target_value),
            target_year=target.target_year,
            measure_unit=target.unit,
            status=status_of.get(target.pk),
            projected=assessments[target.pk].projected if target.pk in assessments else None,
        )
        for target in targets
    ]
    counts: dict[str, int] = {}
    for row in rows:
        key = row["status"] or "no_indicator"
        counts[key] = counts.get(key, 0) + 1
    return {
        "plans": [_record(plan, plan.title, valid=f"{plan.valid_from_year}–{plan.valid_to_year}") for plan in plans],
        "targets": rows,
        "counts": counts,
    }


# Indicators ---------------------------------------------------------------------------------------


def indicators(period: Period) -> dict:
    """The latest whole-organisation value of each indicator and how it moved since the value before."""
    items = list(period.scope.filter(Indicator.objects.all()).order_by("title", "pk"))
    series = organisation_series(indicator.pk for indicator in items)
    rows = []
    for indicator in items:
        years = sorted((year, value) for year, value in series.get(indicator.pk, {}).items() if value is not None)
        latest = years[-1] if years else (None, None)
        previous = years[-2] if len(years) > 1 else (None, None)
        rows.append(
            _record(
                indicator,
                indicator.title,
                measure_unit=indicator.unit,
                latest_year=latest[0],
                latest=latest[1],
                previous_year=previous[0],
                previous=previous[1],
                movement=calculations.movement(latest[1], previous[1], indicator.direction),
            )
        )
    return {"indicators": rows}


# Actions from plans -------------------------------------------------------------------------------


def plan_actions(period: Period) -> dict:
    """The actions of action plans: counts by status per action plan, and those overdue or stale."""
    settings = action_queries.follow_up_settings(period.organisation)
    overdue = action_rules.overdue_q(period.today)
    stale = action_rules.stale_q(settings.stale_after_days, period.now)
    actions = period.scope.filter(Action.objects.filter(action_plan__isnull=False))
    statuses = {status: Count("pk", filter=Q(status=status)) for status in Action.Status.values}
    counted = (
        actions.order_by()
        .values("action_plan")
        .annotate(total=Count("pk"), overdue=Count("pk", filter=overdue), stale=Count("pk", filter=stale), **statuses)
    )
    by_plan = {row["action_plan"]: row for row in counted}
    plans = ActionPlan.objects.filter(pk__in=list(by_plan)).order_by("-valid_from_year", "title", "pk")
    attention = action_queries.flag(
        actions.filter(overdue | stale).select_related("action_plan", "responsible_unit").order_by("end_date", "pk"),
        settings,
        period.now,
    )
    return {
        "stale_after_days": settings.stale_after_days,
        "plans": [
            _record(
                plan,
                plan.title,
                total=by_plan[plan.pk]["total"],
                overdue=by_plan[plan.pk]["overdue"],
                stale=by_plan[plan.pk]["stale"],
                statuses={status: by_plan[plan.pk][status] for status in Action.Status.values},
            )
            for plan in plans
        ],
        "attention": [
            _record(
                action,
                action.title,
                plan=action.action_plan.title,
                status=action.status,
                end_date=_day(action.end_date),
                overdue=action.is_overdue,
                stale=action.is_stale,
                days_without_update=action.days_without_update,
                unit=_unit(action.responsible_unit),
            )
            for action in attention
        ],
    }
