"""Read models of the public portal. Every page is built from the same read models the internal pages
use (``plans.queries.plan_tree``/``goal_page``, ``indicators.queries.values_table``/``assess_targets``,
``actions.queries.listed``/``flag``, ``climate.status.overview``, ``climate.budget_queries.budget_page``);
this module only adds *what is published* and narrows to it.
"""

import dataclasses
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404

from hallbar.actions import queries as action_queries
from hallbar.actions.models import Action, ActionPlan
from hallbar.climate import budget_queries
from hallbar.climate import queries as climate_queries
from hallbar.climate import status as climate_status
from hallbar.climate.models import ClimateBudget, EmissionRelease
from hallbar.indicators.charts import indicator_chart
from hallbar.indicators.models import Indicator, IndicatorValue
from hallbar.indicators.periods import yearly_series
from hallbar.indicators.queries import assess_targets, organisation_series, values_table
from hallbar.organisations.models import Organisation
from hallbar.plans.models import Goal, Plan, Target
from hallbar.plans.queries import goal_page, plan_tree, status_counts

from .models import PortalSettings, Publication
from .publishable import KINDS, Kind, kind_of


def public_organisation(slug: str) -> Organisation:
    """The organisation whose portal is open at ``slug`` (with its settings and content version), else 404.
    One query."""
    organisation = (
        Organisation.objects.filter(slug=slug, is_active=True, portal_settings__is_enabled=True)
        .select_related("portal_settings", "content_version")
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def published_ids(organisation: Organisation) -> dict[type, set[int]]:
    """Model → ids of its published records, for every publishable kind (one query)."""
    types = ContentType.objects.get_for_models(*(kind.model for kind in KINDS.values()))
    by_type_id = {content_type.pk: model for model, content_type in types.items()}
    ids: dict[type, set[int]] = defaultdict(set)
    rows = Publication.objects.filter(organisation=organisation).values_list("content_type_id", "object_id")
    for content_type_id, object_id in rows:
        if content_type_id in by_type_id:
            ids[by_type_id[content_type_id]].add(object_id)
    return ids


def published(organisation: Organisation, kind: Kind):
    """The organisation's published records of one kind, as a queryset (the organisation checked too)."""
    lookup = kind.model.organisation_lookup
    ids = Publication.objects.filter(
        organisation=organisation, content_type=ContentType.objects.get_for_model(kind.model)
    ).values("object_id")
    return kind.model._default_manager.filter(pk__in=ids, **{lookup: organisation.pk}, **kind.public_filter)


def published_object(organisation: Organisation, model, pk: int):
    """One published record of the organisation, else 404 (unpublished and foreign records alike)."""
    return get_object_or_404(published(organisation, kind_of(model)), pk=pk)


def publication_of(obj) -> Publication | None:
    return Publication.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
    ).first()


# --- Pages -------------------------------------------------------------------------------------------


def home(organisation: Organisation) -> dict:
    """The portal's start page: the published records of each kind, titles in order."""
    return {
        "plans": list(published(organisation, KINDS["plans.plan"]).order_by("-valid_from_year", "title")),
        "goals": list(
            published(organisation, KINDS["plans.goal"]).select_related("plan").order_by("plan", "order", "pk")
        ),
        "indicators": list(published(organisation, KINDS["indicators.indicator"]).order_by("title", "pk")),
        "action_plans": list(
            published(organisation, KINDS["actions.actionplan"]).order_by("-valid_from_year", "title")
        ),
        "climate": published(organisation, KINDS["organisations.organisation"]).exists(),
        "climate_budgets": climate_budgets(organisation),
    }


def climate_budgets(organisation: Organisation) -> list[ClimateBudget]:
    """The published (so adopted) climate budgets, newest budget year first."""
    return list(published(organisation, KINDS["climate.climatebudget"]).order_by("-budget_year", "title"))


def hide_unpublished_projections(targets, published_indicators: set[int]) -> None:
    """A target keeps its status in public, but the projection behind it (value, share, line) comes from
    its indicator's values, so it is only shown when that indicator is published itself."""
    for target in targets:
        assessment = getattr(target, "assessment", None)
        if assessment is not None and target.indicator_id not in published_indicators:
            target.assessment = dataclasses.replace(assessment, projected=None, share=None, line=None)


def plan(organisation: Organisation, plan: Plan) -> dict:
    """The plan's tree (``plan_tree``) with only the published goals left in it; the status counts are
    those of the published goals' targets."""
    ids = published_ids(organisation)
    goal_ids = ids[Goal]
    tree = plan_tree(plan)
    for area in tree["focus_areas"]:
        area["goals"] = [goal for goal in area["goals"] if goal.pk in goal_ids]
    tree["focus_areas"] = [area for area in tree["focus_areas"] if area["goals"]]
    tree["unplaced_goals"] = [goal for goal in tree["unplaced_goals"] if goal.pk in goal_ids]
    goals = [goal for area in tree["focus_areas"] for goal in area["goals"]] + tree["unplaced_goals"]
    targets = [target for goal in goals for target in goal.targets.all()]
    hide_unpublished_projections(targets, ids[Indicator])
    tree["status_counts"] = status_counts(target.assessment for target in targets if target.assessment)
    tree["goal_count"], tree["target_count"] = len(goals), len(targets)
    return {"tree": tree, "goals": goals}


