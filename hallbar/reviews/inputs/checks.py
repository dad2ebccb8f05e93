"""Inputs from the checks: audits, nonconformities, maturity, opportunities for improvement."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from hallbar.actions import rules as action_rules
from hallbar.actions.models import Action
from hallbar.audits.models import Audit, Finding
from hallbar.maturity import queries as maturity_queries
from hallbar.maturity.models import Assessment
from hallbar.nonconformities.models import Nonconformity, Stage, StageChange
from hallbar.nonconformities.queries import effectiveness_overdue_q
from hallbar.risks import queries as risk_queries
from hallbar.risks.models import Risk

from .common import Period, _day, _person, _record, _unit
from .system import _risk_row

# Audits -------------------------------------------------------------------------------------------


def audits(period: Period) -> dict:
    """Audits that started, were reported or were closed during the period, with their findings."""
    when = (
        Q(planned_start__gte=period.start, planned_start__lte=period.end)
        | Q(report_date__gte=period.start, report_date__lte=period.end)
        | Q(closed_on__gte=period.start, closed_on__lte=period.end)
    )
    kinds = {kind: Count("findings", filter=Q(findings__kind=kind)) for kind in Finding.Kind.values}
    found = list(
        period.scope.filter(Audit.objects.filter(when))
        .select_related("programme", "lead_auditor")
        .annotate(**kinds)
        .order_by("planned_start", "pk")
    )
    findings = list(
        Finding.objects.filter(audit__in=found).select_related("audit", "unit", "clause").order_by("audit", "pk")
    )
    return {
        "audits": [
            _record(
                audit,
                audit.title,
                programme=audit.programme.title,
                planned_start=_day(audit.planned_start),
                status=audit.status,
                lead_auditor=_person(audit.lead_auditor),
                findings={kind: getattr(audit, kind) for kind in Finding.Kind.values},
            )
            for audit in found
        ],
        "totals": {kind: sum(getattr(audit, kind) for audit in found) for kind in Finding.Kind.values},
        "findings": [
            _record(
                finding,
                finding.title,
                audit=finding.audit.title,
                kind=finding.kind,
                clause=str(finding.clause) if finding.clause else None,
                unit=_unit(finding.unit),
                description=finding.description,
            )
            for finding in findings
        ],
    }


# Nonconformities and corrective actions -----------------------------------------------------------


def _nonconformity_row(nonconformity: Nonconformity, **values) -> dict:
    return _record(
        nonconformity,
        nonconformity.title,
        reference=nonconformity.reference,
        origin=nonconformity.origin,
        severity=nonconformity.severity,
        stage=nonconformity.stage,
        unit=_unit(nonconformity.responsible_unit),
        **values,
    )


def nonconformities(period: Period) -> dict:
    rows = period.scope.filter(Nonconformity.objects.all()).select_related("responsible_unit")
    opened = list(rows.filter(created_at__gte=period.since, created_at__lt=period.until).order_by("year", "number"))
    closings = StageChange.objects.filter(
        nonconformity__organisation=period.organisation,
        to_stage=Stage.CLOSED,
        changed_at__gte=period.since,
        changed_at__lt=period.until,
    ).select_related("nonconformity__responsible_unit")
    closed = {change.nonconformity_id: change for change in closings.order_by("changed_at", "pk")}
    by_stage = rows.exclude(stage=Stage.CLOSED).order_by().values("stage").annotate(n=Count("pk"))
    open_counts = {row["stage"]: row["n"] for row in by_stage}
    effectiveness = rows.filter(effectiveness_overdue_q(period.today)).order_by("effectiveness_due", "pk")
    corrective = period.scope.filter(
        Action.objects.filter(reason_type=ContentType.objects.get_for_model(Nonconformity))
    ).filter(action_rules.overdue_q(period.today))
    corrective = list(corrective.order_by("end_date", "pk"))
    references = rows.filter(pk__in={action.reason_id for action in corrective}).in_bulk()
    return {
        "opened": [_nonconformity_row(row) for row in opened],
        "closed": [
            _nonconformity_row(change.nonconformity, closed_on=_day(change.changed_at)) for change in closed.values()
        ],
        "open_by_stage": {stage: open_counts.get(stage, 0) for stage in Stage.values if stage != Stage.CLOSED},
        "effectiveness_overdue": [
            _nonconformity_row(row, effectiveness_due=_day(row.effectiveness_due)) for row in effectiveness
        ],
        "actions_overdue": [
            _record(
                action,
                action.title,
                nonconformity=references[action.reason_id].reference if action.reason_id in references else "",
                end_date=_day(action.end_date),
                status=action.status,
            )
            for action in corrective
        ],
    }


# Maturity -----------------------------------------------------------------------------------------


def maturity(period: Period) -> dict:
    """The latest completed self-assessment of the whole organisation (up to the period's end), per
    question with the change since the assessment before it."""
    latest = (
        period.scope.filter(
            Assessment.objects.filter(unit__isnull=True, status=Assessment.Status.COMPLETED, year__lte=period.end.year)
        )
        .select_related("organisation")
        .prefetch_related("answers")
        .order_by("-year")
        .first()
    )
    if latest is None:
        return {"assessment": None}
    result = maturity_queries.result(latest)
    return {
        "assessment": {
            "id": latest.pk,
            "url": latest.get_absolute_url(),
            "year": latest.year,
            "previous_year": result.previous.year if result.previous else None,
            "mean": _decimal(result.summary.mean),
            "mean_change": _decimal(result.mean_change),
            "assessed": result.summary.assessed,
            "total": result.summary.total,
        },
        "questions": [
            {
                "part": part.part.item.name if part.part.item else "",
                "question": row.question.label,
                "stage": row.stage.number if row.stage else None,
                "stage_name": row.stage.name if row.stage else None,
                "previous": row.previous,
                "change": row.change,
            }
            for part in result.parts
            for row in part.rows
        ],
    }


def _decimal(value) -> float | None:
    return float(value) if value is not None else None


# Improvement --------------------------------------------------------------------------------------


def improvement(period: Period, findings: list[dict]) -> dict:
    """Opportunities for improvement found in the period's audits, and the open opportunities of the
    risk register."""
    opportunities = risk_queries.risk_list(
        period.scope, risk_queries.RiskFilters(kind=Risk.Kind.OPPORTUNITY, status=risk_queries.NOT_CLOSED)
    ).order_by("title", "pk")
    return {
        "findings": [finding for finding in findings if finding["kind"] == Finding.Kind.IMPROVEMENT],
        "opportunities": [_risk_row(risk) for risk in opportunities],
    }
