from decimal import Decimal

import pytest

from hallbar.consumption import calculations
from hallbar.consumption.calculations import Rule

RULE = Rule(
    mapping_id=1,
    spend_factor_id=10,
    spend_kg_per_usd=0.5,
    activity_factor_id=20,
    activity_unit="litres",
    activity_kg_per_unit=2.5,
)


def test_spend_is_deflated_to_the_price_year_then_converted():
    rate = calculations.usd_per_sek(2023, Decimal("10"), {"2022": 100, "2023": 125})
    assert rate == pytest.approx(0.08)  # 1 SEK of 2023 = 0.8 SEK of 2022 = 0.08 USD


def test_a_year_without_an_index_uses_the_nearest_year():
    assert calculations.price_index_for(2030, {"2022": 100, "2024": 110}) == (110.0, 2024)
    assert calculations.price_index_for(2023, {"2022": 100, "2024": 110}) == (110.0, 2024)  # the later on a tie


def test_the_longest_prefix_wins():
    assert calculations.longest_prefix("7511", {"75": "travel", "7511": "fuel"}) == "fuel"
    assert calculations.longest_prefix("7599", {"75": "travel", "7511": "fuel"}) == "travel"
    assert calculations.longest_prefix("40", {"75": "travel"}) is None


def test_a_quantity_in_the_factors_unit_is_activity_based():
    assert calculations.emissions(RULE, Decimal(1000), 100, "Litres", 0.1) == ("activity", 20, 250.0)


def test_without_a_matching_quantity_the_spend_factor_applies():
    assert calculations.emissions(RULE, Decimal(1000), 100, "kWh", 0.1) == ("spend", 10, pytest.approx(50.0))
    assert calculations.emissions(RULE, Decimal(-1000), 0, "", 0.1) == ("spend", 10, pytest.approx(-50.0))


def test_no_rule_is_unmapped():
    assert calculations.emissions(None, Decimal(1000), 0, "", 0.1) == ("unmapped", None, 0.0)
