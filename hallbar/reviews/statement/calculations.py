"""The EMAS core indicators in the form A / B = R: pure arithmetic, no Django, no database.

The rule (docs/methods/emas-core-indicators.md explains it with worked examples):

1. **A** is the annual total input or impact in an area (MWh of energy, tonnes of waste …) and **B**
   the annual reference figure (e.g. the number of employees), both whole-year values of the whole
   organisation. **R = A / B.**
2. R is reported only when A and B are both reported (a finite number) and B is above zero. Otherwise
   R is *not reported*, with the first reason that applies: no value for A, no value for B, or B is
   zero or negative. Nothing is estimated or carried over from another year.
3. Each year is shown with the years before it for comparison (:data:`COMPARISON_YEARS` in all). The
   change in R since the year before is (R − R_before) / |R_before|; it is left out when either R is
   not reported or R_before is zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

COMPARISON_YEARS = 3  # the reporting year and the two years before it


class Gap(StrEnum):
    """Why R is not reported for a year."""

    NO_A = "no_a"
    NO_B = "no_b"
    B_NOT_POSITIVE = "b_not_positive"


@dataclass(frozen=True)
class Figure:
    """One year of a core indicator: A, B, R (or why R is missing) and R's change since the year before."""

    year: int
    a: float | None
    b: float | None
    r: float | None
    gap: Gap | None
    change: float | None  # e.g. -0.05: R is 5 % lower than the year before


def reported(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def ratio(a: float | None, b: float | None) -> tuple[float | None, Gap | None]:
    """R = A / B, or ``(None, reason)`` when it cannot be reported."""
    if not reported(a):
        return None, Gap.NO_A
    if not reported(b):
        return None, Gap.NO_B
    if b <= 0:
        return None, Gap.B_NOT_POSITIVE
    return a / b, None


def relative_change(before: float | None, now: float | None) -> float | None:
    """(now − before) / |before|; None when either is missing or ``before`` is zero."""
    if not reported(before) or not reported(now) or before == 0:
        return None
    return (now - before) / abs(before)


def comparison_years(year: int, count: int = COMPARISON_YEARS) -> list[int]:
    """The reporting year with the years before it, oldest first: 2023, 2024, 2025 for 2025."""
    return list(range(year - count + 1, year + 1))


def figures(a_values: Mapping[int, float], b_values: Mapping[int, float], years: Iterable[int]) -> list[Figure]:
    """A, B and R for each of ``years`` (oldest first), from year → value mappings of A and B."""
    rows: list[Figure] = []
    previous_r: float | None = None
    for year in years:
        a, b = _clean(a_values.get(year)), _clean(b_values.get(year))
        r, gap = ratio(a, b)
        rows.append(Figure(year, a, b, r, gap, relative_change(previous_r, r)))
        previous_r = r
    return rows


def _clean(value: float | None) -> float | None:
    return float(value) if reported(value) else None
