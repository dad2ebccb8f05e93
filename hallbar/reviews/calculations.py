"""Plain rules of the management review, without the database: the default period and how an
indicator moved."""

from datetime import date, timedelta

BETTER, WORSE, UNCHANGED = "better", "worse", "unchanged"


def default_period(review_date: date, previous_period_end: date | None) -> tuple[date, date]:
    """The period a review covers unless another is chosen: from the day after the previous review's
    period ended (a year before the review when there is none) up to the day of the review."""
    if previous_period_end is not None and previous_period_end < review_date:
        start = previous_period_end + timedelta(days=1)
    else:
        try:
            start = review_date.replace(year=review_date.year - 1) + timedelta(days=1)
        except ValueError:  # 29 February
            start = review_date.replace(year=review_date.year - 1, day=28) + timedelta(days=1)
    return start, review_date


def movement(latest: float | None, previous: float | None, direction: str) -> str | None:
    """Whether an indicator moved the desired way since the value before: BETTER, WORSE or UNCHANGED;
    None without both values. ``direction`` is "increase" (higher is better) or "decrease"."""
    if latest is None or previous is None:
        return None
    if latest == previous:
        return UNCHANGED
    rising = latest > previous
    return BETTER if rising == (direction == "increase") else WORSE
