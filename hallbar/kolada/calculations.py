"""Peer statistics for one KPI: how the organisation's value compares with its comparison group.

Pure functions, no database. The method is described for readers in docs/methods/peer-comparison.md.

Per year:

* **n** is the number of peers with a value that year. The organisation's own municipality is never
  counted among its peers (it is removed from the peer list if the chosen group contains it).
* **median, lower and upper quartile** are computed over the peers' values only (not the own value),
  with linear interpolation between order statistics: for sorted values x₁ ≤ … ≤ xₙ the p-quantile is
  found at position h = (n − 1)·p + 1, and Q(p) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). This is
  Hyndman & Fan's type 7, the default of R and NumPy and what Excel's QUARTILE.INC / KVARTIL.INK
  gives, so a coordinator can check the numbers in a spreadsheet. With one peer all three equal its
  value; with none they are empty.
* **rank** is the own position among peers + own (so out of n + 1), 1 = best according to the
  desired direction (highest value first when higher is better). Equal values share the best rank
  of their group and the next rank is skipped (1, 2, 2, 4: "competition ranking"). Without an own
  value or without a direction there is no rank.
* **versus_median** is "better", "worse" or "equal": the own value against the peers' median in the
  desired direction (empty without own value, peers or direction).
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

INCREASE, DECREASE = "increase", "decrease"  # the values of indicators.calculations.Direction


@dataclass(frozen=True)
class PeerYear:
    year: int
    own: float | None
    n: int  # peers with a value this year (the own municipality not included)
    median: float | None
    lower_quartile: float | None
    upper_quartile: float | None
    rank: int | None  # 1 = best among peers + own
    rank_of: int  # n + 1 when there is an own value, else n
    versus_median: str | None = None  # "better", "worse", "equal"

    @property
    def has_peers(self) -> bool:
        return self.n > 0


def quantile(sorted_values: list[float], p: float) -> float | None:
    """The p-quantile (0 ≤ p ≤ 1) of already sorted values, type 7 (see the module docstring)."""
    if not 0 <= p <= 1:
        raise ValueError(f"p must be between 0 and 1, got {p}")
    n = len(sorted_values)
    if n == 0:
        return None
    h = (n - 1) * p
    low = math.floor(h)
    high = min(low + 1, n - 1)
    return sorted_values[low] + (h - low) * (sorted_values[high] - sorted_values[low])


def competition_rank(own: float, others: Iterable[float], direction: str) -> int:
    """1 + the number of others strictly better than ``own``; ties share a rank."""
    if direction == INCREASE:
        return 1 + sum(1 for value in others if value > own)
    if direction == DECREASE:
        return 1 + sum(1 for value in others if value < own)
    raise ValueError(f"direction must be {INCREASE!r} or {DECREASE!r}, got {direction!r}")


def compare(own: float, reference: float, direction: str) -> str:
    """ "better", "worse" or "equal" (within a relative 1e-9) in the desired direction."""
    if math.isclose(own, reference, rel_tol=1e-9, abs_tol=1e-12):
        return "equal"
    higher = own > reference
    return "better" if higher == (direction == INCREASE) else "worse"


def _clean(values: Iterable[float | None]) -> list[float]:
    return sorted(v for v in values if v is not None and not math.isnan(v))


def peer_year(year: int, own: float | None, peers: Iterable[float | None], direction: str | None) -> PeerYear:
    values = _clean(peers)
    if own is not None and math.isnan(own):
        own = None
    rank = versus = None
    median = quantile(values, 0.5)
    if own is not None and direction:
        rank = competition_rank(own, values, direction)
        if median is not None:
            versus = compare(own, median, direction)
    return PeerYear(
        year=year,
        own=own,
        n=len(values),
        median=median,
        lower_quartile=quantile(values, 0.25),
        upper_quartile=quantile(values, 0.75),
        rank=rank,
        rank_of=len(values) + (1 if own is not None else 0),
        versus_median=versus,
    )


def peer_statistics(
    own_by_year: Mapping[int, float | None],
    peers_by_year: Mapping[int, Iterable[float | None]],
    direction: str | None,
) -> list[PeerYear]:
    """One PeerYear for every year with an own or a peer value, oldest first."""
    years = sorted(set(own_by_year) | set(peers_by_year))
    result = [peer_year(year, own_by_year.get(year), peers_by_year.get(year, ()), direction) for year in years]
    return [row for row in result if row.own is not None or row.n]
