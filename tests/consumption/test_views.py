import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.consumption import importing
from hallbar.consumption.models import AccountMapping, EmissionFactor, LedgerImport

from .factories import imported_for, ledger_csv, mapping_for

PAGES = ["overview", "totals", "suppliers", "factor-sets", "imports", "mappings"]


@pytest.fixture
def imported(world_a):
    return imported_for(world_a.organisation, world_a.unit)


@pytest.mark.parametrize("name", PAGES)
def test_pages_show_for_a_reader(client_for, world_a, imported, name):
    response = client_for(world_a.user(Role.READER)).get(reverse(f"consumption:{name}"))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["totals", "suppliers", "imports", "mappings"])
def test_lists_export(client_for, world_a, imported, name):
    response = client_for(world_a.user(Role.READER)).get(reverse(f"consumption:{name}") + "?export=csv")
    assert response.status_code == 200 and "csv" in response["Content-Type"]


def test_the_overview_traces_figures_to_factor_and_source(client_for, world_a, imported):
    with translation.override("en"):
        response = client_for(world_a.user(Role.READER)).get(reverse("consumption:overview"))
    page = response.content.decode()
    assert "US EPA Supply Chain GHG Emission Factors v1.3" in page and "10.23719/1531143" in page
    assert "9999" in page  # the unmapped account with its spend
    assert "Dairy" not in page and "Meat" in page
    assert "SEK per USD" in page


def test_the_totals_page_filters_by_mapping(client_for, world_a, imported):
    meat = imported.aggregates.get(account="7211").mapping
    response = client_for(world_a.user(Role.READER)).get(reverse("consumption:totals") + f"?mapping={meat.pk}")
    assert [row.account for row in response.context["totals"]] == ["7211"]


def test_pages_take_few_queries(client_for, world_a, imported, django_assert_max_num_queries):
    client = client_for(world_a.user(Role.READER))
    for name in PAGES:
        with django_assert_max_num_queries(25):
            client.get(reverse(f"consumption:{name}"))
    with django_assert_max_num_queries(20):
        client.get(imported.get_absolute_url())


@pytest.mark.parametrize("name", ["import-create", "mapping-create", "settings"])
def test_readers_may_not_change(client_for, world_a, name):
    assert client_for(world_a.user(Role.READER)).get(reverse(f"consumption:{name}")).status_code == 403


def test_upload_runs_the_import_and_shows_the_report(client_for, world_a, django_capture_on_commit_callbacks):
    client = client_for(world_a.user(Role.COORDINATOR))
    upload = SimpleUploadedFile("l.csv", ledger_csv(f"2024-01-10;{world_a.unit.name};7211;556;A;100;;"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consumption:import-create"), {"file": upload})
    job = LedgerImport.objects.get(organisation=world_a.organisation)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == LedgerImport.Status.DONE
    assert client.get(job.get_absolute_url()).status_code == 200


def test_a_running_import_shows_a_progress_bar(client_for, world_a):
    client = client_for(world_a.user(Role.COORDINATOR))
    upload = SimpleUploadedFile("l.csv", ledger_csv(f"2024-01-10;{world_a.unit.name};7211;556;A;100;;"))
    client.post(reverse("consumption:import-create"), {"file": upload})  # queued: on_commit does not run
    job = LedgerImport.objects.get(organisation=world_a.organisation)
    response = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert b"<progress" in response.content and b"hx-trigger" in response.content


def test_uploading_the_same_file_again_is_refused(client_for, world_a):
    client = client_for(world_a.user(Role.COORDINATOR))
    data = ledger_csv(f"2024-01-10;{world_a.unit.name};7211;556;A;100;;")
    importing.run_import(
        importing.start_import(organisation=world_a.organisation, user=None, upload=SimpleUploadedFile("a.csv", data))
    )
    with translation.override("en"):
        response = client.post(reverse("consumption:import-create"), {"file": SimpleUploadedFile("b.csv", data)})
    assert response.status_code == 200 and "already imported" in response.content.decode()


def test_a_pdf_is_refused_on_the_form(client_for, world_a):
    with translation.override("en"):
        response = client_for(world_a.user(Role.COORDINATOR)).post(
            reverse("consumption:import-create"), {"file": SimpleUploadedFile("a.pdf", b"%PDF")}
        )
    assert "Upload a CSV, XLSX or Parquet file." in response.content.decode()


def test_a_coordinator_edits_a_mapping(client_for, world_a):
    mapping = mapping_for(world_a.organisation)
    factor = EmissionFactor.objects.get(code="541611")
    response = client_for(world_a.user(Role.COORDINATOR)).post(
        reverse("consumption:mapping-edit", args=[mapping.pk]),
        {"kind": "account", "prefix": "40", "name": "Material", "spend_factor": factor.pk, "activity_factor": ""},
    )
    assert response.status_code == 302
    mapping.refresh_from_db()
    assert mapping.spend_factor == factor and not mapping.is_default


def test_a_coordinator_deletes_a_mapping(client_for, world_a):
    mapping = mapping_for(world_a.organisation)
    response = client_for(world_a.user(Role.COORDINATOR)).post(reverse("consumption:mapping-delete", args=[mapping.pk]))
    assert response.status_code == 302 and not AccountMapping.objects.filter(pk=mapping.pk).exists()


def test_settings_are_saved_and_recompute_applies_them(
    client_for, world_a, imported, django_capture_on_commit_callbacks
):
    client = client_for(world_a.user(Role.COORDINATOR))
    before = imported.aggregates.get(account="7211").kg_co2e
    response = client.post(
        reverse("consumption:settings"),
        {"sek_per_usd": "5", "rate_source": "Test", "index_source": "Test", "price_index_text": "2024 = 100"},
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("consumption:recompute")).status_code == 302
    assert imported.aggregates.get(account="7211").kg_co2e > before
    page = client.get(reverse("consumption:overview")).content.decode()
    assert f"{imported.aggregates.count()} totals" in page  # how the recomputation ended


def test_a_bad_price_index_is_explained(client_for, world_a):
    with translation.override("en"):
        response = client_for(world_a.user(Role.COORDINATOR)).post(
            reverse("consumption:settings"),
            {"sek_per_usd": "10", "rate_source": "x", "index_source": "x", "price_index_text": "2024 hundra"},
        )
    assert "Write each line as year = index" in response.content.decode()


def test_another_organisations_import_is_not_found(client_for, world_a, world_b):
    other = imported_for(world_b.organisation, world_b.unit)
    assert client_for(world_a.user(Role.ADMINISTRATOR)).get(other.get_absolute_url()).status_code == 404


def test_the_progress_bar_reloads_the_page_when_the_import_is_done(client_for, world_a, imported):
    response = client_for(world_a.user(Role.READER)).get(imported.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
