"""Read models for plan pages and the framework item page."""

from collections import Counter

from django.db.models import Prefetch

from hallbar.frameworks.models import FrameworkItem
from hallbar.indicators.calculations import Status
from hallbar.indicators.charts import indicator_chart
from hallbar.indicators.queries import assess_targets, organisation_series

from .models import FocusArea, Goal, Plan, Target

ITEMS = Prefetch(
    "framework_items", queryset=FrameworkItem.objects.select_related("library").order_by("library", "order")
)


def plan_tree(plan: Plan) -> dict:
    """The plan's focus areas with their goals and targets, and goals without a focus area.

    A fixed number of queries whatever the size of the plan: everything is prefetched.
    """
    targets = Prefetch("targets", queryset=Target.objects.order_by("order", "pk").prefetch_related(ITEMS))
    goals = list(
        Goal.objects.filter(plan=plan)
        .select_related("responsible_unit")
        .prefetch_related(targets, ITEMS)
        .order_by("order", "pk")
    )
    focus_areas = list(FocusArea.objects.filter(plan=plan).order_by("order", "pk"))
    targets = [target for goal in goals for target in goal.targets.all()]
    assessments = assess_targets(targets)
    for target in targets:
        target.assessment = assessments.get(target.pk)
    by_area: dict[int | None, list[Goal]] = {}
    for goal in goals:
        by_area.setdefault(goal.focus_area_id, []).append(goal)
    return {
        "focus_areas": [{"focus_area": area, "goals": by_area.get(area.pk, [])} for area in focus_areas],
        "unplaced_goals": by_area.get(None, []),
        "goal_count": len(goals),
        "target_count": len(targets),
        "status_counts": status_counts(assessments.values()),
    }


def status_counts(assessments) -> list[tuple[Status, int]]:
    """How many targets have each status, in the order on track, at risk, off track, not enough data."""
    counts = Counter(assessment.status for assessment in assessments)
    return [(status, counts[status]) for status in Status if counts[status]]


def item_and_descendants(item: FrameworkItem) -> set[int]:
    """Ids of the item and every item below it (one query per level of the tree)."""
    ids = {item.pk}
    level = [item.pk]
    while level:
        level = list(FrameworkItem.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        ids.update(level)
    return ids


def goals_serving(item: FrameworkItem, scope) -> dict:
    """Local goals and targets, within the scope, linked to the item or an item below it."""
    ids = item_and_descendants(item)
    goals = (
        scope.filter(Goal.objects.filter(framework_items__in=ids))
        .select_related("plan", "focus_area")
        .distinct()
        .order_by("plan__title", "order", "pk")
    )
    targets = (
        scope.filter(Target.objects.filter(framework_items__in=ids))
        .select_related("goal__plan")
        .distinct()
        .order_by("goal__plan__title", "goal__order", "order", "pk")
    )
    return {"goals": list(goals), "targets": list(targets)}


def framework_items_of(goal: Goal) -> list[FrameworkItem]:
    """The framework items the goal serves, with their libraries (one query)."""
    return list(ITEMS.queryset.filter(local_goals=goal))


def goal_page(goal: Goal) -> dict:
    """A goal's targets with their status, and one chart per indicator measuring them.

    A fixed number of queries: targets with their items, the indicators, their values, the actions.
    """
    targets = list(goal.targets.select_related("indicator").prefetch_related(ITEMS).order_by("order", "pk"))
    by_indicator: dict[int, list[Target]] = {}
    for target in targets:
        if target.indicator_id:
            by_indicator.setdefault(target.indicator_id, []).append(target)
    series = organisation_series(by_indicator)
    assessments = assess_targets(targets, series)
    for target in targets:
        target.assessment = assessments.get(target.pk)
    charts = [
        indicator_chart(group[0].indicator, series.get(indicator_id, {}), group)
        for indicator_id, group in by_indicator.items()
    ]
    return {
        "targets": targets,
        "charts": [chart for chart in charts if chart is not None],
        "status_counts": status_counts(assessments.values()),
    }


def plans_overview(scope, limit: int = 5) -> list[dict]:
    """The organisation's adopted plans (in the unit focus) as goal trees with target status counts.

    Each plan: ``{"plan", "status_counts", "focus_areas": [{"focus_area", "goals"}], "unplaced_goals"}``
    with each goal carrying ``status_counts``. Five queries whatever the size of the plans.
    """
    plans = list(
        scope.in_focus(scope.filter(Plan.objects.filter(status=Plan.Status.ADOPTED))).order_by(
            "-valid_from_year", "title"
        )[:limit]
    )
    goals = list(Goal.objects.filter(plan__in=plans).order_by("order", "pk"))
    areas = list(FocusArea.objects.filter(plan__in=plans).order_by("order", "pk"))
    targets = list(
        Target.objects.filter(goal__in=goals).only(
            "pk", "goal_id", "indicator_id", "baseline_value", "target_value", "target_year", "direction"
        )
    )
    assessments = assess_targets(targets)
    targets_per_goal = Counter(target.goal_id for target in targets)
    by_goal: dict[int, list] = {}
    for target in targets:
        if target.pk in assessments:
            by_goal.setdefault(target.goal_id, []).append(assessments[target.pk])
    overview = []
    for plan in plans:
        plan_goals = [goal for goal in goals if goal.plan_id == plan.pk]
        for goal in plan_goals:
            goal.status_counts = status_counts(by_goal.get(goal.pk, []))
            goal.target_count = targets_per_goal[goal.pk]
        in_area: dict[int | None, list[Goal]] = {}
        for goal in plan_goals:
            in_area.setdefault(goal.focus_area_id, []).append(goal)
        overview.append(
            {
                "plan": plan,
                "status_counts": status_counts(a for goal in plan_goals for a in by_goal.get(goal.pk, [])),
                "focus_areas": [
                    {"focus_area": area, "goals": in_area.get(area.pk, [])} for area in areas if area.plan_id == plan.pk
                ],
                "unplaced_goals": in_area.get(None, []),
            }
        )
    return overview
