"""Fuel and electricity bought by spend, the electricity factor, the price index of every year, and
the default mapping's data (issue 6 data review). Expected figures are computed by hand."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.consumption import conversion, reference, services
from hallbar.consumption.models import ConsumptionSettings, EmissionFactor, LedgerAggregate, LedgerImport
from hallbar.consumption.models.settings import DEFAULT_PRICE_INDEX

from .factories import import_ledger, ledger_csv, own_factor_for

DIESEL_KG_PER_LITRE = 2.51279  # DESNZ 2024, diesel (average biofuel blend)
DIESEL_SEK_PER_LITRE_2024 = 15.2  # data/average_prices.yaml, an assumption


@pytest.fixture
def org(world_a):
    return world_a.organisation


def test_diesel_bought_by_spend_counts_its_litres_and_their_combustion(world_a, org):
    job = import_ledger(org, ledger_csv(f"2024-05-10;{world_a.unit.name};7511;5560000001;Diesel AB;30400;;"))
    fuel = LedgerAggregate.objects.get(ledger_import=job)
    # 30,400 SEK ÷ 15.2 SEK/l = 2,000 litres × 2.51279 kg/l = 5,025.58 kg
    assert fuel.method == "price" and fuel.factor.code == "diesel-litres"
    assert fuel.kg_co2e == pytest.approx(5025.58)
    assert fuel.get_method_display() == "Activity-based, quantity from an average price"


def test_an_own_average_price_replaces_the_assumption(client_for, world_a, org):
    job = import_ledger(org, ledger_csv(f"2024-05-10;{world_a.unit.name};7511;5560000001;Diesel AB;30400;;"))
    client = client_for(world_a.user(Role.COORDINATOR))
    index = "\n".join(f"{year} = {value}" for year, value in DEFAULT_PRICE_INDEX.items())
    form = {"sek_per_usd": "10.12", "rate_source": "x", "index_source": "x", "price_index_text": index}
    response = client.post(reverse("consumption:settings"), {**form, "unit_prices_text": "diesel-litres 2024 = 16"})
    assert response.status_code == 302
    assert services.settings_for(org).unit_prices == {"diesel-litres": {"2024": 16.0}}
    services.recompute(org)
    # 30,400 SEK ÷ 16 SEK/l = 1,900 litres × 2.51279 kg/l = 4,774.301 kg
    assert LedgerAggregate.objects.get(ledger_import=job).kg_co2e == pytest.approx(4774.301)
    overview = client.get(reverse("consumption:overview")).content.decode()
    assert "diesel-litres 2024: 16.00 (own price)" in overview
    assert '<th scope="row">Activity-based, quantity from an average price</th>' in overview  # by method


def test_a_bad_own_price_is_explained(client_for, world_a):
    client = client_for(world_a.user(Role.COORDINATOR))
    form = {"sek_per_usd": "10", "rate_source": "x", "index_source": "x", "price_index_text": "2024 = 100"}
    for text, message in [
        ("diesel 2024 = 16", "diesel is not the code of an activity factor"),
        ("diesel-litres = 16", "Write each line as factor code year = price"),
        ("diesel-litres 2024 = -1", "A price is greater than zero"),
        ("diesel-litres 2024 = nan", "Write each line as factor code year = price"),
        ("diesel-litres 2024 = inf", "Write each line as factor code year = price"),
    ]:
        response = client.post(reverse("consumption:settings"), {**form, "unit_prices_text": text})
        assert response.status_code == 200 and message in response.content.decode()


def test_electricity_in_kwh_uses_the_nordic_residual_mix(world_a, org):
    electricity = EmissionFactor.objects.select_related("factor_set").get(code="electricity-residual-kwh")
    assert electricity.kg_co2e_per_unit == pytest.approx(0.5241) and electricity.factor_set.year == 2023
    unit = world_a.unit.name
    job = import_ledger(
        org,
        ledger_csv(
            f"2024-05-10;{unit};6411;5560000004;Elbolaget AB;14000;10000;kWh",
            f"2024-06-10;{unit};6411;5560000004;Elbolaget AB;7000;;",
        ),
    )
    by_spend, metered = LedgerAggregate.objects.filter(ledger_import=job).order_by("quantity_unit")
    assert (by_spend.method, metered.method) == ("spend", "activity")  # no electricity price is assumed
    assert metered.kg_co2e == pytest.approx(5241.0)  # 10,000 kWh × 0.5241 kg CO2/kWh


def test_own_electricity_price_turns_spend_into_kwh(world_a, org):
    settings = services.settings_for(org)
    settings.unit_prices = {"electricity-residual-kwh": {"2024": 1.4}}
    services.save_settings(settings)
    job = import_ledger(org, ledger_csv(f"2024-06-10;{world_a.unit.name};6411;5560000004;Elbolaget AB;7000;;"))
    line = LedgerAggregate.objects.get(ledger_import=job)
    assert line.method == "price" and line.kg_co2e == pytest.approx(2620.5)  # 7,000 ÷ 1.4 = 5,000 kWh × 0.5241


def test_a_year_without_a_price_index_fails_the_import_clearly(world_a, org):
    job = import_ledger(org, ledger_csv(f"2031-01-10;{world_a.unit.name};7211;5560000002;Chark AB;1000;;"))
    assert job.status == LedgerImport.Status.FAILED
    assert "The price index has no value for 2031" in job.message and not job.aggregates.exists()


def test_lines_that_need_no_price_index_import_in_a_year_without_one(world_a, org):
    unit = world_a.unit.name
    job = import_ledger(
        org,
        ledger_csv(
            f"2031-01-10;{unit};6411;5560000004;Elbolaget AB;14000;10000;kWh",  # a quantity: activity-based
            f"2031-01-10;{unit};9999;5560000005;Okänt AB;500;;",  # unmapped
        ),
    )
    assert job.status == LedgerImport.Status.DONE, job.message
    assert sorted(job.aggregates.values_list("method", flat=True)) == ["activity", "unmapped"]


def test_a_year_without_an_average_price_carries_the_nearest_by_the_index(world_a, org):
    settings = services.settings_for(org)
    settings.price_index = {**DEFAULT_PRICE_INDEX, "2018": 88.0, "2026": 115.0}
    settings.unit_prices = {"diesel-litres": {"2024": 16.0}}
    diesel = conversion.unit_prices(settings)["diesel-litres"]
    # 2026: the latest earlier price, 2025's 14.6 SEK/l, × 115.0 / 112.35; 2018: none earlier, so 2019's.
    assert diesel[2026] == conversion.UnitPrice(pytest.approx(14.6 * 115.0 / 112.35), carried_from=2025)
    assert diesel[2018] == conversion.UnitPrice(pytest.approx(13.0 * 88.0 / 89.82), carried_from=2019)
    assert diesel[2024] == conversion.UnitPrice(16.0, own=True) and diesel[2025].carried_from is None
    settings.price_index = dict(DEFAULT_PRICE_INDEX)  # without the year's index nothing is carried
    assert 2026 not in conversion.unit_prices(settings)["diesel-litres"]


def test_a_price_is_carried_from_the_nearest_year_and_not_far(world_a, org):
    settings = services.settings_for(org)
    settings.price_index = {**DEFAULT_PRICE_INDEX, "2010": 80.0, "2016": 85.0, "2017": 86.0, "2028": 120.0}
    settings.unit_prices = {"diesel-litres": {"2010": 11.0}, "electricity-residual-kwh": {"2024": 1.35}}
    diesel = conversion.unit_prices(settings)["diesel-litres"]
    assert diesel[2017].carried_from == 2019  # 2 years later, not the own 2010 price 7 years earlier
    assert 2016 not in diesel  # 3 years from the nearest price (2019): too far to carry
    assert 2028 not in diesel  # 3 years after 2025
    electricity = conversion.unit_prices(settings)["electricity-residual-kwh"]
    assert sorted(electricity) == [2022, 2023, 2024, 2025]  # an own price carried two years at most
    assert electricity[2023].carried_from == 2024 and electricity[2023].own


def test_a_bad_stored_index_entry_does_not_stop_the_conversion(world_a, org):
    settings = services.settings_for(org)
    settings.price_index = {**DEFAULT_PRICE_INDEX, "2026": 0, "x": 100}
    diesel = conversion.unit_prices(settings)["diesel-litres"]
    assert 2026 not in diesel and diesel[2025].sek == 14.6


def test_fuel_bought_by_spend_in_a_year_without_a_price_is_flagged_not_underestimated(client_for, world_a, org):
    settings = services.settings_for(org)
    settings.price_index = {**DEFAULT_PRICE_INDEX, "2026": 115.0}
    settings.save()
    job = import_ledger(org, ledger_csv(f"2026-03-10;{world_a.unit.name};7511;5560000001;Diesel AB;30000;;"))
    fuel = LedgerAggregate.objects.get(ledger_import=job)
    litres = 30000 / (14.6 * 115.0 / 112.35)  # ≈ 2,007 litres at 2025's price moved to 2026's level
    assert fuel.method == "carried_price" and fuel.factor.code == "diesel-litres"
    assert fuel.kg_co2e == pytest.approx(litres * DIESEL_KG_PER_LITRE)
    with translation.override("en"):
        page = client_for(world_a.user(Role.COORDINATOR)).get(reverse("consumption:overview")).content.decode()
    assert "moved by the index" in page  # the "By method" table names it
    assert "no price for this year: the price of 2025 moved by the price index" in page


def test_the_own_factor_behind_a_price_based_figure_is_recorded(world_a, org):
    own = own_factor_for(org)  # diesel: 0.5 kg per litre
    job = import_ledger(org, ledger_csv(f"2024-05-10;{world_a.unit.name};7511;5560000001;Diesel AB;30400;;"))
    fuel = LedgerAggregate.objects.get(ledger_import=job)
    # 30,400 SEK ÷ 15.2 SEK/l = 2,000 litres × 0.5 kg/l = 1,000 kg, cited with the own factor
    assert fuel.method == "price" and fuel.own_factor == own and fuel.kg_co2e == pytest.approx(1000.0)


def test_the_index_of_a_year_with_totals_cannot_be_removed(client_for, world_a, org):
    import_ledger(org, ledger_csv(f"2025-01-10;{world_a.unit.name};7211;5560000002;Chark AB;1000;;"))
    assert conversion.years_without_index(org, {"2024": 111.54}) == [2025]
    response = client_for(world_a.user(Role.COORDINATOR)).post(
        reverse("consumption:settings"),
        {"sek_per_usd": "10", "rate_source": "x", "index_source": "x", "price_index_text": "2024 = 111.54"},
    )
    assert response.status_code == 200 and "The price index has no value for 2025" in response.content.decode()


def test_the_default_index_has_2025():
    assert DEFAULT_PRICE_INDEX["2025"] == pytest.approx(111.54 * 1.00725, abs=0.01)


def test_every_default_mapping_names_shipped_factors_and_its_basis(db):
    entries = reference.default_mapping()["mappings"]
    codes = set(EmissionFactor.objects.values_list("code", flat=True))
    for entry in entries:
        assert entry["prefix"].isdigit() and entry["basis"] in {"kommun-bas-13", "kommun-bas-05", "unconfirmed"}
        assert entry["spend"] in codes and entry.get("activity", entry["spend"]) in codes
    prefixes = {entry["prefix"]: entry for entry in entries}
    assert prefixes["60"]["basis"] == prefixes["61"]["basis"] == "kommun-bas-13"  # rent, property costs
    assert not any(prefix.startswith("5") for prefix in prefixes)  # class 5 is staff costs, not purchases
    assert set(reference.average_prices()) <= codes


def test_settings_on_the_old_shipped_index_learn_that_2025_is_provisional(world_a, world_b):
    migration = import_module("hallbar.consumption.migrations.0004_provisional_index_carried_price")
    old = migration.OLD_DEFAULT_SOURCE
    shipped = ConsumptionSettings.objects.create(
        organisation=world_a.organisation, index_source=old, price_index={**DEFAULT_PRICE_INDEX}
    )
    own = ConsumptionSettings.objects.create(
        organisation=world_b.organisation, index_source=old, price_index={"2025": 113.0}
    )
    migration.name_the_provisional_year(apps, None)
    shipped.refresh_from_db()
    own.refresh_from_db()
    assert shipped.index_source == migration.NEW_DEFAULT_SOURCE and "provisional" in shipped.index_source
    assert own.index_source == old
