"""The default period of a review and how an indicator moved (plain functions, no database)."""

from datetime import date

import pytest

from hallbar.reviews.calculations import BETTER, UNCHANGED, WORSE, default_period, movement


def test_the_period_runs_from_the_day_after_the_previous_period_to_the_review():
    assert default_period(date(2026, 3, 10), date(2025, 3, 31)) == (date(2025, 4, 1), date(2026, 3, 10))


def test_without_a_previous_review_the_period_is_the_year_up_to_the_review():
    assert default_period(date(2026, 3, 10), None) == (date(2025, 3, 11), date(2026, 3, 10))
    assert default_period(date(2028, 2, 29), None) == (date(2027, 3, 1), date(2028, 2, 29))


def test_a_previous_period_ending_on_or_after_the_review_is_ignored():
    assert default_period(date(2026, 3, 10), date(2026, 3, 10)) == (date(2025, 3, 11), date(2026, 3, 10))


@pytest.mark.parametrize(
    ("latest", "previous", "direction", "expected"),
    [
        (3.6, 3.9, "decrease", BETTER),
        (3.9, 3.6, "decrease", WORSE),
        (70.0, 65.0, "increase", BETTER),
        (60.0, 65.0, "increase", WORSE),
        (5.0, 5.0, "increase", UNCHANGED),
        (5.0, None, "increase", None),
        (None, 5.0, "decrease", None),
    ],
)
def test_movement_follows_the_desired_direction(latest, previous, direction, expected):
    assert movement(latest, previous, direction) == expected
