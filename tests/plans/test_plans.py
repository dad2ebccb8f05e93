"""Plans → focus areas → goals → measurable targets, built through the UI, scoped and audited."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.frameworks.models import FrameworkItem
from hallbar.history.context import acting_as
from hallbar.history.models import ChangeRecord
from hallbar.plans.models import FocusArea, Goal, Plan, Target
from hallbar.plans.queries import goals_serving, plan_tree

from .factories import FocusAreaFactory, GoalFactory, PlanFactory, TargetFactory


def sdg_target(ref="13.2"):
    return FrameworkItem.objects.get(library__kind="goals", ref=ref, level="target")


def target_data(**overrides):
    data = {
        "title": "Minskade utsläpp från transporter",
        "unit": "ton CO2e/invånare",
        "direction": "decrease",
        "baseline_year": "2019",
        "baseline_value": "4.5",
        "target_year": "2030",
        "target_value": "1.2",
        "order": "0",
    }
    return {**data, **overrides}


def test_coordinator_builds_a_plan_tree_through_the_ui(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(
        reverse("plans:create"),
        {
            "title": "Miljöprogram 2024–2030",
            "kind": "environmental_programme",
            "status": "adopted",
            "adopted_by": "Kommunfullmäktige",
            "adopted_on": "2024-02-15",
            "valid_from_year": "2024",
            "valid_to_year": "2030",
            "responsible_unit": world_a.administration.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    plan = Plan.objects.get(title="Miljöprogram 2024–2030")
    assert plan.organisation == world_a.organisation and plan.responsible_unit == world_a.administration

    response = client.post(reverse("plans:focus-area-create", args=[plan.pk]), {"title": "Klimat", "order": "1"})
    assert response.status_code == 302, response.context["form"].errors
    area = FocusArea.objects.get(plan=plan)

    item = sdg_target()
    response = client.post(
        reverse("plans:goal-create", args=[plan.pk]),
        {
            "title": "Fossilfria transporter",
            "focus_area": area.pk,
            "responsible_unit": world_a.unit.pk,
            "order": "0",
            "framework_items": [item.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    goal = Goal.objects.get(plan=plan)
    assert (goal.focus_area, goal.responsible_unit, list(goal.framework_items.all())) == (area, world_a.unit, [item])

    response = client.post(reverse("plans:target-create", args=[goal.pk]), target_data(framework_items=[item.pk]))
    assert response.status_code == 302, response.context["form"].errors
    target = Target.objects.get(goal=goal)
    assert (target.baseline_value, target.target_value, target.direction) == (
        Decimal("4.5"),
        Decimal("1.2"),
        "decrease",
    )

    with translation.override("en"):
        page = client.get(plan.get_absolute_url(), headers={"accept-language": "en"}).content.decode()
    for text in ["Klimat", "Fossilfria transporter", "Minskade utsläpp från transporter", "13.2"]:
        assert text in page


def test_goal_form_offers_framework_items_grouped_by_library(world_a, client_for):
    plan = PlanFactory(organisation=world_a.organisation)
    client = client_for(world_a.user(Role.COORDINATOR))
    html = client.get(reverse("plans:goal-create", args=[plan.pk])).content.decode()
    assert "<optgroup" in html and 'name="framework_items"' in html and "multiple" in html
    indicator = FrameworkItem.objects.filter(level="indicator").first()
    assert f'value="{indicator.pk}"' not in html


@pytest.mark.parametrize("role", [Role.READER, Role.AUDITOR])
def test_readers_and_auditors_may_not_create_or_edit(role, world_a, client_for):
    target = TargetFactory(goal__plan__organisation=world_a.organisation)
    goal, plan = target.goal, target.goal.plan
    area = FocusAreaFactory(plan=plan)
    client = client_for(world_a.user(role))
    assert client.get(reverse("plans:list")).status_code == 200
    assert client.get(plan.get_absolute_url()).status_code == 200
    for url in [
        reverse("plans:create"),
        reverse("plans:edit", args=[plan.pk]),
        reverse("plans:delete", args=[plan.pk]),
        reverse("plans:focus-area-create", args=[plan.pk]),
        reverse("plans:focus-area-edit", args=[area.pk]),
        reverse("plans:goal-create", args=[plan.pk]),
        reverse("plans:goal-edit", args=[goal.pk]),
        reverse("plans:target-create", args=[goal.pk]),
        reverse("plans:target-edit", args=[target.pk]),
    ]:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "Ändrad"}).status_code == 403, url
    assert Plan.objects.get(pk=plan.pk).title == plan.title


def test_editor_may_edit_goals_of_their_subtree_only(world_a, client_for):
    plan = PlanFactory(organisation=world_a.organisation)
    own = GoalFactory(plan=plan, responsible_unit=world_a.unit)  # below the editor's administration
    other = GoalFactory(plan=plan, responsible_unit=world_a.sibling)
    whole = GoalFactory(plan=plan, responsible_unit=None)
    client = client_for(world_a.user(Role.EDITOR))

    data = {"title": "Nytt namn", "responsible_unit": world_a.unit.pk, "order": "0"}
    response = client.post(reverse("plans:goal-edit", args=[own.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    own.refresh_from_db()
    assert own.title == "Nytt namn"

    assert client.get(reverse("plans:goal-edit", args=[other.pk])).status_code == 403
    assert client.post(reverse("plans:goal-edit", args=[other.pk]), data).status_code == 403
    assert client.get(reverse("plans:goal-edit", args=[whole.pk])).status_code == 403
    assert client.get(reverse("plans:target-create", args=[own.pk])).status_code == 200
    assert client.get(reverse("plans:target-create", args=[other.pk])).status_code == 403
    assert client.get(reverse("plans:create")).status_code == 403

    # Nor may they hand their goal over to a unit outside their subtree.
    response = client.post(reverse("plans:goal-edit", args=[own.pk]), {**data, "responsible_unit": world_a.sibling.pk})
    assert response.status_code == 200 and "responsible_unit" in response.context["form"].errors
    response = client.post(reverse("plans:goal-edit", args=[own.pk]), {**data, "responsible_unit": ""})
    assert response.status_code == 200 and "responsible_unit" in response.context["form"].errors
    own.refresh_from_db()
    assert own.responsible_unit == world_a.unit


def test_target_validation_messages(world_a, client_for):
    goal = GoalFactory(plan__organisation=world_a.organisation)
    client = client_for(world_a.user(Role.COORDINATOR))
    url = reverse("plans:target-create", args=[goal.pk])
    response = client.post(url, target_data(target_year="2019"))
    assert response.status_code == 200
    assert "Målåret måste vara efter basåret." in response.context["form"].errors["target_year"]
    response = client.post(url, target_data(direction="increase"))
    assert "target_value" in response.context["form"].errors
    assert not Target.objects.exists()


def test_focus_area_of_another_plan_is_refused(world_a):
    goal = GoalFactory(plan__organisation=world_a.organisation)
    goal.focus_area = FocusAreaFactory(plan__organisation=world_a.organisation)
    with pytest.raises(Exception, match="focus_area"):
        goal.full_clean()


def test_plan_must_not_end_before_it_starts(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(
        reverse("plans:create"),
        {"title": "X", "kind": "other", "status": "draft", "valid_from_year": "2030", "valid_to_year": "2024"},
    )
    assert "valid_to_year" in response.context["form"].errors


def test_deleting_a_plan_with_goals_is_refused_naming_them(world_a, client_for):
    goal = GoalFactory(plan__organisation=world_a.organisation, title="Giftfri vardag")
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(reverse("plans:delete", args=[goal.plan.pk]), follow=True)
    assert Plan.objects.filter(pk=goal.plan.pk).exists()
    assert "Giftfri vardag" in response.content.decode()

    empty = PlanFactory(organisation=world_a.organisation)
    assert client.post(reverse("plans:delete", args=[empty.pk])).status_code == 302
    assert not Plan.objects.filter(pk=empty.pk).exists()


def test_framework_item_page_lists_the_local_goals(world_a, world_b, client_for):
    item = sdg_target()
    goal = GoalFactory(plan__organisation=world_a.organisation, title="Klimatneutral kommun 2035")
    goal.framework_items.add(item)
    target = TargetFactory(goal=goal, title="Halverade utsläpp")
    target.framework_items.add(item)
    foreign = GoalFactory(plan__organisation=world_b.organisation, title="Främmande mål")
    foreign.framework_items.add(item)

    page = client_for(world_a.user(Role.READER)).get(item.parent.get_absolute_url()).content.decode()
    assert "Klimatneutral kommun 2035" in page and "Halverade utsläpp" in page
    assert "Främmande mål" not in page


def test_goals_serving_is_scoped(world_a, world_b):
    from hallbar.accounts.scoping import Scope

    item = sdg_target()
    mine = GoalFactory(plan__organisation=world_a.organisation)
    mine.framework_items.add(item)
    GoalFactory(plan__organisation=world_b.organisation).framework_items.add(item)
    served = goals_serving(item.parent, Scope(world_a.user(Role.READER), world_a.organisation))
    assert served["goals"] == [mine]


def build_plan(organisation, size: int) -> Plan:
    plan = PlanFactory(organisation=organisation)
    items = list(FrameworkItem.objects.filter(level="target")[:3])
    for _ in range(size):
        area = FocusAreaFactory(plan=plan)
        for _ in range(size):
            goal = GoalFactory(plan=plan, focus_area=area)
            goal.framework_items.add(*items)
            for _ in range(size):
                TargetFactory(goal=goal).framework_items.add(*items)
    GoalFactory(plan=plan)
    return plan


def test_plan_tree_takes_a_fixed_number_of_queries(world_a, django_assert_num_queries):
    small, large = build_plan(world_a.organisation, 1), build_plan(world_a.organisation, 3)
    with django_assert_num_queries(5):
        tree = plan_tree(small)
        [item.library.name for a in tree["focus_areas"] for g in a["goals"] for item in g.framework_items.all()]
    with django_assert_num_queries(5):
        tree = plan_tree(large)
        for area in tree["focus_areas"]:
            for goal in area["goals"]:
                [item.library.name for item in goal.framework_items.all()]
                for target in goal.targets.all():
                    [item.library.name for item in target.framework_items.all()]
    assert tree["goal_count"] == 10 and tree["target_count"] == 27
    assert len(tree["unplaced_goals"]) == 1


def test_changing_a_target_is_recorded(world_a, client_for):
    target = TargetFactory(goal__plan__organisation=world_a.organisation)
    coordinator = world_a.user(Role.COORDINATOR)
    client = client_for(coordinator)
    response = client.post(reverse("plans:target-edit", args=[target.pk]), target_data(target_value="0.8"))
    assert response.status_code == 302, response.context["form"].errors
    record = ChangeRecord.objects.filter(content_type__model="target", object_id=str(target.pk), action="update").get()
    assert record.actor == coordinator and record.organisation == world_a.organisation
    assert record.changes["target_value"][1] in ("0.8000", "0.8")
    with acting_as(coordinator):
        Target.objects.get(pk=target.pk).delete()
    assert ChangeRecord.objects.filter(content_type__model="target", action="delete").exists()
