"""The start page's follow-up: plans as goal trees with status counts, actions by unit, the latest round."""

import pytest
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.plans.models import Plan
from hallbar.reporting import services as reporting
from tests.actions.factories import ActionFactory
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory, indicator_for
from tests.reporting.factories import report_for

from .factories import FocusAreaFactory, GoalFactory, PlanFactory, TargetFactory, plan_tree_for


def adopted_plan(world, goals: int) -> Plan:
    plan = PlanFactory(organisation=world.organisation, status=Plan.Status.ADOPTED)
    area = FocusAreaFactory(plan=plan)
    for number in range(goals):
        goal = GoalFactory(plan=plan, focus_area=area if number % 2 else None)
        indicator = IndicatorFactory(organisation=world.organisation)
        for year, value in zip(range(2019, 2024), [4.5, 4.0, 3.5, 3.0, 2.5], strict=True):
            IndicatorValueFactory(indicator=indicator, year=year, value=value)
        TargetFactory(goal=goal, indicator=indicator)  # 4.5 → 1.0 by 2030: on track
        TargetFactory(goal=goal)  # without an indicator
    return plan


def test_the_dashboard_shows_plans_actions_and_the_latest_round(world_a, client_for):
    plan = adopted_plan(world_a, 3)
    indicator_for(world_a.organisation, world_a.unit)  # the draft "Klimatplan" is not on the dashboard
    ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.unit, title="Cykelbanor")
    report = report_for(world_a.organisation, world_a.unit)
    reporting.submit(report, by=world_a.user(Role.EDITOR))
    client = client_for(world_a.user(Role.READER))
    client.cookies["hallbar_language"] = "en"
    response = client.get(reverse("web:dashboard"))
    follow_up = response.context["follow_up"]
    (entry,) = follow_up["plans"]
    assert entry["plan"] == plan and entry["status_counts"] == [("on_track", 3)]
    assert follow_up["action_totals"]["total"] == 1
    assert follow_up["action_chart"].categories == (world_a.unit.name,)
    assert follow_up["latest_round"]["round"] == report.round
    html = response.content.decode()
    assert "3 on track" in html and world_a.unit.name in html
    assert "1 of 1 units have reported" in html


@pytest.mark.parametrize("goals", [1, 6])
def test_the_dashboard_takes_a_fixed_number_of_queries(world_a, client_for, django_assert_max_num_queries, goals):
    adopted_plan(world_a, goals)
    plan_tree_for(world_a.organisation, world_a.unit)
    for number in range(goals):
        ActionFactory(organisation=world_a.organisation, responsible_unit=world_a.unit, title=f"Å{number}")
    report_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.EDITOR))
    with django_assert_max_num_queries(30):
        assert client.get(reverse("web:dashboard")).status_code == 200
