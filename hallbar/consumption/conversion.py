"""Turning SEK into the factors' terms: the price index of a year (never guessed) and the average
prices that give a quantity to fuel and electricity bought by spend.

See docs/methods/spend-based-footprint.md.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import calculations
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


def unit_prices(settings: ConsumptionSettings) -> dict[str, dict[int, float]]:
    """Activity factor code → year → SEK excluding VAT per unit: the shipped average prices, each
    replaced by the organisation's own price for the same code and year."""
    prices = {code: dict(years) for code, years in average_prices().items()}
    for code, years in (settings.unit_prices or {}).items():
        prices.setdefault(code, {}).update({int(year): float(price) for year, price in years.items()})
    return prices


def unit_price_rows(settings: ConsumptionSettings) -> list[dict]:
    """The average prices in use, for the results page: code, year, SEK per unit and whether it is own."""
    own = {(code, int(year)) for code, years in (settings.unit_prices or {}).items() for year in years}
    return [
        {"code": code, "year": year, "price": price, "own": (code, year) in own}
        for code, years in sorted(unit_prices(settings).items())
        for year, price in sorted(years.items())
    ]
