"""The EMAS core indicators A / B = R, checked against values worked out by hand."""

import math

import pytest

from hallbar.reviews.statement.calculations import (
    Figure,
    Gap,
    comparison_years,
    figures,
    ratio,
    relative_change,
)


def test_r_is_a_divided_by_b():
    # 10 800 MWh used by 2 500 employees: 4.32 MWh per employee.
    assert ratio(10_800, 2_500) == (pytest.approx(4.32), None)


@pytest.mark.parametrize(
    ("a", "b", "gap"),
    [
        (None, 2_500, Gap.NO_A),
        (None, None, Gap.NO_A),  # the first reason that applies
        (math.nan, 2_500, Gap.NO_A),
        (10_800, None, Gap.NO_B),
        (10_800, math.inf, Gap.NO_B),
        (10_800, 0, Gap.B_NOT_POSITIVE),
        (10_800, -3, Gap.B_NOT_POSITIVE),
    ],
)
def test_r_is_not_reported_without_a_usable_a_and_b(a, b, gap):
    assert ratio(a, b) == (None, gap)


def test_a_of_zero_gives_r_of_zero():
    assert ratio(0, 2_500) == (0, None)


def test_relative_change():
    assert relative_change(4.75, 4.32) == pytest.approx(-0.0905263, abs=1e-6)  # (4.32 − 4.75) / 4.75
    assert relative_change(2.0, 3.0) == pytest.approx(0.5)
    assert relative_change(-2.0, -1.0) == pytest.approx(0.5)  # less negative is an increase
    assert relative_change(0, 3.0) is None
    assert relative_change(None, 3.0) is None
    assert relative_change(2.0, None) is None


def test_comparison_years_end_with_the_reporting_year():
    assert comparison_years(2025) == [2023, 2024, 2025]
    assert comparison_years(2025, count=1) == [2025]


def test_figures_for_three_years_with_a_gap():
    a = {2023: 12_000, 2024: 11_400, 2025: 10_800}
    b = {2023: 2_400, 2025: 2_500}  # no reference figure for 2024
    rows = figures(a, b, [2023, 2024, 2025])
    assert rows == [
        Figure(2023, 12_000.0, 2_400.0, 5.0, None, None),
        Figure(2024, 11_400.0, None, None, Gap.NO_B, None),
        Figure(2025, 10_800.0, 2_500.0, pytest.approx(4.32), None, None),  # no change: 2024 has no R
    ]


def test_figures_compare_with_the_year_before():
    rows = figures({2024: 11_400, 2025: 10_800}, {2024: 2_400, 2025: 2_500}, [2024, 2025])
    assert rows[0].change is None
    # R 4.75 → 4.32: a decrease of 9.05 %.
    assert rows[1].r == pytest.approx(4.32)
    assert rows[1].change == pytest.approx((4.32 - 4.75) / 4.75)


def test_figures_for_years_without_any_values():
    assert figures({}, {}, [2025]) == [Figure(2025, None, None, None, Gap.NO_A, None)]
