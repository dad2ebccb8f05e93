"""Indicators and values through the UI: definitions, values per unit and period, target status."""

import pytest
from django.urls import reverse
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.indicators.models import Indicator, IndicatorValue
from hallbar.indicators.periods import period_label, yearly_series
from hallbar.plans.models import Target
from hallbar.plans.queries import plan_tree
from tests.plans.factories import GoalFactory, TargetFactory, plan_tree_for

from .factories import IndicatorFactory, IndicatorValueFactory, indicator_for


def indicator_data(**overrides):
    data = {
        "title": "Andel förnybar el",
        "unit": "%",
        "direction": "increase",
        "frequency": "yearly",
        "source": "Kolada",
        "kolada_kpi": " n45925 ",
    }
    return {**data, **overrides}


def test_coordinator_defines_an_indicator_and_reports_values(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(reverse("indicators:create"), indicator_data())
    assert response.status_code == 302, response.context["form"].errors
    indicator = Indicator.objects.get(title="Andel förnybar el")
    assert indicator.organisation == world_a.organisation and indicator.kolada_kpi == "N45925"

    for year, value in [(2021, "40,5"), (2022, "45"), (2023, "52.25")]:
        response = client.post(
            reverse("indicators:value-create", args=[indicator.pk]),
            {"year": year, "value": value, "status": "final", "source": "Egen mätning"},
        )
        assert response.status_code == 302, response.context["form"].errors
    assert sorted(indicator.values.values_list("year", "value")) == [(2021, 40.5), (2022, 45.0), (2023, 52.25)]
    assert set(indicator.values.values_list("organisation", flat=True)) == {world_a.organisation.pk}

    page = client.get(indicator.get_absolute_url())
    assert page.status_code == 200
    assert "52,25" in page.content.decode()  # Swedish decimal comma


def test_a_second_value_for_the_same_period_and_unit_is_refused(world_a, client_for):
    indicator = IndicatorFactory(organisation=world_a.organisation)
    IndicatorValueFactory(indicator=indicator, year=2022, value=3)
    client = client_for(world_a.user(Role.COORDINATOR))
    client.cookies["hallbar_language"] = "en"
    response = client.post(
        reverse("indicators:value-create", args=[indicator.pk]), {"year": 2022, "value": "4", "status": "final"}
    )
    assert response.status_code == 200
    assert "There is already a value for 2022 for this unit" in str(response.context["form"].non_field_errors())
    # The same period for a unit is another series.
    response = client.post(
        reverse("indicators:value-create", args=[indicator.pk]),
        {"year": 2022, "value": "4", "status": "final", "unit": world_a.unit.pk},
    )
    assert response.status_code == 302
    assert indicator.values.count() == 2


def test_periods_follow_the_indicator_frequency(world_a, client_for):
    indicator = IndicatorFactory(organisation=world_a.organisation, frequency="tertial", split_by_gender=True)
    client = client_for(world_a.user(Role.COORDINATOR))
    url = reverse("indicators:value-create", args=[indicator.pk])
    form = client.get(url).context["form"]
    assert [choice for choice, _ in form.fields["period"].choices] == [1, 2, 3]
    assert {"value_women", "value_men"} <= set(form.fields)
    response = client.post(url, {"year": 2026, "period": 4, "value": "1", "status": "preliminary"})
    assert response.status_code == 200 and "period" in response.context["form"].errors
    response = client.post(
        url, {"year": 2026, "period": 2, "value": "10", "value_women": "6", "value_men": "4", "status": "preliminary"}
    )
    assert response.status_code == 302
    value = indicator.values.get()
    assert (value.period, value.value_women, value.value_men) == (2, 6.0, 4.0)
    with translation.override("en"):
        assert value.period_label == "T2 2026"
        assert period_label(2026, 3, "quarterly") == "Q3 2026"
        assert period_label(2026, 3, "monthly") == "2026-03"


def test_an_indicator_without_gender_split_hides_women_and_men(world_a, client_for):
    indicator = IndicatorFactory(organisation=world_a.organisation)
    form = (
        client_for(world_a.user(Role.COORDINATOR))
        .get(reverse("indicators:value-create", args=[indicator.pk]))
        .context["form"]
    )
    assert "value_women" not in form.fields and "period" not in form.fields


def test_an_editor_reports_values_for_their_own_units_only(world_a, client_for):
    indicator = IndicatorFactory(organisation=world_a.organisation)
    editor = world_a.user(Role.EDITOR)  # editor on the administration and below
    client = client_for(editor)
    url = reverse("indicators:value-create", args=[indicator.pk])
    form = client.get(url).context["form"]
    assert set(form.fields["unit"].queryset) == {world_a.administration, world_a.unit}
    assert client.post(url, {"year": 2024, "value": "1", "status": "final", "unit": world_a.unit.pk}).status_code == 302
    # Not a unit outside their subtree, nor the whole organisation.
    response = client.post(url, {"year": 2024, "value": "1", "status": "final", "unit": world_a.sibling.pk})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    response = client.post(url, {"year": 2025, "value": "1", "status": "final"})
    assert response.status_code == 200
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 1


def test_a_reader_can_read_but_not_add(world_a, client_for):
    indicator = indicator_for(world_a.organisation)
    client = client_for(world_a.user(Role.READER))
    assert client.get(indicator.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("indicators:value-create", args=[indicator.pk]), {"year": 2030, "value": "1", "status": "final"}
    )
    assert response.status_code in (200, 403)
    assert not indicator.values.filter(year=2030).exists()


def test_a_target_measured_by_a_foreign_indicator_is_refused(world_a, world_b, client_for):
    goal = GoalFactory(plan__organisation=world_a.organisation)
    foreign = IndicatorFactory(organisation=world_b.organisation)
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(
        reverse("plans:target-create", args=[goal.pk]),
        {
            "title": "Delmål",
            "unit": "%",
            "direction": "increase",
            "baseline_year": "2019",
            "baseline_value": "10",
            "target_year": "2030",
            "target_value": "50",
            "order": "0",
            "indicator": foreign.pk,
        },
    )
    assert response.status_code == 200 and "indicator" in response.context["form"].errors
    assert not Target.objects.filter(goal=goal).exists()


def test_target_status_shows_on_the_plan_and_indicator_pages(world_a, client_for):
    indicator = indicator_for(world_a.organisation, world_a.unit)  # 4.5 → 3.6 over 2019–2023
    target = Target.objects.get(indicator=indicator)  # 4.5 (2019) → 1.0 (2030), decrease
    tree = plan_tree(target.goal.plan)
    shown = [t for area in tree["focus_areas"] for goal in area["goals"] for t in goal.targets.all()]
    # Slope −0.22/year: 2030 projection ≈ 2.08, i.e. (2.08−4.5)/(1.0−4.5) ≈ 0.69 of the way: at risk.
    assert shown[0].assessment.status == "at_risk"
    assert tree["status_counts"] == [("at_risk", 1)]
    client = client_for(world_a.user(Role.READER))
    client.cookies["hallbar_language"] = "en"
    for url in (target.goal.plan.get_absolute_url(), indicator.get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'class="status status--at-risk"' in html and "At risk" in html


def test_a_target_without_enough_values_says_so(world_a):
    indicator = IndicatorFactory(organisation=world_a.organisation)
    IndicatorValueFactory(indicator=indicator, year=2022, value=1)
    IndicatorValueFactory(indicator=indicator, year=2023, value=2)
    target = TargetFactory(goal__plan__organisation=world_a.organisation, indicator=indicator)
    tree = plan_tree(target.goal.plan)
    assert tree["focus_areas"] == [] and tree["unplaced_goals"][0].targets.all()[0].assessment.status == (
        "not_enough_data"
    )


def test_unit_values_do_not_count_towards_the_organisation_trend(world_a):
    indicator = IndicatorFactory(organisation=world_a.organisation)
    for year in (2020, 2021, 2022):
        IndicatorValueFactory(indicator=indicator, year=year, value=100, unit=world_a.unit)
    target = TargetFactory(goal__plan__organisation=world_a.organisation, indicator=indicator)
    tree = plan_tree(target.goal.plan)
    assert tree["unplaced_goals"][0].targets.all()[0].assessment.status == "not_enough_data"


def test_yearly_series_prefers_the_whole_year_then_the_latest_period():
    rows = [(2024, 1, 5.0), (2024, 3, 7.0), (2025, 2, 1.0), (2025, 0, 9.0), (2025, 3, 2.0), (2026, 1, None)]
    assert yearly_series(rows) == {2024: 7.0, 2025: 9.0}


def test_indicator_list_searches_and_is_scoped(world_a, world_b, client_for):
    IndicatorFactory(organisation=world_a.organisation, title="Cykelvägar i km")
    IndicatorFactory(organisation=world_a.organisation, title="Matsvinn", kolada_kpi="U07480")
    IndicatorFactory(organisation=world_b.organisation, title="Cykelvägar B")
    client = client_for(world_a.user(Role.READER))
    titles = [i.title for i in client.get(reverse("indicators:list"), {"q": "cykel"}).context["indicators"]]
    assert titles == ["Cykelvägar i km"]
    titles = [i.title for i in client.get(reverse("indicators:list"), {"q": "u07480"}).context["indicators"]]
    assert titles == ["Matsvinn"]


@pytest.mark.parametrize("size", [1, 4])
def test_pages_take_a_fixed_number_of_queries(world_a, client_for, django_assert_max_num_queries, size):
    plan = plan_tree_for(world_a.organisation, world_a.unit)
    for number in range(size):
        indicator = IndicatorFactory(organisation=world_a.organisation, split_by_gender=True)
        for year in range(2010, 2010 + 5 * size):
            IndicatorValueFactory(indicator=indicator, year=year, value=year - 2000)
            IndicatorValueFactory(indicator=indicator, year=year, value=1, unit=world_a.unit)
        TargetFactory(goal=plan.goals.first(), indicator=indicator, title=f"T{number}")
    client = client_for(world_a.user(Role.EDITOR))
    goal = plan.goals.first()
    for url in (
        plan.get_absolute_url(),
        goal.get_absolute_url(),
        indicator.get_absolute_url(),
        reverse("indicators:list"),
    ):
        with django_assert_max_num_queries(24):
            assert client.get(url).status_code == 200


def test_the_goal_page_charts_each_indicator_with_target_path_and_trend(world_a, client_for):
    indicator = indicator_for(world_a.organisation, world_a.unit)
    target = Target.objects.get(indicator=indicator)
    client = client_for(world_a.user(Role.READER))
    client.cookies["hallbar_language"] = "en"
    response = client.get(target.goal.get_absolute_url())
    assert response.status_code == 200
    (chart,) = response.context["page"]["charts"]
    assert chart.x_labels == tuple(str(year) for year in range(2019, 2031))
    labels = [series.label for series in chart.series]
    assert labels == ["Measured", "Target path", "Trend"]
    measured, path, trend = chart.series
    assert measured.values[:5] == (4.5, 4.3, 4.0, 3.9, 3.6) and measured.values[5:] == (None,) * 7
    assert path.values[0] == 4.5 and path.values[-1] == 1.0
    assert trend.values[-1] == pytest.approx(2.08, abs=0.01)  # the projection that makes it "at risk"
    html = response.content.decode()
    assert "<canvas" in html and "<table" in html
