"""Changes to a goal's framework links are part of its history, readable in the UI."""

from hallbar.frameworks.models import FrameworkItem
from hallbar.history.context import acting_as
from hallbar.history.models import ChangeRecord
from hallbar.plans.models import Goal

from .factories import plan_tree_for


def test_linking_and_unlinking_framework_items_is_recorded(world_a, client_for):
    goal = Goal.objects.get(plan=plan_tree_for(world_a.organisation))
    before = sorted(goal.framework_items.values_list("pk", flat=True))
    climate = FrameworkItem.objects.get(urn="urn:hallbar:sdg:target:13.2")
    coordinator = world_a.user("coordinator")
    last = ChangeRecord.objects.latest("id").id
    with acting_as(coordinator):
        goal.framework_items.add(climate)
        goal.framework_items.remove(climate)
    records = ChangeRecord.objects.filter(content_type__model="goal", object_id=str(goal.pk), id__gt=last)
    added, removed = records.order_by("id")[:2]
    assert added.changes == {"framework_items": [before, sorted([*before, climate.pk])]}
    assert removed.changes == {"framework_items": [sorted([*before, climate.pk]), before]}
    assert added.actor == coordinator

    page = client_for(coordinator).get(f"/history/plans.goal/{goal.pk}/").content.decode()
    assert "13.2" in page  # the linked item is shown by name, not as an id


def test_changes_made_from_the_framework_item_side_are_not_misattributed(world_a):
    goal = Goal.objects.get(plan=plan_tree_for(world_a.organisation))
    item = FrameworkItem.objects.get(urn="urn:hallbar:sdg:target:7.2")
    count = ChangeRecord.objects.count()
    item.local_goals.add(goal)  # reverse side: not an edit of a tracked record's own field
    assert ChangeRecord.objects.count() == count
