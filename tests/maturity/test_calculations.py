"""Scoring, checked against numbers worked out by hand (see the rules in hallbar/maturity/calculations.py)."""

from decimal import Decimal

import pytest

from hallbar.maturity.calculations import change, mean, mean_change, next_stage, summarise


@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        ([1, 2, 2, 4], Decimal("2.3")),  # 9 / 4 = 2.25: halves round up
        ([1, 2], Decimal("1.5")),
        ([3], Decimal("3.0")),
        ([1, 1, 2], Decimal("1.3")),  # 4 / 3 = 1.333…
        ([2, 2, 3], Decimal("2.3")),  # 7 / 3 = 2.333…
        ([3, 3, 4], Decimal("3.3")),  # 10 / 3 = 3.333…
        ([1, 2, 2], Decimal("1.7")),  # 5 / 3 = 1.666…
        ([], None),
    ],
)
def test_mean_to_one_decimal(stages, expected):
    assert mean(stages) == expected


def test_summary_leaves_questions_without_a_stage_out():
    summary = summarise(["a", "b", "c", "d", "e"], {"a": 1, "b": 3, "c": 3, "d": None}, top=4)
    assert (summary.total, summary.assessed) == (5, 3)
    assert summary.mean == Decimal("2.3")  # (1 + 3 + 3) / 3, d and e are not counted as 0
    assert (summary.lowest, summary.at_lowest) == (1, ("a",))
    assert (summary.highest, summary.at_highest) == (3, ("b", "c"))
    assert summary.counts == {1: 1, 2: 0, 3: 2, 4: 0}
    assert not summary.is_complete


def test_summary_of_a_complete_assessment_and_of_nothing():
    complete = summarise([1, 2, 3, 4], {1: 2, 2: 2, 3: 2, 4: 2}, top=4)
    assert complete.is_complete and complete.mean == Decimal("2.0")
    assert complete.at_lowest == complete.at_highest == (1, 2, 3, 4)
    empty = summarise([1, 2], {}, top=4)
    assert (empty.assessed, empty.mean, empty.lowest, empty.highest, empty.at_lowest) == (0, None, None, None, ())
    assert empty.counts == {1: 0, 2: 0, 3: 0, 4: 0}


@pytest.mark.parametrize(
    ("current", "previous", "expected"), [(3, 1, 2), (1, 3, -2), (2, 2, 0), (None, 2, None), (2, None, None)]
)
def test_change_of_one_question(current, previous, expected):
    assert change(current, previous) == expected


def test_mean_change_counts_only_questions_assessed_both_times():
    current = {"a": 3, "b": 2, "c": None, "d": 4}
    previous = {"a": 1, "b": 2, "c": 4}  # d is new in the library
    # a and b: mean 2.5 now, 1.5 before.
    assert mean_change(["a", "b", "c", "d"], current, previous) == Decimal("1.0")
    assert mean_change(["a", "b"], {"a": 1, "b": 1}, {"a": 2, "b": 3}) == Decimal("-1.5")
    assert mean_change(["c", "d"], current, previous) is None


@pytest.mark.parametrize(("stage", "expected"), [(1, 2), (3, 4), (4, None), (None, None)])
def test_next_stage_is_the_one_above(stage, expected):
    assert next_stage(stage, top=4) == expected
