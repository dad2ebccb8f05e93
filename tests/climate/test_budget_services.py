"""The climate budget's sums, allocation, rules and lock, checked against the figures of budget_data.py."""

import pytest
from django.core.exceptions import ValidationError

from hallbar.actions.models import Action
from hallbar.climate import budget_calculations as calc
from hallbar.climate import budget_queries, budget_services, queries
from hallbar.climate.models import Emission, Measure, Sector, SectorResponsibility

from .budget_data import CEILINGS, hand_budget_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
YEARS = [2020, 2021, 2022, 2023]


def test_calculations_by_hand():
    assert calc.sector_shares({"a": 30, "b": 10}) == {"a": 0.75, "b": 0.25}
    assert calc.sector_shares({"a": 0}) == {}
    ceilings = calc.unit_ceilings(
        {2030: 100.0}, {"a": 0.75, "b": 0.25}, [calc.Responsibility(1, "a", 100), calc.Responsibility(2, "b", 40)]
    )
    assert ceilings[1][2030] == pytest.approx(75)
    assert ceilings[2][2030] == pytest.approx(10)
    assert ceilings[calc.NOT_ALLOCATED][2030] == pytest.approx(15)
    assert calc.cost_per_tonne(300_000, 10, 3) == pytest.approx(10_000)
    assert calc.cost_per_tonne(300_000, 0, 3) is None
    assert calc.sector_share_problems([calc.Responsibility(1, "a", 60), calc.Responsibility(2, "a", 50)]) == {"a": 110}


def test_figures_are_the_path_trend_and_sector_shares(hand_budget):
    figures = budget_queries.live_figures(hand_budget.budget)
    assert figures.problem == ""
    assert figures.years == YEARS
    for year in YEARS:
        assert figures.ceilings[year] == pytest.approx(CEILINGS[year])
        assert figures.trend[year] == pytest.approx(100)
    assert figures.shares == pytest.approx({Sector.TRANSPORT: 0.6, Sector.HEATING: 0.4})
    assert figures.shares_year == 2020
    assert figures.sector_release == figures.method_release == "Test release"


def test_units_get_the_sum_of_their_sector_parts(hand_budget):
    page = budget_queries.budget_page(hand_budget.budget)
    rows = {row.unit.name if row.unit else None: row for row in page.unit_rows}
    world = hand_budget.world
    assert rows[world.unit.name].ceilings == pytest.approx([CEILINGS[y] * 0.6 for y in YEARS])
    assert rows[world.sibling.name].ceilings == pytest.approx([CEILINGS[y] * 0.2 for y in YEARS])
    assert rows[None].ceilings == pytest.approx([CEILINGS[y] * 0.2 for y in YEARS])
    assert rows[world.unit.name].planned == [0, 10, 10, 10]
    assert rows[world.sibling.name].planned == [0, 0, 20, 20]


def test_planned_needed_and_gap_per_year(hand_budget):
    sums = budget_queries.budget_page(hand_budget.budget).year_sums
    assert [row.planned_t for row in sums] == [0, 10, 30, 30]
    assert [row.needed_t for row in sums] == pytest.approx([100 - CEILINGS[y] for y in YEARS])
    assert [row.gap_t for row in sums] == pytest.approx(
        [0, 100 - CEILINGS[2021] - 10, 100 - CEILINGS[2022] - 30, 100 - CEILINGS[2023] - 30]
    )
    assert sums[1].gap_t == pytest.approx(22.968, abs=0.001)


def test_cost_curve_runs_from_the_cheapest_tonne(hand_budget):
    page = budget_queries.budget_page(hand_budget.budget)
    assert [(measure.title, step.cost_per_tonne, step.cumulative_t) for measure, step in page.curve] == [
        ("Heat pumps", 2000, 20),
        ("Buses", 10_000, 30),
    ]
    assert page.totals == {"effect_t": 30, "cost_sek": 1_200_000, "funding_sek": 400_000}


def test_wedges_take_measures_off_the_trend(hand_budget):
    page = budget_queries.budget_page(hand_budget.budget)
    assert dict((m.title, values) for m, values in page.wedges) == {
        "Buses": [0, 10, 10, 10],
        "Heat pumps": [0, 0, 20, 20],
    }
    assert page.after_measures == pytest.approx([100, 90, 70, 70])