def goal(organisation: Organisation, goal: Goal) -> dict:
    """``goal_page``: targets with status and one chart per indicator — only for published indicators
    (a target's status belongs to the goal; the indicator's values are published with the indicator);
    plus which indicators and whether the plan are published (to link them)."""
    page = goal_page(goal)
    ids = published_ids(organisation)
    hide_unpublished_projections(page["targets"], ids[Indicator])
    measured = {target.indicator_id for target in page["targets"] if target.indicator_id}
    shown = measured & ids[Indicator]
    if shown != measured:  # the same chart builder, for the published indicators only (one more query)
        series = organisation_series(shown)
        groups: dict[int, list[Target]] = {}
        for target in page["targets"]:
            if target.indicator_id in shown:
                groups.setdefault(target.indicator_id, []).append(target)
        charts = (indicator_chart(group[0].indicator, series.get(pk, {}), group) for pk, group in groups.items())
        page["charts"] = [chart for chart in charts if chart is not None]
    return {**page, "published_indicators": ids[Indicator], "plan_published": goal.plan_id in ids[Plan]}


def indicator(organisation: Organisation, indicator: Indicator) -> dict:
    """The whole-organisation values (``values_table``), the chart with the targets of published goals
    (as on the internal indicator page, without unit series or peers), and those targets' status."""
    values = values_table(indicator)
    series = yearly_series((value.year, value.period, value.value) for value in values)
    ids = published_ids(organisation)
    targets = list(
        Target.objects.filter(indicator=indicator, goal__in=ids[Goal]).select_related("goal__plan").order_by("pk")
    )
    statuses = assess_targets(targets, {indicator.pk: series})
    for target in targets:
        target.assessment = statuses.get(target.pk)
    return {
        "values": values,
        "chart": indicator_chart(indicator, series, targets),
        "targets": targets,
        "published_goals": ids[Goal],
    }


def action_plan(organisation: Organisation, action_plan: ActionPlan) -> dict:
    """The action plan's actions, flagged overdue as on the internal page (``listed`` + ``flag``)."""
    settings = action_queries.follow_up_settings(organisation)
    actions = action_queries.flag(action_queries.listed(Action.objects.filter(action_plan=action_plan)), settings)
    counts = defaultdict(int)
    for action in actions:
        counts[action.status] += 1
    return {
        "actions": actions,
        "status_counts": [(status, label, counts[status]) for status, label in Action.Status.choices if counts[status]],
        "plan_published": action_plan.plan_id in published_ids(organisation)[Plan] if action_plan.plan_id else False,
    }


def climate(organisation: Organisation) -> dict:
    """The climate status page's figures (``climate.status.overview``: the emission history of the
    current territorial release and the budget status under the organisation's preset), without the
    internal page's comparison and consumption blocks; plus the published climate budgets."""
    return {
        "overview": climate_status.overview(organisation, climate_status.municipalities()),
        "budgets": climate_budgets(organisation),
    }


def climate_budget(budget: ClimateBudget) -> budget_queries.BudgetPage:
    """An adopted budget's page as the internal page reads it (its figures frozen at adoption)."""
    return budget_queries.budget_page(budget)


# --- When the data last changed (for the catalogue) ---------------------------------------------------


def modified_dates(organisation: Organisation) -> dict[tuple[type, int], object]:
    """(model, pk) → when the data of each published dataset last changed: the newest of its values
    (indicators; the indicators of a goal's targets), of its actions' progress (action plans), of the
    current territorial release (the climate figures), and of its publication. Five queries."""
    publications = Publication.objects.filter(organisation=organisation).select_related("content_type")
    modified = {}
    for publication in publications:
        modified[(publication.content_type.model_class(), publication.object_id)] = publication.published_at
    ids = published_ids(organisation)
    newest_value = dict(
        IndicatorValue.objects.filter(organisation=organisation, unit__isnull=True)
        .values("indicator_id")
        .annotate(newest=Max("updated_at"))
        .values_list("indicator_id", "newest")
    )
    for pk in ids[Indicator]:
        modified[(Indicator, pk)] = _latest(modified.get((Indicator, pk)), newest_value.get(pk))
    for goal_id, indicator_id in Target.objects.filter(goal__in=ids[Goal]).values_list("goal_id", "indicator_id"):
        modified[(Goal, goal_id)] = _latest(modified.get((Goal, goal_id)), newest_value.get(indicator_id))
    progress = (
        Action.objects.filter(action_plan__in=ids[ActionPlan])
        .values("action_plan_id")
        .annotate(newest=Max("last_progress_at"))
        .values_list("action_plan_id", "newest")
    )
    for action_plan_id, newest in progress:
        modified[(ActionPlan, action_plan_id)] = _latest(modified.get((ActionPlan, action_plan_id)), newest)
    if organisation.pk in ids[Organisation]:
        release = climate_queries.current_release(EmissionRelease.Kind.TERRITORIAL)
        key = (Organisation, organisation.pk)
        modified[key] = _latest(modified.get(key), release.loaded_at if release else None)
    return modified


def _latest(*moments):
    present = [moment for moment in moments if moment is not None]
    return max(present) if present else None


def settings_of(organisation: Organisation) -> PortalSettings:
    return organisation.portal_settings
