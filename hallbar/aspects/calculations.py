"""The pure maths of the aspects register: significance from criterion scores, and review dates.

No database, no settings: every function takes plain values, so the rules can be checked by hand
(tests/aspects/test_calculations.py) and are described in docs/methods/aspect-significance.md.

Significance
    Each active criterion of the organisation is scored from 1 (very low) to 5 (very high). The
    scores are combined by the organisation's method — the **sum** of the scores, or the **highest**
    score — and the aspect is significant when the result reaches the threshold (``>=``).
    Scores of inactive criteria are kept but ignored. An aspect without any score of an active
    criterion is *not scored* (never significant). When some active criteria lack a score (one was
    added after the scoring), the result uses the scores there are and the aspect is flagged for
    rescoring; both methods only grow as scores are added, so "significant" is already certain then,
    while "not significant" may change with the missing scores.

Reviews
    The register is reviewed every ``interval`` months: the next review falls that many months after
    the latest review, or — never reviewed — after the register was started.
"""

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

SCALE_MIN = 1
SCALE_MAX = 5
SCALE = range(SCALE_MIN, SCALE_MAX + 1)


class Method(models.TextChoices):
    SUM = "sum", _("Sum of the scores")
    HIGHEST = "highest", _("Highest score")


@dataclass(frozen=True)
class Assessment:
    """The significance of one aspect: its combined score (None: not scored), whether it reaches the
    threshold, and how many active criteria have no score yet."""

    score: int | None
    significant: bool
    missing: int

    @property
    def scored(self) -> bool:
        return self.score is not None

    @property
    def complete(self) -> bool:
        return self.scored and self.missing == 0


def check_score(score: int) -> int:
    if not isinstance(score, int) or isinstance(score, bool) or score not in SCALE:
        raise ValueError(f"A score is a whole number from {SCALE_MIN} to {SCALE_MAX}, not {score!r}.")
    return score


def combine(scores: Iterable[int], method: str) -> int | None:
    """The sum or the highest of ``scores``; None when there are none."""
    scores = [check_score(score) for score in scores]
    if not scores:
        return None
    if method == Method.SUM:
        return sum(scores)
    if method == Method.HIGHEST:
        return max(scores)
    raise ValueError(f"Unknown method {method!r}.")


def assess(scores: Mapping[int, int], active_criteria: Iterable[int], method: str, threshold: int) -> Assessment:
    """Assess one aspect: ``scores`` by criterion id, the ids of the organisation's active criteria."""
    active = list(active_criteria)
    score = combine((scores[criterion] for criterion in active if criterion in scores), method)
    missing = sum(1 for criterion in active if criterion not in scores)
    return Assessment(score=score, significant=score is not None and score >= threshold, missing=missing)


def threshold_bounds(method: str, active_count: int) -> tuple[int, int]:
    """The thresholds that make sense: from the lowest to the highest result the method can give."""
    if method == Method.SUM:
        return SCALE_MIN * max(active_count, 1), SCALE_MAX * max(active_count, 1)
    return SCALE_MIN, SCALE_MAX


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months on; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(last_review: date | None, started: date, interval_months: int) -> date:
    """When the register (or a part of it) is next due for review."""
    return add_months(last_review or started, interval_months)
