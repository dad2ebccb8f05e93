"""Read models for plan pages and the framework item page."""

from collections import Counter

from django.db.models import Prefetch

from hallbar.frameworks.models import FrameworkItem
from hallbar.indicators.calculations import Status
from hallbar.indicators.queries import assess_targets

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
