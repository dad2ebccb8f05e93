"""Spend and emissions under procurements with climate requirements: the pure rule (computed by
hand), the supplier-number normalisation shared by ledger and procurement, the query and the page."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import duckdb
import pytest
from django.db.models import Sum
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.consumption import calculations, queries
from hallbar.consumption.ledger import supplier_number_sql
from hallbar.consumption.models import SupplierAggregate
from hallbar.procurement import services as procurement_services
from hallbar.procurement.models import ContractedSupplier, Criterion, Procurement, normalise_supplier_number

from .factories import import_ledger, ledger_csv


@dataclass
class Contract:
    org_number: str
    start: date
    end: date | None
    unit_id: int | None
    unit_name: str | None


def test_runs_in_counts_any_day_of_the_year():
    assert calculations.runs_in(date(2023, 7, 1), date(2024, 6, 30), 2023)
    assert calculations.runs_in(date(2023, 7, 1), date(2024, 6, 30), 2024)
    assert not calculations.runs_in(date(2023, 7, 1), date(2024, 6, 30), 2025)
    assert not calculations.runs_in(date(2023, 7, 1), None, 2022)
    assert calculations.runs_in(date(2023, 7, 1), None, 2030)
    assert calculations.runs_in(date(2024, 12, 31), date(2024, 12, 31), 2024)


def test_climate_coverage_by_year_and_buying_unit_computed_by_hand():
    contracts = [
        Contract("556000-0001", date(2023, 7, 1), date(2024, 6, 30), 1, "Skola"),
        Contract("556000-0001", date(2024, 1, 1), None, 2, "Vård"),
        Contract("556036-0793", date(2022, 1, 1), date(2022, 12, 31), None, None),
    ]
    suppliers = [
        (2025, "556000-0001", Decimal(100), 10.0),
        (2024, "556000-0001", Decimal(1000), 500.0),
        (2024, "556036-0793", Decimal(300), 100.0),  # its contract ended in 2022
        (2023, "556000-0001", Decimal(200), 50.0),
        (2022, "556036-0793", Decimal(400), 40.0),
    ]
    totals = {
        2022: (Decimal(800), 80.0),
        2023: (Decimal(1000), 500.0),
        2024: (Decimal(4000), 2000.0),
        2025: (Decimal(1000), 100.0),
    }
    rows = calculations.climate_coverage(suppliers, totals, contracts)
    seen = [(row.year, row.is_total, row.unit_name, row.amount, row.kg, row.amount_share, row.kg_share) for row in rows]
    assert seen == [
        (2025, True, None, Decimal(100), 10.0, 10.0, 10.0),
        (2025, False, "Vård", Decimal(100), 10.0, 10.0, 10.0),
        # both contracts name the supplier in 2024: once in the total, once per unit
        (2024, True, None, Decimal(1000), 500.0, 25.0, 25.0),
        (2024, False, "Skola", Decimal(1000), 500.0, 25.0, 25.0),
        (2024, False, "Vård", Decimal(1000), 500.0, 25.0, 25.0),
        (2023, True, None, Decimal(200), 50.0, 20.0, 10.0),
        (2023, False, "Skola", Decimal(200), 50.0, 20.0, 10.0),
        (2022, True, None, Decimal(400), 40.0, 50.0, 50.0),
        (2022, False, None, Decimal(400), 40.0, 50.0, 50.0),  # a contract of the whole organisation
    ]
    assert rows[0].tonnes == 0.01


def test_a_year_without_covered_spend_has_a_zero_total_and_no_whole_gives_no_share():
    rows = calculations.climate_coverage([], {2024: (Decimal(500), 0.0)}, [])
    assert [(row.amount, row.amount_share, row.kg_share) for row in rows] == [(Decimal(0), 0.0, None)]


NUMBERS = [
    "5560000001",
    "556000-0001",
    " 556000 0001 ",
    "556000\u00a00001",
    "16 556000-0001",
    "165560000001",
    "195501011234",
    "2120000142",
    "dk12345678",
    "556",
    "55600000011",
]


def test_ledger_and_procurement_normalise_supplier_numbers_alike():
    python = [normalise_supplier_number(number) for number in NUMBERS]
    sql = [
        duckdb.execute(f"SELECT {supplier_number_sql('x')} FROM (SELECT ? AS x)", [number]).fetchone()[0]
        for number in NUMBERS
    ]
    assert python == sql
    assert python[:7] == ["556000-0001"] * 6 + ["550101-1234"]
    assert python[7:] == ["212000-0142", "DK12345678", "556", "55600000011"]


def test_ledger_stores_one_supplier_for_numbers_written_differently(world_a):
    unit = world_a.unit.name
    import_ledger(
        world_a.organisation,
        ledger_csv(
            f"2024-01-10;{unit};7211;5560000001;Chark AB;100;;", f"2024-02-10;{unit};7211;556000-0001;Chark;50;;"
        ),
    )
    assert list(SupplierAggregate.objects.values_list("org_number", "amount_sek")) == [("556000-0001", Decimal(150))]


def test_ledger_names_a_supplier_by_a_name_that_is_not_blank(world_a):
    unit = world_a.unit.name
    import_ledger(
        world_a.organisation,
        ledger_csv(
            f"2024-01-10;{unit};7211;5560000001;   ;100;;",
            f"2024-01-11;{unit};7211;5560000001;   ;100;;",
            f"2024-02-10;{unit};7211;5560000001;Chark AB;50;;",
        ),
    )
    assert list(SupplierAggregate.objects.values_list("name", "amount_sek")) == [("Chark AB", Decimal(250))]


def _signed(world, title, criteria, suppliers, start, end=None, unit=None):
    procurement = procurement_services.save_procurement(
        Procurement(
            organisation=world.organisation,
            responsible_unit=unit,
            title=title,
            year=start.year,
            contracted_value_sek=Decimal(1000),
            contract_start=start,
            contract_end=end,
        ),
        criteria=Criterion.objects.filter(key__in=criteria),
    )
    for number, name in suppliers:
        procurement_services.save_supplier(ContractedSupplier(procurement=procurement, org_number=number, name=name))
    procurement_services.change_status(procurement, Procurement.Status.CONTRACTED)
    return procurement


@pytest.fixture
def covered(world_a):
    unit = world_a.unit.name
    import_ledger(
        world_a.organisation,
        ledger_csv(
            f"2023-05-10;{unit};7211;5560000001;Transport AB;1000;;",
            f"2024-01-10;{unit};7211;5560000001;Transport AB;3000;;",
            f"2024-01-10;{unit};7211;5560360793;Mat AB;1000;;",
            f"2024-03-10;{unit};7511;5560123456;Bränsle AB;4000;;",
        ),
    )
    # climate criterion, signed, from 2024: counts for 2024 only
    _signed(
        world_a,
        "Transporter",
        ["climate-fossil-free-transport"],
        [("556000 0001", "Transport AB")],
        date(2024, 1, 1),
        unit=world_a.unit,
    )
    # a food criterion only: not a climate requirement
    _signed(world_a, "Livsmedel", ["food-organic"], [("5560360793", "Mat AB")], date(2023, 1, 1))
    # a climate criterion but only planned: no contract yet
    planned = procurement_services.save_procurement(
        Procurement(organisation=world_a.organisation, title="Drivmedel", year=2024, contract_start=date(2024, 1, 1)),
        criteria=Criterion.objects.filter(key="climate-renewable-fuel"),
    )
    procurement_services.save_supplier(ContractedSupplier(procurement=planned, org_number="5560123456", name="B"))
    return world_a


def test_climate_coverage_of_the_stored_totals(covered):
    scope = Scope(covered.user(Role.READER), organisation=covered.organisation)
    rows = queries.climate_coverage(scope, covered.organisation.pk, queries.Filters())
    assert [(row.year, row.is_total, row.unit_name, row.amount) for row in rows] == [
        (2024, True, None, Decimal(3000)),
        (2024, False, covered.unit.name, Decimal(3000)),
        (2023, True, None, Decimal(0)),
    ]
    year = SupplierAggregate.objects.filter(year=2024)
    kg_all = year.aggregate(kg=Sum("kg_co2e"))["kg"]
    kg_covered = year.filter(org_number="556000-0001").aggregate(kg=Sum("kg_co2e"))["kg"]
    assert kg_covered > 0
    assert rows[0].amount_share == 3000 * 100 / 8000
    assert rows[0].kg_share == pytest.approx(kg_covered * 100 / kg_all)
    assert queries.climate_coverage(scope, covered.organisation.pk, queries.Filters(year=2023))[0].amount == 0
    assert queries.climate_coverage(scope, covered.organisation.pk, queries.Filters(unit=covered.unit)) == []


def test_the_overview_shows_the_coverage_table_and_its_rule(covered, client_for):
    page = client_for(covered.user(Role.READER)).get(reverse("consumption:overview")).content.decode()
    assert "Spend under contracts with climate requirements" in page
    assert "has a climate criterion from the criteria library" in page
    assert "37.5 %" in page  # 3,000 of 8,000 SEK in 2024
    page = (
        client_for(covered.user(Role.READER))
        .get(reverse("consumption:overview") + f"?unit={covered.unit.pk}")
        .content.decode()
    )
    assert "choose all units to see this table" in page
