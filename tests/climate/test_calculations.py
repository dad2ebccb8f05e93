"""The carbon-budget calculation, checked against figures worked out by hand.

Two areas, years 2015–2018: area A emits 10, 9, 8, 7 (trend 2025 − year, reaching zero in 2025),
area B emits 5 every year. Their reference-year sums are 34 and 20 of 54.
"""

import math
from datetime import date

import numpy as np
import pytest

from hallbar.climate.calculations import (
    BUDGET_SHARE,
    FIXED_RATE,
    Parameters,
    Series,
    allocate,
    as_date,
    estimated,
    evaluate,
    fit_trend,
    reference_shares,
)

YEARS = np.array([2015, 2016, 2017, 2018])
SERIES = Series(("A", "B"), YEARS, np.array([[10.0, 9, 8, 7], [5, 5, 5, 5]]))
SHARE = Parameters(BUDGET_SHARE, distributed_t=100.0, start_year=2018, reference_first_year=2015)


def test_trend_is_least_squares_over_the_reference_years():
    trend = fit_trend(SERIES, 2015)
    assert trend.slope == pytest.approx([-1.0, 0.0])
    assert trend.intercept == pytest.approx([2025.0, 5.0])
    assert trend.at([2020, 2030]) == pytest.approx(np.array([[5.0, 0.0], [5.0, 5.0]]))  # floored at zero
    assert trend.zero_year()[0] == pytest.approx(2025.0)
    assert math.isnan(trend.zero_year()[1])


def test_trend_skips_missing_years_and_years_before_the_reference_period():
    # 2010 is outside the reference period; 2017 has no figure. Points (2015, 4), (2016, 6), (2020, 14):
    # mean year 2017, mean value 8, Sxy = (−2)(−4) + (−1)(−2) + 3·6 = 28, Sxx = 4 + 1 + 9 = 14 → slope 2.
    series = Series(("X",), np.array([2010, 2015, 2016, 2017, 2020]), np.array([[500.0, 4, 6, np.nan, 14]]))
    trend = fit_trend(series, 2015)
    assert trend.slope[0] == pytest.approx(2.0)
    assert trend.intercept[0] == pytest.approx(8 - 2 * 2017)


def test_fewer_than_three_values_give_no_trend():
    series = Series(("X",), np.array([2015, 2016, 2017]), np.array([[4.0, np.nan, 6]]))
    assert math.isnan(fit_trend(series, 2015).slope[0])


def test_shares_follow_the_reference_year_emissions():
    assert reference_shares(SERIES, 2015) == pytest.approx([34 / 54, 20 / 54])
    assert reference_shares(SERIES, 2017) == pytest.approx([15 / 25, 10 / 25])


def test_recorded_years_as_recorded_later_years_from_the_trend():
    assert estimated(SERIES, fit_trend(SERIES, 2015), [2017, 2019]) == pytest.approx(np.array([[8.0, 6.0], [5.0, 5.0]]))


def test_budget_share_method_worked_by_hand():
    budgets = allocate(SERIES, SHARE, current_year=2020)
    budget_a, budget_b = 100 * 34 / 54, 100 * 20 / 54  # 62.963 and 37.037
    assert budgets.budget_t == pytest.approx([budget_a, budget_b])
    assert budgets.start_emission_t == pytest.approx([7.0, 5.0])  # 2018 as recorded
    assert budgets.emitted_t == pytest.approx([7 + 6, 5 + 5])  # 2018 recorded, 2019 from the trend
    assert budgets.remaining_t == pytest.approx([budget_a - 13, budget_b - 10])
    # Needed annual reduction 1 − exp(−E0/B): A 1 − exp(−7/62.963) = 10.52 %, B 1 − exp(−5/37.037) = 12.63 %.
    assert budgets.annual_reduction == pytest.approx([0.105219, 0.126284], abs=1e-6)
    # The path starts at E0 in the start year and falls as exp(−(E0/B)(t − start)).
    assert budgets.path([2018, 2019])[0] == pytest.approx([7.0, 7 * math.exp(-7 / budget_a)])
    # A's trend reaches zero after emitting 7+6+…+1 = 28 < 62.96: the budget never runs out on the trend.
    assert math.isnan(budgets.runs_out[0])
    # B emits 5 a year: 37.037 / 5 = 7.407 years after 1 January 2018.
    assert budgets.runs_out[1] == pytest.approx(2018 + 37.037037 / 5)


def test_path_spends_exactly_the_budget():
    budgets = allocate(SERIES, SHARE, current_year=2020)
    # ∫ E0·exp(−k t) dt from 0 to ∞ = E0 / k = B
    assert (budgets.path_start_t / budgets.path_decay) == pytest.approx(budgets.budget_t)


def test_gap_is_trend_minus_path():
    budgets = allocate(SERIES, SHARE, current_year=2020)
    assert budgets.gap([2019])[1, 0] == pytest.approx(5 - 5 * math.exp(-5 / (100 * 20 / 54)))


def test_a_spent_budget_gives_a_negative_remainder_and_a_past_run_out_date():
    budgets = evaluate(SERIES.subset(["B"]), np.array([8.0]), SHARE, current_year=2020)
    assert budgets.remaining_t[0] == pytest.approx(8 - 10)
    assert budgets.runs_out[0] == pytest.approx(2019 + (8 - 5) / 5)  # 5 in 2018, 3 of 5 in 2019


def test_fixed_rate_method_starts_this_year_from_the_trend():
    rate = 0.1172
    budgets = allocate(SERIES, Parameters(FIXED_RATE, 0, 2018, 2015, annual_reduction=rate), current_year=2020)
    decay = -math.log(1 - rate)  # 0.124654
    assert budgets.path_year == 2020
    assert budgets.path_start_t == pytest.approx([5.0, 5.0])  # both trends give 5 in 2020
    assert budgets.path([2021])[:, 0] == pytest.approx([5 * (1 - rate)] * 2)
    assert budgets.remaining_t == pytest.approx([5 / decay] * 2)  # what the path still emits
    assert budgets.budget_t == pytest.approx([13 + 5 / decay, 10 + 5 / decay])
    assert budgets.annual_reduction == pytest.approx([rate, rate])


def test_groups_are_sums_of_their_members_and_a_missing_figure_is_never_summed_away():
    summed = SERIES.summed({"AB": ["A", "B"]})
    assert summed.values[0] == pytest.approx([15, 14, 13, 12])
    gappy = Series(("A", "B"), YEARS, np.array([[1.0, 1, 1, 1], [1, np.nan, 1, 1]]))
    assert math.isnan(gappy.summed({"AB": ["A", "B"]}).values[0, 1])


def test_current_year_before_the_start_year_has_spent_nothing():
    budgets = allocate(SERIES, SHARE, current_year=2016)
    assert budgets.emitted_t == pytest.approx([0.0, 0.0])
    assert budgets.remaining_t == pytest.approx(budgets.budget_t)


def test_fractional_years_become_dates():
    assert as_date(2026.0) == date(2026, 1, 1)
    assert as_date(2026.5) == date(2026, 7, 2)
    assert as_date(2024.9999) == date(2024, 12, 31)
    assert as_date(float("nan")) is None
