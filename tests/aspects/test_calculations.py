"""Significance and review dates, checked against results worked out by hand
(docs/methods/aspect-significance.md)."""

from datetime import date

import pytest

from hallbar.aspects.calculations import Method, add_months, assess, combine, next_review, threshold_bounds


def test_sum_and_highest_by_hand():
    assert combine([4, 3, 5, 1, 2], Method.SUM) == 15  # 4 + 3 + 5 + 1 + 2
    assert combine([4, 3, 5, 1, 2], Method.HIGHEST) == 5
    assert combine([], Method.SUM) is None


@pytest.mark.parametrize("bad", [0, 6, 2.5, True, "3"])
def test_scores_outside_the_scale_are_refused(bad):
    with pytest.raises(ValueError):
        combine([3, bad], Method.SUM)


def test_significant_from_the_threshold_on():
    active = [1, 2, 3, 4, 5]
    exactly = {1: 3, 2: 3, 3: 3, 4: 3, 5: 3}  # 15
    below = {1: 3, 2: 3, 3: 3, 4: 3, 5: 2}  # 14
    assert assess(exactly, active, Method.SUM, 15).significant
    assert assess(exactly, active, Method.SUM, 15).score == 15
    assert not assess(below, active, Method.SUM, 15).significant


def test_one_high_score_is_enough_with_the_highest_method():
    scores = {1: 1, 2: 1, 3: 1, 4: 5, 5: 1}  # legal concern 5, the rest 1: sum 9, highest 5
    assert not assess(scores, [1, 2, 3, 4, 5], Method.SUM, 15).significant
    result = assess(scores, [1, 2, 3, 4, 5], Method.HIGHEST, 4)
    assert (result.score, result.significant) == (5, True)


def test_inactive_criteria_are_ignored_and_missing_ones_counted():
    scores = {1: 5, 2: 5, 3: 5, 9: 5}  # criterion 9 is inactive
    result = assess(scores, [1, 2, 3, 4], Method.SUM, 15)
    assert (result.score, result.significant, result.missing, result.complete) == (15, True, 1, False)
    result = assess({9: 5}, [1, 2], Method.SUM, 2)
    assert (result.score, result.scored, result.significant, result.missing) == (None, False, False, 2)


def test_threshold_bounds():
    assert threshold_bounds(Method.SUM, 5) == (5, 25)
    assert threshold_bounds(Method.HIGHEST, 5) == (1, 5)
    assert threshold_bounds(Method.SUM, 0) == (1, 5)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 3, 15), 12, date(2026, 3, 15)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),  # no 30 February
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_next_review_from_the_latest_review_or_the_start():
    assert next_review(date(2025, 5, 20), date(2020, 1, 1), 12) == date(2026, 5, 20)
    assert next_review(None, date(2025, 2, 10), 6) == date(2025, 8, 10)
