import io

import polars as pl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.utils import translation

from hallbar.consumption import importing, services
from hallbar.consumption.ledger import describe_error
from hallbar.consumption.models import AccountMapping, EmissionFactor, LedgerAggregate, LedgerImport, SupplierAggregate
from hallbar.organisations.models import OrganisationUnit

from .factories import coordinator_of, import_ledger, ledger_csv


@pytest.fixture
def org(world_a):
    return world_a.organisation


def test_factor_sets_are_loaded_with_source_and_year(db):
    diesel = EmissionFactor.objects.select_related("factor_set").get(code="diesel-litres")
    assert diesel.kg_co2e_per_unit == pytest.approx(2.51279)
    assert diesel.factor_set.year == 2024 and "Open Government" in diesel.factor_set.licence
    food = EmissionFactor.objects.select_related("factor_set").get(code="311999")
    assert food.factor_set.price_year == 2022 and food.factor_set.currency == "USD"


def test_a_valid_ledger_is_stored_as_totals(world_a, org):
    unit = world_a.unit
    job = import_ledger(
        org,
        ledger_csv(
            f"2024-01-10;{unit.name};7211;5560000002;Chark AB;20 000,50;;",
            f"2024-02-10;{unit.name};7211;5560000002;Chark AB;-5000;;",
            f"2023-02-10;{unit.name};7211;5560000009;Ost AB;1000;;",
        ),
    )
    assert job.status == LedgerImport.Status.DONE and not job.file
    assert (job.row_count, job.credit_count, str(job.amount_sek)) == (3, 1, "16000.50")
    assert str(job.period_start) == "2023-02-10" and str(job.period_end) == "2024-02-10"
    meat = LedgerAggregate.objects.get(ledger_import=job, year=2024)
    assert meat.row_count == 2 and str(meat.amount_sek) == "15000.50"  # the credit note is a correction
    assert meat.method == "spend" and meat.factor.code == "311612" and meat.mapping.prefix == "7211"
    settings = services.settings_for(org)
    expected = (
        15000.50 * (100 / settings.price_index["2024"]) / float(settings.sek_per_usd) * meat.factor.kg_co2e_per_unit
    )
    assert meat.kg_co2e == pytest.approx(expected)
    supplier = SupplierAggregate.objects.get(ledger_import=job, year=2024)
    assert supplier.name == "Chark AB" and supplier.kg_co2e == pytest.approx(meat.kg_co2e)
    assert str(supplier.amount_sek) == "15000.50"  # exact to the öre, the credit note subtracted


def test_keys_written_differently_are_summed_together(world_a, org):
    """Lines are summed per key as written and the keys cleaned up per group: spaces, case and the
    supplier number's form do not split a total, and a quantity unit without a quantity counts as none."""
    unit = world_a.unit
    job = import_ledger(
        org,
        ledger_csv(
            f"2024-01-10;{unit.name};7211;556000-0002;Chark AB;100,25;;litres",
            f"2024-01-11; {unit.name.upper()} ; 7211 ;5560000002; Chark AB ;0,75;;",
            f"2024-01-12;{unit.name};7211;16 5560000002;;-1;;",
        ),
    )
    assert job.status == LedgerImport.Status.DONE, job.errors
    total = LedgerAggregate.objects.get(ledger_import=job)
    assert (total.account, total.quantity_unit, total.row_count, str(total.amount_sek)) == ("7211", "", 3, "100.00")
    supplier = SupplierAggregate.objects.get(ledger_import=job)
    assert (supplier.org_number, supplier.name, supplier.row_count) == ("556000-0002", "Chark AB", 3)
    assert str(supplier.amount_sek) == "100.00"


def test_a_quantity_in_the_activity_unit_is_preferred(world_a, org):
    job = import_ledger(org, ledger_csv(f"2024-01-10;{world_a.unit.name};7511;5560000001;Bensin AB;10000;800;litres"))
    fuel = LedgerAggregate.objects.get(ledger_import=job)
    assert fuel.method == "activity" and fuel.kg_co2e == pytest.approx(800 * 2.51279)


def test_errors_name_the_rows_and_nothing_is_kept(world_a, org):
    unit = world_a.unit
    job = import_ledger(
        org,
        ledger_csv(
            f"2024-01-10;{unit.name};7211;5560000002;Chark AB;100;;",
            f"2024-13-45;{unit.name};7211;5560000002;Chark AB;100;;",
            "2024-01-10;Ingen sådan enhet;7211;5560000002;Chark AB;tio;;",
            f"2024-01-10;{unit.name};konto;;Chark AB;100;många;",
        ),
    )
    assert job.status == LedgerImport.Status.FAILED and job.error_count == 6
    assert [error[:2] for error in job.errors] == [
        [3, "date"],
        [4, "amount"],
        [4, "unit"],
        [5, "account"],
        [5, "supplier_org_number"],
        [5, "quantity"],
    ]
    assert not LedgerAggregate.objects.filter(organisation=org).exists()
    with translation.override("en"):
        assert describe_error("date") == ("date", "Not a date (use YYYY-MM-DD).")


def test_a_missing_column_is_reported(world_a, org):
    job = import_ledger(org, ledger_csv("2024-01-10;x;1;2", header="datum;enhet;konto;orgnr\n"))
    assert job.status == LedgerImport.Status.FAILED
    with translation.override("en"):
        assert job.message  # stored in the language of the worker
    assert "leverant" in job.message or "supplier" in job.message


