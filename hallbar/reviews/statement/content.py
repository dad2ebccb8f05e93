"""What an environmental statement says, assembled from the system as plain data (JSON-ready).

:func:`build` reads, for the statement's organisation and reporting year:

* the **policy**: the policy in force (``documents.queries.current_policy``);
* the **organisation**: its name, the statement's own description, and the approved scope of the
  management system valid at the end of the year, with its units (``context``);
* the **significant environmental aspects**, direct and indirect, with their impacts and how they are
  handled (``aspects``: ``is_significant`` and the environmental dimension);
* the **objectives and targets**: the adopted plans valid in the year, their goals and targets with the
  status computed from the indicator values up to the year (``indicators.queries.assess_targets``);
* the **core indicators** A / B = R for the year and the years before it (:mod:`.calculations`), from the
  whole-year values of the whole organisation of the indicators chosen in the settings;
* **compliance**: for each active compliance obligation, the latest evaluation up to the end of the year.

Codes (statuses, results, choices) are stored, not their labels, so the content reads in the reader's
language; :mod:`.presentation` adds labels and formats numbers for the page and the PDF. The result is
frozen in the statement when its validation is recorded (:mod:`.services`). A fixed number of queries
(about a dozen) whatever the number of plans, goals, targets, aspects or obligations.
"""

from datetime import date

from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone

from hallbar.aspects.models import Aspect
from hallbar.context.models import ScopeStatement
from hallbar.documents.queries import current_policy
from hallbar.indicators.models import IndicatorValue
from hallbar.indicators.queries import assess_targets, organisation_series
from hallbar.obligations.models import Evaluation, Obligation
from hallbar.obligations.rules import Status as ObligationStatus
from hallbar.plans.models import Goal, Plan, Target

from ..models import CoreIndicatorSource, EnvironmentalStatement
from ..models.statement import Area
from . import calculations

FORMAT = 1  # raise when the structure changes, so frozen content can be told apart


def build(statement: EnvironmentalStatement) -> dict:
    organisation = statement.organisation
    year = statement.year
    return {
        "format": FORMAT,
        "year": year,
        "generated_at": timezone.now().isoformat(),
        "organisation": {"name": organisation.name, "description": statement.description},
        "scope": scope_in_force(organisation, date(year, 12, 31)),
        "policy": policy(organisation),
        "aspects": significant_aspects(organisation),
        "plans": objectives(organisation, year),
        "core_indicators": core_indicators(organisation, year),
        "compliance": compliance(organisation, year_end(year)),
    }


def year_end(year: int) -> date:
    """The last day the statement's data cover: 31 December, or today while the year is running."""
    return min(date(year, 12, 31), timezone.localdate())


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def policy(organisation) -> dict | None:
    version = current_policy(organisation)
    if version is None:
        return None
    return {
        "title": version.document.title,
        "version": version.number,
        "version_id": version.pk,
        "approved_on": _iso(timezone.localdate(version.approved_at) if version.approved_at else None),
        "body": version.body,
        "file_name": version.original_name if version.has_file else "",
    }


def scope_in_force(organisation, on: date) -> dict | None:
    """The approved scope with the highest version valid on ``on`` (two queries)."""
    scope = (
        ScopeStatement.objects.filter(organisation=organisation, approved_on__isnull=False, valid_from__lte=on)
        .prefetch_related("units")
        .order_by("-version")
        .first()
    )
    if scope is None:
        return None
    return {
        "version": scope.version,
        "text": scope.text,
        "boundaries": scope.boundaries,
        "exclusions": scope.exclusions,
        "valid_from": _iso(scope.valid_from),
        "approved_by": scope.approved_by,
        "approved_on": _iso(scope.approved_on),
        "units": [unit.name for unit in sorted(scope.units.all(), key=lambda unit: unit.path)],
    }


def significant_aspects(organisation) -> dict:
    """The significant environmental aspects, ``{"direct": [...], "indirect": [...]}`` (two queries)."""
    aspects = (
        Aspect.objects.filter(
            activity__organisation=organisation, is_significant=True, dimension=Aspect.Dimension.ENVIRONMENTAL
        )
        .select_related("activity__unit")
        .prefetch_related(Prefetch("goals", Goal.objects.order_by("plan_id", "order", "pk")))
        .order_by("activity__name", "name", "pk")
    )
    grouped = {"direct": [], "indirect": []}
    for aspect in aspects:
        grouped[aspect.influence].append(
            {
                "name": aspect.name,
                "impact": aspect.impact,
                "effect": aspect.effect,
                "activity": aspect.activity.name,
                "unit": aspect.activity.unit.name if aspect.activity.unit else None,
                "channel": aspect.channel,
                "abroad": aspect.occurs_abroad,
                "goals": [goal.title for goal in aspect.goals.all()],
                "operational_control": aspect.operational_control,
                "decision": aspect.decision,
            }
        )
    return grouped


