"""Scoring a maturity self-assessment: plain arithmetic on stages, no database.

- The *stage* of a question is the stage the participants chose (1–4); a question without a chosen
  stage is *not assessed* and is left out of every figure below (never counted as 0).
- The *summary* of a set of questions (a part of the matrix, or all of them): how many were assessed
  out of how many, the mean stage (to one decimal, halves rounded up), the lowest and highest stage
  and which questions sit there, and how many questions are at each stage.
- The *change* of a question since an earlier assessment is the difference of the two stages; it
  is unknown (None) when either is not assessed. The change of the mean is the difference of the
  two means over the questions assessed both times, so that a question added to the library or left
  unanswered does not move it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Summary:
    total: int
    assessed: int
    mean: Decimal | None
    lowest: int | None
    highest: int | None
    at_lowest: tuple[Hashable, ...]
    at_highest: tuple[Hashable, ...]
    counts: dict[int, int]  # stage -> number of questions at that stage

    @property
    def is_complete(self) -> bool:
        return self.assessed == self.total


def mean(stages: Iterable[int]) -> Decimal | None:
    """The mean to one decimal (2.25 → 2.3), or None without stages."""
    stages = list(stages)
    if not stages:
        return None
    return (Decimal(sum(stages)) / len(stages)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def summarise(keys: Iterable[Hashable], stages: Mapping[Hashable, int | None], top: int) -> Summary:
    """The summary of the questions ``keys`` (in order), given the chosen stage of each, on a scale 1..top."""
    keys = list(keys)
    chosen = {key: stages[key] for key in keys if stages.get(key) is not None}
    lowest = min(chosen.values(), default=None)
    highest = max(chosen.values(), default=None)
    return Summary(
        total=len(keys),
        assessed=len(chosen),
        mean=mean(chosen.values()),
        lowest=lowest,
        highest=highest,
        at_lowest=tuple(key for key, stage in chosen.items() if stage == lowest),
        at_highest=tuple(key for key, stage in chosen.items() if stage == highest),
        counts={number: sum(1 for stage in chosen.values() if stage == number) for number in range(1, top + 1)},
    )


def change(current: int | None, previous: int | None) -> int | None:
    """How many stages a question moved (negative: down); None when either stage is missing."""
    if current is None or previous is None:
        return None
    return current - previous


def mean_change(
    keys: Iterable[Hashable], current: Mapping[Hashable, int | None], previous: Mapping[Hashable, int | None]
) -> Decimal | None:
    """The change of the mean stage over the questions assessed both times; None when there are none."""
    both = [key for key in keys if current.get(key) is not None and previous.get(key) is not None]
    if not both:
        return None
    return mean(current[key] for key in both) - mean(previous[key] for key in both)


def next_stage(stage: int | None, top: int) -> int | None:
    """The stage to aim for next: the one above, or None at the top (or when not assessed)."""
    if stage is None or stage >= top:
        return None
    return stage + 1
