"""The requirement shares per buying unit and year."""

from decimal import Decimal

import pytest

from hallbar.accounts.scoping import Scope
from hallbar.procurement import queries

from .factories import ProcurementFactory

pytestmark = pytest.mark.django_db


def scope_of(world):
    return Scope(world.user("reader"), organisation=world.organisation)


def test_shares_of_number_and_value_per_unit_and_year(world_a, world_b):
    make = ProcurementFactory
    make(
        organisation=world_a.organisation,
        responsible_unit=world_a.unit,
        contracted_value_sek=Decimal(300),
        estimated_value_sek=Decimal(999),
        environmental_requirements=True,
    )
    make(
        organisation=world_a.organisation,
        responsible_unit=world_a.unit,
        estimated_value_sek=Decimal(100),
        social_requirements=True,
    )
    make(organisation=world_a.organisation, responsible_unit=world_a.unit, environmental_requirements=True)  # no value
    make(organisation=world_a.organisation, year=2024, innovation=True, estimated_value_sek=Decimal(50))
    make(organisation=world_a.organisation, status="cancelled", environmental_requirements=True)
    make(organisation=world_b.organisation, environmental_requirements=True)

    rows = queries.requirement_shares(scope_of(world_a))
    assert [(row.year, row.is_total, row.unit_name) for row in rows] == [
        (2025, True, None),
        (2025, False, world_a.unit.name),
        (2024, True, None),
        (2024, False, None),
    ]
    total = rows[0]
    assert (total.count, total.value) == (3, Decimal(400))
    assert total.environmental_count_share == Decimal("66.7")
    assert total.environmental_value_share == Decimal("75.0")
    assert total.social_value_share == Decimal("25.0")
    assert total.innovation_count_share == Decimal("0.0")
    assert rows[2].innovation_value_share == Decimal("100.0")


def test_a_year_filter_and_no_value_give_no_share(world_a):
    ProcurementFactory(organisation=world_a.organisation, year=2023)
    rows = queries.requirement_shares(scope_of(world_a), year=2023)
    assert rows[0].count == 1
    assert rows[0].environmental_value_share is None
    assert queries.requirement_shares(scope_of(world_a), year=2020) == []


def test_share_rounds_to_one_decimal():
    assert queries.share(1, 3) == Decimal("33.3")
    assert queries.share(0, 0) is None
