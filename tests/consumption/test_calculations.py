from decimal import Decimal

import pytest

from hallbar.consumption import calculations
from hallbar.consumption.calculations import Rule, UnitPrice

RULE = Rule(
    mapping_id=1,
    spend_factor_id=10,
    spend_kg_per_usd=0.5,
    activity_factor_id=20,
    activity_unit="litres",
    activity_kg_per_unit=2.5,
)
PRICED = Rule(**{**RULE.__dict__, "unit_prices": {2024: UnitPrice(16.0)}})


def test_spend_is_deflated_to_the_price_year_then_converted():
    rate = calculations.usd_per_sek(2023, Decimal("10"), {"2022": 100, "2023": 125})
    assert rate == pytest.approx(0.08)  # 1 SEK of 2023 = 0.8 SEK of 2022 = 0.08 USD


def test_a_year_without_an_index_is_refused_not_guessed():
    assert calculations.price_index_for(2024, {"2022": 100, "2024": 110}) == 110.0
    with pytest.raises(calculations.MissingPriceIndex) as missing:
        calculations.usd_per_sek(2023, Decimal("10"), {"2022": 100, "2024": 110})
    assert missing.value.year == 2023


def test_the_longest_prefix_wins():
    assert calculations.longest_prefix("7511", {"75": "travel", "7511": "fuel"}) == "fuel"
    assert calculations.longest_prefix("7599", {"75": "travel", "7511": "fuel"}) == "travel"
    assert calculations.longest_prefix("40", {"75": "travel"}) is None


def test_a_quantity_in_the_factors_unit_is_activity_based():
    assert calculations.emissions(RULE, Decimal(1000), 100, "Litres", 0.1, 2024) == ("activity", 20, 250.0)
    # a quantity wins over an average price
    assert calculations.emissions(PRICED, Decimal(1000), 100, "litres", 0.1, 2024) == ("activity", 20, 250.0)


def test_without_a_matching_quantity_the_spend_factor_applies():
    assert calculations.emissions(RULE, Decimal(1000), 100, "kWh", 0.1, 2024) == ("spend", 10, pytest.approx(50.0))
    assert calculations.emissions(RULE, Decimal(-1000), 0, "", 0.1, 2024) == ("spend", 10, pytest.approx(-50.0))


def test_spend_on_fuel_becomes_litres_through_the_years_average_price():
    # 1,600 SEK at 16 SEK/litre = 100 litres × 2.5 kg/litre = 250 kg, combustion included
    assert calculations.emissions(PRICED, Decimal(1600), 0, "", 0.1, 2024) == ("price", 20, pytest.approx(250.0))
    # a credit note of 320 SEK takes back 20 litres
    assert calculations.emissions(PRICED, Decimal(-320), 0, "", 0.1, 2024) == ("price", 20, pytest.approx(-50.0))
    # no price for the year: the spend factor, 1,600 × 0.1 USD × 0.5 kg/USD
    assert calculations.emissions(PRICED, Decimal(1600), 0, "", 0.1, 2019) == ("spend", 10, pytest.approx(80.0))


def test_no_rule_is_unmapped():
    assert calculations.emissions(None, Decimal(1000), 0, "", 0.1, 2024) == ("unmapped", None, 0.0)