def test_follow_up_sets_outcome_against_ceiling_and_reported_effects(hand_budget):
    budget_services.record_effect(hand_budget.buses, year=2021, effect_t=8)
    budget_services.record_effect(hand_budget.heat_pumps, year=2021, effect_t=3)
    budget_services.record_effect(hand_budget.buses, year=2021, effect_t=9)  # replaces the earlier report
    rows = {row.year: row for row in budget_queries.budget_page(hand_budget.budget).follow_up}
    assert rows[2020].outcome_t == 100 and rows[2020].difference_t == pytest.approx(0)
    assert rows[2021].outcome_t is None and rows[2021].difference_t is None
    assert rows[2021].reported_t == 12 and rows[2021].planned_t == 10


def test_a_share_over_100_percent_is_refused_with_the_reason(hand_budget):
    budget = hand_budget.budget
    with pytest.raises(ValidationError) as refusal:
        budget_services.save_responsibility(
            SectorResponsibility(budget=budget, sector=Sector.HEATING, unit=hand_budget.world.unit, share_percent=60)
        )
    assert "would add up to 110 %" in str(refusal.value.message_dict["share_percent"])
    with pytest.raises(ValidationError) as refusal:
        budget_services.save_responsibility(
            SectorResponsibility(budget=budget, sector=Sector.WASTE, unit=hand_budget.world.unit, share_percent=120)
        )
    assert "at most 100 %" in refusal.value.message_dict["share_percent"][0]


def test_a_negative_effect_is_refused_with_the_reason(hand_budget):
    measure = Measure(
        budget=hand_budget.budget,
        unit=hand_budget.world.unit,
        title="Bad",
        sector=Sector.TRANSPORT,
        effect_t=-5,
        start_year=2021,
    )
    with pytest.raises(ValidationError) as refusal:
        budget_services.save_measure(measure)
    assert "cannot be negative" in refusal.value.message_dict["effect_t"][0]
    with pytest.raises(ValidationError):
        budget_services.record_effect(hand_budget.buses, year=2021, effect_t=-1)
    with pytest.raises(ValidationError) as refusal:
        budget_services.record_effect(hand_budget.buses, year=2030, effect_t=1)
    assert "2020–2023" in refusal.value.message_dict["year"][0]


def test_adoption_freezes_the_figures_and_locks_the_budget(hand_budget):
    budget = budget_services.adopt(hand_budget.budget, user=hand_budget.world.user("coordinator"))
    assert budget.is_adopted and budget.method_version == 1 and budget.adopted_by is not None
    Emission.objects.filter(release__key="test-budget", year=2020, sector="").update(value=1000)
    queries._series.cache_clear()
    assert budget_queries.live_figures(budget).ceilings[2021] != pytest.approx(CEILINGS[2021])
    figures = budget_queries.figures_for(budget)
    assert figures.ceilings[2021] == pytest.approx(CEILINGS[2021])  # frozen: not recomputed from the new figure
    hand_budget.buses.refresh_from_db()
    hand_budget.buses.effect_t = 99
    with pytest.raises(ValidationError, match="it is adopted"):
        budget_services.save_measure(hand_budget.buses)
    with pytest.raises(ValidationError, match="it is adopted"):
        budget_services.delete_responsibility(budget.responsibilities.first())
    with pytest.raises(ValidationError, match="it is adopted"):
        budget_services.delete_budget(budget)
    with pytest.raises(ValidationError, match="its status is"):
        budget_services.adopt(budget, user=None)
    budget_services.record_effect(hand_budget.buses, year=2021, effect_t=7)  # the follow-up goes on


def test_without_a_municipality_adoption_is_refused(hand_budget):
    organisation = hand_budget.budget.organisation
    organisation.municipality = None
    organisation.save()
    with pytest.raises(ValidationError, match="cannot be adopted: the organisation is not linked to a municipality"):
        budget_services.adopt(hand_budget.budget, user=None)


def test_a_measure_starts_an_action_with_itself_as_reason(hand_budget):
    action = budget_services.add_action(hand_budget.buses, title="Upphandla elbussar")
    assert Action.objects.for_reason(hand_budget.buses).get() == action
    assert list(hand_budget.buses.actions.all()) == [action]
    assert action.responsible_unit == hand_budget.world.unit
    with pytest.raises(ValidationError, match="actions were started"):
        budget_services.delete_measure(hand_budget.buses)
