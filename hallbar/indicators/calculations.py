"""Target status from indicator values: a pure, documented calculation (no Django, no database).

The rule (see docs/methods/target-status.md for the reasoning and worked examples):

1. Take the most recent values, at most ``window`` of them (default 5), one per year.
2. With fewer than ``min_points`` (default 3) values there is **not enough data**.
3. Fit an ordinary least-squares line value = a + b·year through them.
4. Project the line to the target year.
5. Compare the projected change since the baseline with the change the target asks for:
   share = (projected − baseline) / (target − baseline).
   share ≥ 1 → **on track**; 0.5 ≤ share < 1 → **at risk**; share < 0.5 → **off track**.
   For a target that asks for no change (target = baseline) the projection must not move in the
   undesired direction: on track if it does not, off track if it does.

The desired direction ("increase" or "decrease") only decides what "undesired" means for a
target equal to its baseline; otherwise the sign of (target − baseline) already carries it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_ENOUGH_DATA = "not_enough_data"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


AT_RISK_SHARE = 0.5


@dataclass(frozen=True)
class Line:
    intercept: float
    slope: float

    def at(self, year: float) -> float:
        return self.intercept + self.slope * year


@dataclass(frozen=True)
class Assessment:
    status: Status
    projected: float | None = None
    share: float | None = None  # share of the required change reached by the target year
    line: Line | None = None
    points_used: int = 0


def fit_line(points: Iterable[tuple[float, float]]) -> Line:
    """Ordinary least squares through (x, y) points; needs two distinct x values."""
    pts = list(points)
    n = len(pts)
    if n < 2:
        raise ValueError("A line needs at least two points.")
    mean_x = math.fsum(x for x, _ in pts) / n
    mean_y = math.fsum(y for _, y in pts) / n
    sxx = math.fsum((x - mean_x) ** 2 for x, _ in pts)
    if sxx == 0:
        raise ValueError("A line needs at least two different years.")
    sxy = math.fsum((x - mean_x) * (y - mean_y) for x, y in pts)
    slope = sxy / sxx
    return Line(intercept=mean_y - slope * mean_x, slope=slope)


def recent_points(values: dict[int, float], window: int) -> list[tuple[int, float]]:
    """The latest ``window`` (year, value) pairs, oldest first, ignoring missing values."""
    present = sorted((year, value) for year, value in values.items() if value is not None)
    return present[-window:]


def assess_target(
    values: dict[int, float],
    *,
    baseline_value: float,
    target_value: float,
    target_year: int,
    direction: Direction | str,
    window: int = 5,
    min_points: int = 3,
) -> Assessment:
    """Status of one target given its indicator's yearly values (year → value)."""
    points = recent_points(values, window)
    if len(points) < min_points or len({year for year, _ in points}) < 2:
        return Assessment(Status.NOT_ENOUGH_DATA, points_used=len(points))
    line = fit_line(points)
    projected = line.at(target_year)
    required = target_value - baseline_value
    if required == 0:
        moved = projected - baseline_value
        undesired = moved < 0 if Direction(direction) == Direction.INCREASE else moved > 0
        status = Status.OFF_TRACK if undesired and not math.isclose(moved, 0, abs_tol=1e-9) else Status.ON_TRACK
        return Assessment(status, projected, None, line, len(points))
    share = (projected - baseline_value) / required
    if share >= 1 or math.isclose(share, 1):
        status = Status.ON_TRACK
    elif share >= AT_RISK_SHARE:
        status = Status.AT_RISK
    else:
        status = Status.OFF_TRACK
    return Assessment(status, projected, share, line, len(points))
