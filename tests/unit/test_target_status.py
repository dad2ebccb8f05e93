"""Target status, with every expected number worked out by hand (see docs/methods/target-status.md)."""

import pytest

from hallbar.indicators.calculations import Direction, Status, assess_target, fit_line


def test_fit_line_by_hand():
    # x: 2020..2023, y: 100, 98, 97, 95. Means 2021.5 and 97.5; Sxy = -8, Sxx = 5 → slope -1.6.
    line = fit_line([(2020, 100), (2021, 98), (2022, 97), (2023, 95)])
    assert line.slope == pytest.approx(-1.6)
    assert line.at(2021.5) == pytest.approx(97.5)
    assert line.at(2030) == pytest.approx(83.9)


def test_decreasing_target_on_track():
    # 10, 9, 8 → slope -1, projected 2025 = 4. Required 10 → 5 (−5), projected change −6: share 1.2.
    result = assess_target(
        {2019: 10, 2020: 9, 2021: 8}, baseline_value=10, target_value=5, target_year=2025, direction=Direction.DECREASE
    )
    assert result.status == Status.ON_TRACK
    assert result.projected == pytest.approx(4)
    assert result.share == pytest.approx(1.2)


def test_decreasing_target_at_risk():
    # Projected 2030 = 83.9 (above). Required 100 → 80 (−20), projected change −16.1: share 0.805.
    result = assess_target(
        {2020: 100, 2021: 98, 2022: 97, 2023: 95},
        baseline_value=100,
        target_value=80,
        target_year=2030,
        direction="decrease",
    )
    assert result.status == Status.AT_RISK
    assert result.share == pytest.approx(0.805)


def test_increasing_target_off_track():
    # 40, 39, 41 → slope 0.5, projected 2030 = 44. Required 40 → 60 (+20), change +4: share 0.2.
    result = assess_target(
        {2021: 40, 2022: 39, 2023: 41},
        baseline_value=40,
        target_value=60,
        target_year=2030,
        direction=Direction.INCREASE,
    )
    assert result.status == Status.OFF_TRACK
    assert result.projected == pytest.approx(44)
    assert result.share == pytest.approx(0.2)


def test_trend_away_from_target_is_off_track():
    # Emissions rising 50, 52, 54 while the target asks for a decrease: share is negative.
    result = assess_target(
        {2021: 50, 2022: 52, 2023: 54}, baseline_value=50, target_value=25, target_year=2030, direction="decrease"
    )
    assert result.status == Status.OFF_TRACK
    assert result.share < 0


def test_fewer_than_three_values_is_not_enough_data():
    result = assess_target(
        {2022: 5, 2023: None, 2024: 4}, baseline_value=5, target_value=1, target_year=2030, direction="decrease"
    )
    assert result.status == Status.NOT_ENOUGH_DATA
    assert result.points_used == 2 and result.projected is None


def test_only_the_latest_window_counts():
    # 2010–2015 are all 0; the last five (2016–2020) are 1..5, slope exactly 1, projected 2025 = 10.
    values = {year: 0 for year in range(2010, 2016)} | {2016: 1, 2017: 2, 2018: 3, 2019: 4, 2020: 5}
    result = assess_target(values, baseline_value=1, target_value=8, target_year=2025, direction="increase")
    assert result.points_used == 5
    assert result.projected == pytest.approx(10)
    assert result.status == Status.ON_TRACK  # share (10 − 1) / (8 − 1) = 9/7


@pytest.mark.parametrize(
    ("values", "direction", "expected"),
    [
        ({2021: 3, 2022: 3, 2023: 3}, "decrease", Status.ON_TRACK),  # flat: holds the level
        ({2021: 3, 2022: 4, 2023: 5}, "decrease", Status.OFF_TRACK),  # rising where it should not
        ({2021: 3, 2022: 4, 2023: 5}, "increase", Status.ON_TRACK),
    ],
)
def test_target_equal_to_baseline_means_hold_the_level(values, direction, expected):
    result = assess_target(values, baseline_value=3, target_value=3, target_year=2030, direction=direction)
    assert result.status == expected


def test_fit_line_needs_two_different_years():
    with pytest.raises(ValueError):
        fit_line([(2020, 1)])
    with pytest.raises(ValueError):
        fit_line([(2020, 1), (2020, 2)])
