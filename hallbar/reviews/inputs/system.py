"""Inputs on the management system itself: actions from previous reviews, context, obligations,
aspects, risks and opportunities."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from hallbar.actions import queries as action_queries
from hallbar.actions import rules as action_rules
from hallbar.actions.models import Action
from hallbar.aspects import rules as aspect_rules
from hallbar.aspects.models import Aspect
from hallbar.context import queries as context_queries
from hallbar.context.models import InterestedParty, ScanItem
from hallbar.obligations import queries as obligation_queries
from hallbar.obligations.models import Evaluation, Obligation
from hallbar.obligations.rules import Result
from hallbar.risks import queries as risk_queries
from hallbar.risks.models import Level, Risk

from .. import queries
from ..models import ManagementReview
from .common import HIGH_LEVELS, OBLIGATION_BOOKKEEPING, Period, _day, _record, _unit

# Actions from previous reviews --------------------------------------------------------------------


def previous_actions(period: Period) -> dict:
    """Actions whose reason is an earlier review of the organisation (held before this one), except
    those closed before the period began (reported at an earlier review)."""
    earlier = ManagementReview.objects.filter(organisation=period.organisation, date__lt=period.review.date)
    if period.review.pk is not None:
        earlier = earlier.exclude(pk=period.review.pk)
    reviews = {review.pk: review for review in earlier.only("pk", "title", "date")}
    closed_before = Q(status__in=action_rules.CLOSED_STATUSES) & (
        Q(end_date__lt=period.start)
        | Q(end_date__isnull=True, last_progress_at__lt=period.since)
        | Q(end_date__isnull=True, last_progress_at__isnull=True, created_at__lt=period.since)
    )
    actions = (
        Action.objects.filter(
            organisation=period.organisation,
            reason_type=ContentType.objects.get_for_model(ManagementReview),
            reason_id__in=list(reviews),
        )
        .exclude(closed_before)
        .select_related("responsible_unit")
        .order_by("end_date", "title", "pk")
    )
    rows = action_queries.flag(actions, action_queries.follow_up_settings(period.organisation), period.now)
    return {
        "counts": {
            "total": len(rows),
            "done": sum(action.status == Action.Status.DONE for action in rows),
            "cancelled": sum(action.status == Action.Status.CANCELLED for action in rows),
            "open": sum(action_rules.is_open(action.status) for action in rows),
            "overdue": sum(action.is_overdue for action in rows),
        },
        "actions": [
            _record(
                action,
                action.title,
                review=reviews[action.reason_id].title,
                status=action.status,
                end_date=_day(action.end_date),
                overdue=action.is_overdue,
                unit=_unit(action.responsible_unit),
            )
            for action in rows
        ],
    }


# Changes in external and internal issues ----------------------------------------------------------


def _changed(period: Period, model, ignore=frozenset()) -> tuple[dict, dict]:
    """The period's changes of ``model`` by id, and the records that still exist (two queries)."""
    changes = queries.changes_in_period(period.organisation, model, period.since, period.until, ignore)
    existing = model.objects.filter(pk__in=list(changes)) if changes else model.objects.none()
    return changes, {obj.pk: obj for obj in existing}


def _change_rows(changes: dict, existing: dict, describe) -> list[dict]:
    rows = []
    for pk, change in sorted(changes.items(), key=lambda item: item[1].at, reverse=True):
        obj = existing.get(pk)
        base = {"change": change.kind, "date": _day(change.at)}
        if obj is None:
            rows.append({"id": pk, "name": change.name, "url": None, **base})
        else:
            rows.append({**describe(obj), **base})
    return rows


def context(period: Period) -> dict:
    scan_changes, scan_items = _changed(period, ScanItem)
    party_changes, parties = _changed(period, InterestedParty)
    summary = context_queries.overview(period.scope)
    current = summary["scope"]["current"]
    return {
        "scan_items": _change_rows(
            scan_changes,
            scan_items,
            lambda item: _record(
                item,
                item.title,
                category=item.category,
                impact=item.impact,
                time_horizon=item.time_horizon,
            ),
        ),
        "parties": _change_rows(
            party_changes,
            parties,
            lambda party: _record(
                party,
                party.name,
                category=party.category,
                relevance=party.relevance,
            ),
        ),
        "totals": {
            "parties": summary["parties"]["total"],
            "high_relevance": summary["parties"]["high"],
            "scan_items": summary["scan"]["total"],
            "scan_negative": summary["scan"]["negative"],
        },
        "scope": None
        if current is None
        else {
            "version": current.version,
            "approved_on": _day(current.approved_on),
            "approved_by": current.approved_by,
            "changed_in_period": period.includes(current.approved_on),
            "url": current.get_absolute_url(),
        },
    }


