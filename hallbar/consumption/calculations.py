"""The footprint arithmetic, pure: price-year and currency conversion, longest-prefix mapping, kg CO2e.

See docs/methods/spend-based-footprint.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


class MissingPriceIndex(ValueError):
    """The price index has no value for a year that has spend: nothing is guessed."""

    def __init__(self, year: int):
        super().__init__(f"The price index has no value for {year}.")
        self.year = year


def price_index_for(year: int, price_index: dict[str, float]) -> float:
    """The index of ``year``; :class:`MissingPriceIndex` when the index has no value for it."""
    known = {int(key): float(value) for key, value in price_index.items()}
    if year not in known:
        raise MissingPriceIndex(year)
    return known[year]


def usd_per_sek(year: int, sek_per_usd: Decimal | float, price_index: dict[str, float]) -> float:
    """USD in the factors' price year per SEK spent in ``year``: deflate to the price year, then convert."""
    return (100.0 / price_index_for(year, price_index)) / float(sek_per_usd)


def longest_prefix(code: str, prefixes: dict[str, object]):
    """The value of the longest prefix of ``code`` in ``prefixes``, or None."""
    for length in range(len(code), 0, -1):
        found = prefixes.get(code[:length])
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class UnitPrice:
    """SEK excluding VAT per activity unit in a year, and where it comes from."""

    sek: float
    own: bool = False  # the organisation's own price rather than the shipped one
    carried_from: int | None = None  # the year whose price was moved to this year's price level by the index


@dataclass(frozen=True)
class Rule:
    """What a mapping says, reduced to what the arithmetic needs."""

    mapping_id: int
    spend_factor_id: int
    spend_kg_per_usd: float
    activity_factor_id: int | None = None
    activity_unit: str = ""
    activity_kg_per_unit: float = 0.0
    own_factor_id: int | None = None  # the organisation's own factor behind activity_kg_per_unit
    unit_prices: dict[int, UnitPrice] = field(default_factory=dict)  # year → price per activity unit


# How ledgers write the factors' activity units: the written unit, compared in lower case without spaces,
# dots, hyphens and underscores → (the factors' unit, how many of it one written unit is).
QUANTITY_UNITS = {
    **dict.fromkeys(("litres", "litre", "liter", "l", "lit"), ("litres", 1.0)),
    **dict.fromkeys(("m3", "m³", "kubikmeter"), ("litres", 1000.0)),
    "kwh": ("kWh", 1.0),
    "mwh": ("kWh", 1000.0),
    "gwh": ("kWh", 1_000_000.0),
    **dict.fromkeys(("km", "kilometer", "kilometre", "kilometres", "kilometers"), ("km", 1.0)),
    "mil": ("km", 10.0),  # the Swedish mil, ten kilometres
    **dict.fromkeys(
        ("passengerkm", "pkm", "personkm", "personkilometer", "passengerkilometres"), ("passenger.km", 1.0)
    ),
}


def in_unit(quantity: float, written_unit: str, unit: str) -> float | None:
    """``quantity`` written in ``written_unit`` expressed in the factor's ``unit``; None when the written unit
    is not a way of writing that unit (nothing is guessed)."""
    key = "".join(written_unit.lower().split()).replace(".", "").replace("-", "").replace("_", "")
    if key == "".join(unit.lower().split()).replace(".", ""):
        return quantity
    canonical, size = QUANTITY_UNITS.get(key, (None, 0.0))
    return quantity * size if canonical is not None and canonical.lower() == unit.lower() else None


