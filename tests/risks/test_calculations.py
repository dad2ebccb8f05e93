"""The matrix maths, checked against values worked out by hand (see docs/methods/risk-matrix.md)."""

import pytest

from hallbar.risks import calculations
from hallbar.risks.calculations import HIGH, LOW, MEDIUM, VERY_HIGH, Bands

FIVE_BY_FIVE = (5, 10, 16)  # medium from 5, high from 10, very high from 16


@pytest.mark.parametrize(
    ("likelihood", "consequence", "score"), [(1, 1, 1), (2, 3, 6), (3, 2, 6), (4, 5, 20), (5, 5, 25), (3, 4, 12)]
)
def test_score_is_likelihood_times_consequence(likelihood, consequence, score):
    assert calculations.score(likelihood, consequence) == score


def test_max_score():
    assert calculations.max_score(5, 5) == 25
    assert calculations.max_score(3, 4) == 12


@pytest.mark.parametrize(
    ("score", "level"),
    [(1, LOW), (4, LOW), (5, MEDIUM), (9, MEDIUM), (10, HIGH), (15, HIGH), (16, VERY_HIGH), (25, VERY_HIGH)],
)
def test_level_by_thresholds_at_and_around_each_boundary(score, level):
    assert calculations.level_for_score(score, FIVE_BY_FIVE) == level


def test_bands_by_thresholds_and_by_cell():
    by_thresholds = Bands(5, 5, FIVE_BY_FIVE)
    assert by_thresholds.level(2, 2) == LOW  # 4
    assert by_thresholds.level(2, 3) == MEDIUM  # 6
    assert by_thresholds.level(3, 4) == HIGH  # 12
    assert by_thresholds.level(4, 4) == VERY_HIGH  # 16
    cells = (
        (LOW, LOW, MEDIUM),
        (LOW, MEDIUM, HIGH),
        (MEDIUM, HIGH, VERY_HIGH),
    )
    by_cell = Bands(3, 3, (3, 6, 9), cells)
    assert by_cell.level(1, 3) == MEDIUM  # score 3, which the thresholds would also call medium
    assert by_cell.level(2, 3) == HIGH  # score 6: high by cell
    assert by_cell.level(3, 1) == MEDIUM
    assert by_cell.level(3, 3) == VERY_HIGH


def test_cells_from_thresholds_3_by_3():
    # scores: row 1: 1 2 3; row 2: 2 4 6; row 3: 3 6 9 — with medium 3, high 6, very high 9
    assert calculations.cells_from_thresholds(3, 3, (3, 6, 9)) == (
        (LOW, LOW, MEDIUM),
        (LOW, MEDIUM, HIGH),
        (MEDIUM, HIGH, VERY_HIGH),
    )


def test_cells_from_thresholds_have_one_row_per_likelihood_and_one_column_per_consequence():
    cells = calculations.cells_from_thresholds(4, 3, (3, 6, 9))
    assert len(cells) == 4 and all(len(row) == 3 for row in cells)
    assert cells[3] == (MEDIUM, HIGH, VERY_HIGH)  # likelihood 4: scores 4, 8, 12


@pytest.mark.parametrize(
    ("thresholds", "size", "problems"),
    [
        ((5, 10, 16), (5, 5), []),
        ((5, 10, 25), (5, 5), []),  # the highest score itself is allowed
        ((1, 10, 16), (5, 5), ["start"]),
        ((10, 10, 16), (5, 5), ["order"]),
        ((5, 12, 10), (5, 5), ["order"]),
        ((5, 10, 26), (5, 5), ["maximum"]),
        ((5, 10, 16), (3, 3), ["maximum"]),  # 3 × 3 tops out at 9
        ((1, 1, 30), (3, 3), ["start", "order", "maximum"]),
    ],
)
def test_threshold_problems(thresholds, size, problems):
    assert calculations.threshold_problems(thresholds, *size) == problems


def test_grid_fits():
    grid = [[LOW] * 4 for _ in range(3)]
    assert calculations.grid_fits(grid, 3, 4)
    assert not calculations.grid_fits(grid, 4, 3)
    assert not calculations.grid_fits([[LOW, "bogus", LOW, LOW]] * 3, 3, 4)
    assert not calculations.grid_fits("low", 3, 4)


def test_decreasing_cells_are_found():
    ok = calculations.cells_from_thresholds(3, 3, (3, 6, 9))
    assert calculations.decreasing_cells(ok) == []
    bad = (
        (LOW, MEDIUM, LOW),  # (1, 3) is lower than (1, 2) to its left
        (LOW, MEDIUM, HIGH),
        (LOW, HIGH, VERY_HIGH),  # (3, 1) is fine: low under low
    )
    assert calculations.decreasing_cells(bad) == [(1, 3)]
    lower_above = ((MEDIUM, MEDIUM), (LOW, HIGH))  # (2, 1) is lower than (1, 1) below it
    assert calculations.decreasing_cells(lower_above) == [(2, 1)]


def test_rank_orders_levels():
    assert [calculations.rank(level) for level in (LOW, MEDIUM, HIGH, VERY_HIGH)] == [0, 1, 2, 3]
