"""The footprint arithmetic, pure: price-year and currency conversion, longest-prefix mapping, kg CO2e.

See docs/methods/spend-based-footprint.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


def price_index_for(year: int, price_index: dict[str, float]) -> tuple[float, int]:
    """The index of ``year``, or of the nearest year that has one (and which year that was)."""
    known = {int(key): float(value) for key, value in price_index.items()}
    if not known:
        return 100.0, year
    used = year if year in known else min(known, key=lambda candidate: (abs(candidate - year), -candidate))
    return known[used], used


def usd_per_sek(year: int, sek_per_usd: Decimal | float, price_index: dict[str, float]) -> float:
    """USD in the factors' price year per SEK spent in ``year``: deflate to the price year, then convert."""
    index, _used = price_index_for(year, price_index)
    return (100.0 / index) / float(sek_per_usd)


def longest_prefix(code: str, prefixes: dict[str, object]):
    """The value of the longest prefix of ``code`` in ``prefixes``, or None."""
    for length in range(len(code), 0, -1):
        found = prefixes.get(code[:length])
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class Rule:
    """What a mapping says, reduced to what the arithmetic needs."""

    mapping_id: int
    spend_factor_id: int
    spend_kg_per_usd: float
    activity_factor_id: int | None = None
    activity_unit: str = ""
    activity_kg_per_unit: float = 0.0


def emissions(rule: Rule | None, amount_sek: Decimal, quantity: float, quantity_unit: str, usd_per_sek: float):
    """(method, factor id, kg CO2e) for summed lines; activity-based when the quantity is in the factor's unit."""
    if rule is None:
        return "unmapped", None, 0.0
    if rule.activity_factor_id and quantity_unit and quantity_unit.lower() == rule.activity_unit.lower():
        return "activity", rule.activity_factor_id, quantity * rule.activity_kg_per_unit
    return "spend", rule.spend_factor_id, float(amount_sek) * usd_per_sek * rule.spend_kg_per_usd