def emissions(
    rule: Rule | None, amount_sek: Decimal, quantity: float, quantity_unit: str, usd_per_sek: float, year: int
):
    """(method, factor id, kg CO2e) for summed lines, in this order:

    - ``activity``: the lines have a quantity in the unit of the activity factor, or in a way of writing it
      (:data:`QUANTITY_UNITS`: "liter", "MWh", "mil"): quantity in the factor's unit × factor;
    - ``price``: they have only SEK, but the activity factor has an average price for ``year``:
      SEK ÷ price (SEK per unit) × factor — so fuel bought by spend still counts its combustion;
    - ``carried_price``: the same with the nearest year's price moved to ``year``'s price level;
    - ``spend``: SEK in USD of the price year × spend factor.
    """
    if rule is None:
        return "unmapped", None, 0.0
    if rule.activity_factor_id and quantity_unit:
        activity = in_unit(quantity, quantity_unit, rule.activity_unit)
        if activity is not None:
            return "activity", rule.activity_factor_id, activity * rule.activity_kg_per_unit
    price = rule.unit_prices.get(year) if rule.activity_factor_id else None
    if price and price.sek:
        method = "carried_price" if price.carried_from else "price"
        return method, rule.activity_factor_id, float(amount_sek) / price.sek * rule.activity_kg_per_unit
    return "spend", rule.spend_factor_id, float(amount_sek) * usd_per_sek * rule.spend_kg_per_usd


# Spend under contracts with climate requirements ----------------------------------------------------


def runs_in(start: date, end: date | None, year: int) -> bool:
    """Whether a contract from ``start`` to ``end`` (None: open-ended) runs on some day of ``year``.

    The ledger's supplier totals are kept per year, so a contract counts for a whole year in which
    it runs at all.
    """
    return start <= date(year, 12, 31) and (end is None or end >= date(year, 1, 1))


def percent(part, whole) -> float | None:
    return float(part) * 100 / float(whole) if whole else None


@dataclass
class CoverageRow:
    """Spend and emissions of a year under contracts with climate requirements: of all contracts
    together (``is_total``) or of one buying unit's contracts."""

    year: int
    is_total: bool
    unit_id: int | None
    unit_name: str | None
    amount: Decimal
    kg: float
    total_amount: Decimal
    total_kg: float

    @property
    def tonnes(self) -> float:
        return self.kg / 1000

    @property
    def amount_share(self) -> float | None:
        return percent(self.amount, self.total_amount)

    @property
    def kg_share(self) -> float | None:
        return percent(self.kg, self.total_kg)


def climate_coverage(
    supplier_rows: Iterable[tuple[int, str, Decimal, float]],
    year_totals: dict[int, tuple[Decimal, float]],
    contracts: Iterable,
) -> list[CoverageRow]:
    """Per year (newest first): the spend and kg CO2e of suppliers under a contract with climate
    requirements that runs in that year (:func:`runs_in`), as a total and per buying unit.

    ``supplier_rows`` are (year, organisation number, SEK, kg CO2e) summed per year and supplier;
    ``year_totals`` the year's whole spend and kg CO2e; ``contracts`` have ``org_number``, ``start``,
    ``end``, ``unit_id`` and ``unit_name``. A supplier counts once in the year's total however many
    contracts name it, and once for each buying unit whose contract names it.
    """
    contracts = list(contracts)
    covered: dict[tuple[int, object], list] = {}
    units: dict[object, str | None] = {}
    for year, org_number, amount, kg in supplier_rows:
        running = [c for c in contracts if c.org_number == org_number and runs_in(c.start, c.end, year)]
        if not running:
            continue
        for key in {("total",), *{("unit", c.unit_id) for c in running}}:
            sums = covered.setdefault((year, key), [Decimal(0), 0.0])
            sums[0] += Decimal(amount)
            sums[1] += float(kg)
        units.update({c.unit_id: c.unit_name for c in running})
    rows = []
    for year in sorted(year_totals, reverse=True):
        total_amount, total_kg = year_totals[year]
        amount, kg = covered.get((year, ("total",)), (Decimal(0), 0.0))
        rows.append(CoverageRow(year, True, None, None, amount, kg, total_amount, total_kg))
        unit_keys = sorted(
            (key for y, key in covered if y == year and key[0] == "unit"),
            key=lambda key: (units[key[1]] is not None, units[key[1]] or ""),
        )
        for key in unit_keys:
            amount, kg = covered[(year, key)]
            rows.append(CoverageRow(year, False, key[1], units[key[1]], amount, kg, total_amount, total_kg))
    return rows