def objectives(organisation, year: int) -> list[dict]:
    """The adopted plans valid in ``year``: goals and targets, each target with its status from the
    values up to ``year`` and its latest value then (four queries)."""
    plans = list(
        Plan.objects.filter(
            organisation=organisation,
            status=Plan.Status.ADOPTED,
            valid_from_year__lte=year,
            valid_to_year__gte=year,
        ).order_by("-valid_from_year", "title", "pk")
    )
    goals = list(Goal.objects.filter(plan__in=plans).order_by("order", "pk"))
    targets = list(Target.objects.filter(goal__in=goals).order_by("order", "pk"))
    series = {
        indicator_id: {value_year: value for value_year, value in values.items() if value_year <= year}
        for indicator_id, values in organisation_series(t.indicator_id for t in targets if t.indicator_id).items()
    }
    assessments = assess_targets(targets, series)
    targets_of: dict[int, list[dict]] = {}
    for target in targets:
        values = series.get(target.indicator_id, {})
        latest = max(values) if values else None
        assessment = assessments.get(target.pk)
        targets_of.setdefault(target.goal_id, []).append(
            {
                "title": target.title,
                "unit": target.unit,
                "baseline_year": target.baseline_year,
                "baseline_value": float(target.baseline_value),
                "target_year": target.target_year,
                "target_value": float(target.target_value),
                "direction": target.direction,
                "status": assessment.status.value if assessment else None,
                "latest": {"year": latest, "value": values[latest]} if latest is not None else None,
            }
        )
    goals_of: dict[int, list[dict]] = {}
    for goal in goals:
        goals_of.setdefault(goal.plan_id, []).append({"title": goal.title, "targets": targets_of.get(goal.pk, [])})
    return [
        {
            "title": plan.title,
            "kind": plan.kind,
            "adopted_by": plan.adopted_by,
            "valid_from_year": plan.valid_from_year,
            "valid_to_year": plan.valid_to_year,
            "goals": goals_of.get(plan.pk, []),
        }
        for plan in plans
    ]


def core_indicators(organisation, year: int) -> list[dict]:
    """Each core indicator area with its A and B indicators, its note and A, B, R for the year and the
    years before it (two queries)."""
    sources = {
        source.area: source
        for source in CoreIndicatorSource.objects.filter(organisation=organisation).select_related(
            "a_indicator", "b_indicator"
        )
    }
    years = calculations.comparison_years(year)
    ids = {pk for source in sources.values() for pk in (source.a_indicator_id, source.b_indicator_id) if pk}
    values: dict[int, dict[int, float]] = {}
    rows = IndicatorValue.objects.filter(indicator_id__in=ids, unit__isnull=True, period=0, year__in=years)
    for indicator_id, value_year, value in rows.values_list("indicator_id", "year", "value").order_by():
        if value is not None:
            values.setdefault(indicator_id, {})[value_year] = value
    areas = []
    for area in Area:
        source = sources.get(area.value)
        a = source.a_indicator if source else None
        b = source.b_indicator if source else None
        rows = calculations.figures(values.get(a.pk, {}) if a else {}, values.get(b.pk, {}) if b else {}, years)
        areas.append(
            {
                "area": area.value,
                "a": {"title": a.title, "unit": a.unit} if a else None,
                "b": {"title": b.title, "unit": b.unit} if b else None,
                "note": source.note if source else "",
                "figures": [
                    {
                        "year": row.year,
                        "a": row.a,
                        "b": row.b,
                        "r": row.r,
                        "gap": row.gap.value if row.gap else None,
                        "change": row.change,
                    }
                    for row in rows
                ]
                if a
                else [],
            }
        )
    return areas


def compliance(organisation, until: date) -> dict:
    """The active obligations with their latest evaluation up to ``until``: counts by result and the
    obligations not (yet) fully met (one query)."""
    latest = Evaluation.objects.filter(obligation=OuterRef("pk"), date__lte=until).order_by(
        "-date", "-created_at", "-pk"
    )
    obligations = (
        Obligation.objects.filter(organisation=organisation, status=ObligationStatus.ACTIVE)
        .annotate(
            latest_result=Subquery(latest.values("result")[:1]),
            latest_date=Subquery(latest.values("date")[:1]),
            latest_findings=Subquery(latest.values("findings")[:1]),
        )
        .order_by("title", "pk")
    )
    counts = {"met": 0, "partly": 0, "not_met": 0, "not_evaluated": 0}
    open_items = []
    for obligation in obligations:
        result = obligation.latest_result or "not_evaluated"
        counts[result] += 1
        if result != Evaluation.Result.MET:
            open_items.append(
                {
                    "title": obligation.title,
                    "reference": obligation.reference,
                    "result": result,
                    "date": _iso(obligation.latest_date),
                    "findings": obligation.latest_findings or "",
                }
            )
    return {"counts": counts, "total": sum(counts.values()), "not_fully_met": open_items}
