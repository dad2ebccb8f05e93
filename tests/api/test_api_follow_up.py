"""The API's plans, targets (with computed status), indicators and indicator values."""

from hallbar.accounts.roles import Role
from hallbar.indicators.models import IndicatorValue
from hallbar.plans.models import Goal, Plan, Target
from tests.indicators.factories import IndicatorFactory, indicator_for
from tests.plans.factories import GoalFactory, plan_tree_for

from .helpers import ids


def test_a_coordinator_builds_a_plan_through_the_api(world_a, api):
    client = api(world_a.user(Role.COORDINATOR))
    org = world_a.organisation.pk
    plan = client.post(
        "/api/v1/plans/",
        {
            "organisation": org,
            "title": "Klimatplan",
            "kind": "climate_plan",
            "valid_from_year": 2025,
            "valid_to_year": 2030,
        },
        format="json",
    )
    assert plan.status_code == 201, plan.content
    goal = client.post(
        "/api/v1/goals/",
        {"plan": plan.json()["id"], "title": "Fossilfritt", "framework_items": ["urn:hallbar:sdg:target:13.2"]},
        format="json",
    )
    assert goal.status_code == 201, goal.content
    indicator = client.post(
        "/api/v1/indicators/",
        {"organisation": org, "title": "Utsläpp", "unit": "kt", "direction": "decrease"},
        format="json",
    ).json()
    for year, value in [(2020, 10), (2021, 9), (2022, 8)]:
        response = client.post(
            "/api/v1/indicator-values/", {"indicator": indicator["id"], "year": year, "value": value}, format="json"
        )
        assert response.status_code == 201, response.content
    target = client.post(
        "/api/v1/targets/",
        {
            "goal": goal.json()["id"],
            "title": "Halvera",
            "baseline_year": 2020,
            "baseline_value": "10",
            "target_year": 2030,
            "target_value": "5",
            "direction": "decrease",
            "indicator": indicator["id"],
        },
        format="json",
    )
    assert target.status_code == 201, target.content
    assert target.json()["status"] == "on_track"
    listed = client.get("/api/v1/targets/").json()["results"]
    assert [row["status"] for row in listed] == ["on_track"]
    assert Goal.objects.get().framework_items.get().urn == "urn:hallbar:sdg:target:13.2"


def test_the_api_refuses_what_the_forms_refuse(world_a, world_b, api):
    client = api(world_a.user(Role.COORDINATOR))
    goal = GoalFactory(plan__organisation=world_a.organisation)
    foreign = IndicatorFactory(organisation=world_b.organisation)
    body = {
        "goal": goal.pk,
        "title": "Fel",
        "baseline_year": 2030,
        "baseline_value": "1",
        "target_year": 2020,
        "target_value": "2",
        "direction": "increase",
    }
    response = client.post("/api/v1/targets/", body, format="json")
    assert response.status_code == 400 and "target_year" in response.json()
    response = client.post("/api/v1/targets/", {**body, "target_year": 2040, "indicator": foreign.pk}, format="json")
    assert response.status_code == 400 and "indicator" in response.json()
    assert not Target.objects.exists()
    plan = plan_tree_for(world_a.organisation)
    response = client.patch(f"/api/v1/plans/{plan.pk}/", {"organisation": world_b.organisation.pk}, format="json")
    assert response.status_code == 400
    assert Plan.objects.get(pk=plan.pk).organisation == world_a.organisation


def test_values_are_filtered_validated_and_scoped(world_a, world_b, api):
    indicator = indicator_for(world_a.organisation, world_a.unit)
    other = indicator_for(world_b.organisation, world_b.unit)
    client = api(world_a.user(Role.EDITOR))  # editor on the administration and below
    values = client.get(f"/api/v1/indicator-values/?indicator={indicator.pk}&year_from=2021&unit=0")
    assert ids(values) == set(indicator.values.filter(year__gte=2021).values_list("pk", flat=True))
    assert ids(client.get(f"/api/v1/indicator-values/?indicator={other.pk}")) == set()
    # Whole-organisation values need an organisation-wide role; the editor writes for their units.
    body = {"indicator": indicator.pk, "year": 2024, "value": 3.4}
    assert client.post("/api/v1/indicator-values/", body, format="json").status_code == 403
    response = client.post("/api/v1/indicator-values/", {**body, "unit": world_a.unit.pk}, format="json")
    assert response.status_code == 201, response.content
    again = client.post("/api/v1/indicator-values/", {**body, "unit": world_a.unit.pk}, format="json")
    assert again.status_code == 400 and "already a value" in again.json()["non_field_errors"][0]
    bad = client.post(
        "/api/v1/indicator-values/", {**body, "unit": world_a.unit.pk, "year": 2025, "period": 2}, format="json"
    )
    assert bad.status_code == 400 and "period" in bad.json()
    assert IndicatorValue.objects.filter(indicator=indicator, year__gte=2024).count() == 1
    assert (
        client.post(
            "/api/v1/indicator-values/", {"indicator": other.pk, "year": 2024, "value": 1}, format="json"
        ).status_code
        == 400
    )
