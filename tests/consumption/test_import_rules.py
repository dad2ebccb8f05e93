"""What a ledger import counts and refuses: imports per administration, ambiguous units, quantity units as
ledgers write them, files from Swedish Excel, stopped workers, and how suppliers share an account's emissions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone

from hallbar.consumption import calculations, importing, services
from hallbar.consumption.ledger import KEY_LENGTH, NUMBER_LENGTH, describe_error
from hallbar.consumption.models import LedgerAggregate, LedgerImport, SupplierAggregate
from hallbar.organisations.models import OrganisationUnit

from .factories import import_ledger, ledger_csv


@pytest.fixture
def org(world_a):
    return world_a.organisation


@pytest.fixture
def second_unit(org):
    return OrganisationUnit.objects.create(organisation=org, name="Tekniska förvaltningen", code="TF")


def total_sek(org) -> Decimal:
    return LedgerAggregate.objects.filter(organisation=org).aggregate(total=Sum("amount_sek"))["total"]


# Which earlier imports a file replaces --------------------------------------------------------------


def test_ledgers_of_different_units_for_the_same_year_are_both_kept(world_a, org, second_unit):
    first = import_ledger(org, ledger_csv(f"2024-01-10;{world_a.unit.name};7211;556;A;100;;"))
    second = import_ledger(org, ledger_csv("2024-01-01;TF;7211;556;A;200;;", "2024-12-31;TF;7211;556;A;5;;"))
    first.refresh_from_db()
    assert (first.status, second.status) == (LedgerImport.Status.DONE, LedgerImport.Status.DONE)
    assert total_sek(org) == 305


def test_a_file_with_some_of_an_earlier_imports_units_is_refused(world_a, org, second_unit):
    unit = world_a.unit.name
    import_ledger(org, ledger_csv(f"2024-03-10;{unit};7211;556;A;100;;", "2024-03-10;TF;7211;556;A;10;;"))
    job = import_ledger(org, ledger_csv(f"2024-01-01;{unit};7211;556;A;1;;", f"2024-12-31;{unit};7211;556;A;1;;"))
    assert job.status == LedgerImport.Status.FAILED and "some but not all of the units" in job.message
    assert total_sek(org) == 110


def test_a_replaced_file_can_be_imported_again(world_a, org):
    unit = world_a.unit.name
    old = ledger_csv(f"2024-01-01;{unit};7211;556;A;100;;", f"2024-12-31;{unit};7211;556;A;1;;")
    import_ledger(org, old)
    import_ledger(org, ledger_csv(f"2024-01-01;{unit};7211;556;A;7;;", f"2024-12-31;{unit};7211;556;A;7;;"))
    again = import_ledger(org, old, name="again.csv")  # the correction is undone
    assert again.status == LedgerImport.Status.DONE and total_sek(org) == 101


# Units, quantities and files as people have them ----------------------------------------------------


def test_a_unit_name_two_units_share_is_refused_and_a_code_is_not(world_a, org):
    OrganisationUnit.objects.create(organisation=org, name=world_a.unit.name, code="DUBBEL")
    job = import_ledger(
        org, ledger_csv(f"2024-01-10;{world_a.unit.name};7211;556;A;100;;", "2024-01-10;DUBBEL;7211;556;A;1;;")
    )
    assert job.status == LedgerImport.Status.FAILED and job.error_count == 1
    assert [error[:2] for error in job.errors] == [[2, "ambiguous_unit"]]
    assert describe_error("ambiguous_unit") == (
        "responsible unit",
        "More than one unit has this name or code: use a code only one unit has.",
    )


@pytest.mark.parametrize(
    ("quantity", "written", "unit", "expected"),
    [
        (800, "liter", "litres", 800),
        (800, " L ", "litres", 800),
        (2, "m3", "litres", 2000),
        (3, "MWh", "kWh", 3000),
        (7, "mil", "km", 70),
        (9, "Person-km", "passenger.km", 9),
        (9, "passenger km", "passenger.km", 9),
        (5, "kg", "litres", None),
        (5, "MWh", "litres", None),
    ],
)
def test_quantity_units_as_ledgers_write_them(quantity, written, unit, expected):
    assert calculations.in_unit(quantity, written, unit) == expected


def test_fuel_in_liter_is_counted_by_its_quantity(world_a, org):
    job = import_ledger(org, ledger_csv(f"2024-01-10;{world_a.unit.name};7511;556;Bensin AB;10000;800;liter"))
    fuel = LedgerAggregate.objects.get(ledger_import=job)
    assert fuel.method == "activity" and fuel.kg_co2e == pytest.approx(800 * 2.51279)


def test_a_csv_saved_by_swedish_excel_is_read(world_a, org):
    text = ledger_csv(f"2024-01-10;{world_a.unit.name};7211;556;Kött & Chark Åb;100,50;;").decode()
    job = import_ledger(org, text.encode("cp1252"))
    assert job.status == LedgerImport.Status.DONE, job.message
    assert SupplierAggregate.objects.get(ledger_import=job).name == "Kött & Chark Åb"


def test_a_file_without_lines_says_so(org):
    job = import_ledger(org, ledger_csv())
    assert job.status == LedgerImport.Status.FAILED and job.message == "The file has no lines below its header."


def test_the_checked_lengths_are_those_the_totals_keep():
    for name in ("account", "category", "quantity_unit"):
        assert LedgerAggregate._meta.get_field(name).max_length == KEY_LENGTH
    assert SupplierAggregate._meta.get_field("org_number").max_length == NUMBER_LENGTH


def test_keys_longer_than_the_totals_keep_are_errors(world_a, org):
    unit = world_a.unit.name
    long_category = "x" * (KEY_LENGTH + 1)
    header = "datum;enhet;konto;orgnr;leverantör;belopp;kategori\n"
    job = import_ledger(
        org,
        ledger_csv(
            f"2024-01-10;{unit};7211;556;A;1;{long_category}",
            f"2024-01-10;{unit};7211;{'9' * (NUMBER_LENGTH + 1)}A;B;1;",
            f"2024-01-10;{unit};{'1' * (KEY_LENGTH + 1)};556;A;1;",
            header=header,
        ),
    )
    assert job.status == LedgerImport.Status.FAILED and job.error_count == 3
    assert [error[:2] for error in job.errors] == [
        [2, "category_length"],
        [3, "supplier_number_length"],
        [4, "account"],
    ]
    assert not LedgerAggregate.objects.filter(organisation=org).exists()


# Jobs ----------------------------------------------------------------------------------------------


def test_an_import_whose_worker_stopped_is_failed_and_its_file_can_be_imported_again(org):
    stuck = importing.start_import(organisation=org, user=None, upload=_upload(b"datum;enhet\n"))
    assert stuck.status == LedgerImport.Status.QUEUED and stuck.file  # no worker ran it
    LedgerImport.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - importing.ABANDONED_AFTER - timedelta(1)
    )
    assert importing.fail_abandoned(org) == 1
    stuck.refresh_from_db()
    assert stuck.status == LedgerImport.Status.FAILED and "stopped without finishing" in stuck.message
    assert not stuck.file
    importing.start_import(organisation=org, user=None, upload=_upload(b"datum;enhet\n"))  # not refused as a duplicate


def test_a_job_is_run_once_when_its_task_is_delivered_twice(world_a, org):
    job = import_ledger(org, ledger_csv(f"2024-01-10;{world_a.unit.name};7211;556;A;100;;"))
    assert importing.run_import(job).status == LedgerImport.Status.DONE
    assert LedgerAggregate.objects.filter(organisation=org).count() == 1


def test_an_exchange_rate_of_zero_is_refused(org):
    settings = services.settings_for(org)
    settings.sek_per_usd = Decimal(0)
    with pytest.raises(ValidationError) as refused:
        services.save_settings(settings)
    assert "sek_per_usd" in refused.value.message_dict


# Suppliers' share of an account's emissions ---------------------------------------------------------


def test_a_supplier_whose_credits_outweigh_its_invoices_gets_no_emissions(world_a, org):
    unit = world_a.unit.name
    job = import_ledger(
        org,
        ledger_csv(
            f"2024-01-10;{unit};7511;5560000001;Bensin AB;1000;400;litres",
            f"2024-01-11;{unit};7511;5560000002;Olja AB;500;;",
            f"2024-01-12;{unit};7511;5560000002;Olja AB;-1500;;",
        ),
    )
    account_kg = LedgerAggregate.objects.filter(ledger_import=job).aggregate(kg=Sum("kg_co2e"))["kg"]
    assert account_kg > 0
    suppliers = dict(SupplierAggregate.objects.filter(ledger_import=job).values_list("name", "kg_co2e"))
    assert suppliers["Olja AB"] == 0
    assert suppliers["Bensin AB"] == pytest.approx(account_kg)  # the only supplier with a positive sum
    services.recompute(org)
    suppliers = dict(SupplierAggregate.objects.filter(ledger_import=job).values_list("name", "kg_co2e"))
    assert suppliers == {"Olja AB": 0, "Bensin AB": pytest.approx(account_kg)}


def test_recomputing_shares_each_imports_emissions_among_its_own_suppliers(world_a, org, second_unit):
    first = import_ledger(org, ledger_csv(f"2024-01-10;{world_a.unit.name};7211;5560000001;A;100;;"))
    second = import_ledger(org, ledger_csv("2024-01-10;TF;7211;5560000002;B;300;;"))
    before = dict(SupplierAggregate.objects.values_list("ledger_import", "kg_co2e"))
    services.recompute(org)
    after = dict(SupplierAggregate.objects.values_list("ledger_import", "kg_co2e"))
    assert after == {first.pk: pytest.approx(before[first.pk]), second.pk: pytest.approx(before[second.pk])}
    assert after[second.pk] == pytest.approx(3 * after[first.pk])


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("stuck.csv", data, content_type="text/csv")