def test_the_same_file_is_refused(world_a, org):
    data = ledger_csv(f"2024-01-10;{world_a.unit.name};7211;5560000002;Chark AB;100;;")
    import_ledger(org, data)
    with translation.override("en"), pytest.raises(ValidationError, match="already imported"):
        import_ledger(org, data, name="again.csv")


def test_a_file_covering_an_earlier_period_replaces_it(world_a, org):
    unit = world_a.unit
    first = import_ledger(org, ledger_csv(f"2024-03-10;{unit.name};7211;556;Chark AB;100;;"))
    second = import_ledger(
        org,
        ledger_csv(f"2024-01-01;{unit.name};7211;556;Chark AB;100;;", f"2024-12-31;{unit.name};7211;556;Chark AB;50;;"),
    )
    first.refresh_from_db()
    assert first.status == LedgerImport.Status.REPLACED
    assert LedgerAggregate.objects.filter(organisation=org).aggregate(total=Sum("amount_sek"))["total"] == 150
    assert second.status == LedgerImport.Status.DONE


def test_a_partial_overlap_is_refused(world_a, org):
    unit = world_a.unit
    import_ledger(org, ledger_csv(f"2024-01-01;{unit.name};7211;556;A;100;;", f"2024-06-30;{unit.name};7211;556;A;1;;"))
    with translation.override("en"):
        job = import_ledger(
            org, ledger_csv(f"2024-06-01;{unit.name};7211;556;A;5;;", f"2024-12-31;{unit.name};7211;556;A;5;;")
        )
    assert job.status == LedgerImport.Status.FAILED and "partly overlaps" in job.message
    assert LedgerAggregate.objects.filter(organisation=org).aggregate(total=Sum("amount_sek"))["total"] == 101


def test_unmapped_accounts_are_kept_and_mapping_them_then_recomputing_counts_them(world_a, org):
    job = import_ledger(org, ledger_csv(f"2024-01-10;{world_a.unit.name};9911;556;A;1000;;"))
    total = LedgerAggregate.objects.get(ledger_import=job)
    assert total.method == "unmapped" and total.kg_co2e == 0
    factor = EmissionFactor.objects.get(code="541611")
    services.save_mapping(AccountMapping(organisation=org, prefix="99", name="Övrigt", spend_factor=factor))
    services.recompute(org)
    total.refresh_from_db()
    assert total.method == "spend" and total.kg_co2e > 0
    assert SupplierAggregate.objects.get(ledger_import=job).kg_co2e == pytest.approx(total.kg_co2e)


def test_a_category_mapping_goes_before_the_accounts(world_a, org):
    services.install_default_mappings(org)
    factor = EmissionFactor.objects.get(code="334111")
    services.save_mapping(
        AccountMapping(
            organisation=org, kind=AccountMapping.Kind.CATEGORY, prefix="302", name="IT", spend_factor=factor
        )
    )
    header = "date;unit;account;supplier org number;supplier name;amount;category\n"
    job = import_ledger(org, ledger_csv(f"2024-01-10;{world_a.unit.name};7011;556;A;1000;30213100", header=header))
    assert LedgerAggregate.objects.get(ledger_import=job).factor == factor


def test_an_account_mapping_needs_digits(org):
    factor = EmissionFactor.objects.get(code="541611")
    with translation.override("en"), pytest.raises(ValidationError, match="digits only"):
        services.save_mapping(AccountMapping(organisation=org, prefix="7x", name="X", spend_factor=factor))


def test_defaults_are_installed_once(org):
    created = services.install_default_mappings(org)
    assert created > 20 and services.install_default_mappings(org) == 0


def test_parquet_and_xlsx_are_read(world_a, org):
    frame = pl.DataFrame(
        {
            "date": ["2024-01-10", "2024-01-11"],
            "unit": [world_a.unit.name] * 2,
            "account": ["7211", "7221"],
            "supplier_org_number": ["556", "557"],
            "supplier_name": ["A", "B"],
            "amount": [100.0, 200.0],
        }
    )
    parquet, xlsx = io.BytesIO(), io.BytesIO()
    frame.write_parquet(parquet)
    frame.write_excel(xlsx)
    assert import_ledger(org, parquet.getvalue(), name="l.parquet").amount_sek == 300
    frame = frame.with_columns(pl.lit("2025-01-10").alias("date"))
    frame.write_excel(xlsx := io.BytesIO())
    assert import_ledger(org, xlsx.getvalue(), name="l.xlsx").amount_sek == 300


def test_another_file_type_is_refused_by_the_reader(world_a, org):
    job = importing.start_import(
        organisation=org, user=coordinator_of(org), upload=SimpleUploadedFile("l.pdf", b"%PDF", "application/pdf")
    )
    assert importing.run_import(job).status == LedgerImport.Status.FAILED


def test_a_unit_removed_while_the_file_is_read_fails_the_import_cleanly(world_a, org, monkeypatch):
    # The database does not check the totals' keys (decision 0020): the import locks and checks the units.
    unit = OrganisationUnit.objects.create(organisation=org, name="Tillfällig enhet", code="TMP")
    read = importing.read_ledger

    def read_then_remove_the_unit(*args, **kwargs):
        result = read(*args, **kwargs)
        OrganisationUnit.objects.filter(pk=unit.pk).delete()
        return result

    monkeypatch.setattr(importing, "read_ledger", read_then_remove_the_unit)
    with translation.override("en"):
        job = import_ledger(org, ledger_csv("2024-01-10;Tillfällig enhet;7211;5560000001;Chark AB;100;;"))
    assert job.status == LedgerImport.Status.FAILED and "was removed during the import" in job.message
    assert not LedgerAggregate.objects.filter(unit_id=unit.pk).exists()