# Compliance obligations ---------------------------------------------------------------------------


def obligations(period: Period) -> dict:
    changes, existing = _changed(period, Obligation, OBLIGATION_BOOKKEEPING)
    evaluations = list(
        Evaluation.objects.filter(
            obligation__organisation=period.organisation, date__gte=period.start, date__lte=period.end
        )
        .select_related("obligation")
        .order_by("-date", "-pk")
    )
    overview = obligation_queries.overview(period.scope, period.today)
    results = {value: sum(evaluation.result == value for evaluation in evaluations) for value in Result.values}
    return {
        "changed": _change_rows(
            changes,
            existing,
            lambda obligation: _record(
                obligation, obligation.title, reference=obligation.reference, kind=obligation.kind
            ),
        ),
        "evaluations": {"total": len(evaluations), **results},
        "not_met": [
            _record(
                evaluation.obligation,
                evaluation.obligation.title,
                evaluation_url=evaluation.get_absolute_url(),
                date=_day(evaluation.date),
                result=evaluation.result,
                findings=evaluation.findings,
            )
            for evaluation in evaluations
            if evaluation.result != Result.MET
        ],
        "overdue": [
            _record(
                obligation,
                obligation.title,
                reference=obligation.reference,
                next_evaluation_date=_day(obligation.next_evaluation_date),
                unit=_unit(obligation.responsible_unit),
            )
            for obligation in overview["overdue"]
        ],
        "active": overview["totals"]["total"],
    }


# Significant aspects ------------------------------------------------------------------------------


def aspects(period: Period) -> dict:
    significant = list(
        aspect_rules.with_handled(period.scope.filter(Aspect.objects.filter(is_significant=True)))
        .select_related("activity__unit")
        .order_by("activity__name", "name", "pk")
    )
    became = {
        pk: when
        for pk, (before, after, when) in queries.field_changes_in_period(
            period.organisation, Aspect, "is_significant", period.since, period.until
        ).items()
        if after is True and before is not True
    }
    total = period.scope.filter(Aspect.objects.all()).count()

    def row(aspect: Aspect) -> dict:
        return _record(
            aspect,
            aspect.name,
            activity=aspect.activity.name,
            unit=_unit(aspect.activity.unit),
            impact=aspect.impact,
            influence=aspect.influence,
            handled=aspect.is_handled,
            became_significant=_day(became.get(aspect.pk)),
        )

    rows = [row(aspect) for aspect in significant]
    return {
        "counts": {
            "total": total,
            "significant": len(rows),
            "became_significant": sum(bool(row["became_significant"]) for row in rows),
            "unhandled": sum(not row["handled"] for row in rows),
        },
        "significant": rows,
    }


# Risks and opportunities --------------------------------------------------------------------------


def _risk_row(risk: Risk) -> dict:
    return _record(
        risk,
        risk.title,
        kind=risk.kind,
        level=risk.inherent_level,
        residual_level=risk.residual_level,
        status=risk.status,
        strategy=risk.treatment_strategy,
        open_actions=risk.open_action_count,
    )


def _current_level_q(levels) -> Q:
    """Risks whose current level — the residual one when assessed, else the inherent one — is in ``levels``."""
    return Q(residual_level__in=levels) | Q(residual_level__isnull=True, inherent_level__in=levels)


def risks(period: Period) -> dict:
    """Risks whose current level (the residual one when assessed) is high or very high, and the
    risks and opportunities added or changed during the period."""
    live = risk_queries.risk_list(period.scope, risk_queries.RiskFilters(status=risk_queries.NOT_CLOSED))
    high = _current_level_q(HIGH_LEVELS)
    in_period = Q(created_at__gte=period.since, created_at__lt=period.until) | Q(
        updated_at__gte=period.since, updated_at__lt=period.until
    )
    changed = risk_queries.risk_list(period.scope).filter(in_period).order_by("-updated_at", "pk")
    return {
        "levels": live.order_by().aggregate(
            **{level: Count("pk", filter=_current_level_q((level,))) for level in Level.values}
        ),
        "high": [_risk_row(risk) for risk in live.filter(kind=Risk.Kind.RISK).filter(high).order_by("title", "pk")],
        "changed": [
            {**_risk_row(risk), "change": queries.ADDED if risk.created_at >= period.since else queries.CHANGED}
            for risk in changed
        ],
    }
