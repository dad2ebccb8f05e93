"""Turning SEK into the factors' terms: the price index of a year (never guessed) and the average
prices that give a quantity to fuel and electricity bought by spend.

See docs/methods/spend-based-footprint.md.
"""

from __future__ import annotations

from dataclasses import replace

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import calculations
from .calculations import UnitPrice
from .models import ConsumptionSettings, LedgerAggregate
from .reference import average_prices


def usd_per_sek(year: int, settings: ConsumptionSettings) -> float:
    """USD of the price year per SEK of ``year``; a year without an index is refused with a clear message."""
    try:
        return calculations.usd_per_sek(year, settings.sek_per_usd, settings.price_index)
    except calculations.MissingPriceIndex as missing:
        raise ValidationError(missing_index_message([missing.year])) from None


def years_without_index(organisation, price_index: dict) -> list[int]:
    """Years with stored ledger totals that the price index has no value for."""
    years = LedgerAggregate.objects.filter(organisation=organisation).values_list("year", flat=True).distinct()
    return sorted({year for year in years if str(year) not in price_index})


def missing_index_message(years: list[int]) -> str:
    return _(
        "The price index has no value for %(years)s, so that spend cannot be converted. Add the index on the "
        "conversion settings page (SCB's consumer price index, annual average), then import or recompute again."
    ) % {"years": ", ".join(str(year) for year in years)}


# How far a price is carried: a year's prices follow the index only roughly, and an organisation's own
# price belongs to its contract of that year (electricity above all).
MAX_CARRY_YEARS = 2


def unit_prices(settings: ConsumptionSettings) -> dict[str, dict[int, UnitPrice]]:
    """Activity factor code → year → price: the shipped average prices, each replaced by the organisation's
    own price for the same code and year. A year of the price index without a price gets the price of the
    nearest priced year at most ``MAX_CARRY_YEARS`` away (an earlier one on a tie), moved to its price level
    by the index; without the index of both years nothing is carried (a price is never guessed)."""
    prices = {code: {year: UnitPrice(sek) for year, sek in years.items()} for code, years in average_prices().items()}
    for code, years in (settings.unit_prices or {}).items():
        prices.setdefault(code, {}).update({int(year): UnitPrice(float(sek), own=True) for year, sek in years.items()})
    index = _usable_index(settings.price_index)
    for years in prices.values():
        priced = [year for year, price in years.items() if year in index and price.sek > 0]
        for year in sorted(set(index) - set(years)):
            near = [source for source in priced if abs(source - year) <= MAX_CARRY_YEARS]
            if near:
                source = min(near, key=lambda candidate: (abs(candidate - year), candidate > year))
                years[year] = replace(
                    years[source], sek=years[source].sek * index[year] / index[source], carried_from=source
                )
    return prices


def _usable_index(price_index: dict) -> dict[int, float]:
    """The index's years with a positive level (the settings form refuses anything else; this guards
    values written elsewhere, so one bad entry cannot stop every conversion)."""
    usable = {}
    for year, level in (price_index or {}).items():
        try:
            year, level = int(year), float(level)
        except (TypeError, ValueError):
            continue
        if level > 0:
            usable[year] = level
    return usable


def unit_price_rows(settings: ConsumptionSettings) -> list[dict]:
    """The average prices in use, for the results page: code, year, price and its origin."""
    return [
        {"code": code, "year": year, "price": price.sek, "own": price.own, "carried_from": price.carried_from}
        for code, years in sorted(unit_prices(settings).items())
        for year, price in sorted(years.items())
    ]
