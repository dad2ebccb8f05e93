"""The import pages: choose → template → upload → preview → commit → report, permissions and query counts."""

import io

import fastexcel
import pytest
import xlsxwriter
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hallbar.imports import services
from hallbar.imports.models import ImportJob
from hallbar.indicators.models import IndicatorValue

from .factories import job_for

SPEC_URL = reverse("imports:spec", args=["indicator_values"])


@pytest.fixture
def english(client_for):
    def login(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def post_file(client, name: str, data: bytes):
    return client.post(SPEC_URL, {"file": SimpleUploadedFile(name, data)})


def test_the_menu_leads_to_the_kinds_of_import(english, world_a):
    body = english(world_a.user("coordinator")).get(reverse("imports:home")).content.decode()
    assert 'href="/imports/"' in body and "Import data" in body
    assert f'href="{SPEC_URL}"' in body


def test_readers_see_imports_but_may_not_import(english, world_a):
    client = english(world_a.user("reader"))
    body = client.get(reverse("imports:home")).content.decode()
    assert SPEC_URL not in body
    assert client.get(SPEC_URL).status_code == 403
    assert client.get(reverse("imports:spec", args=["no-such-kind"])).status_code == 404


def test_an_unknown_kind_is_not_found(english, world_a):
    assert english(world_a.user("coordinator")).get(reverse("imports:spec", args=["nothing"])).status_code == 404


def test_templates_are_generated_from_the_spec(english, world_a):
    client = english(world_a.user("editor"))
    response = client.get(SPEC_URL + "?template=csv")
    text = response.content.decode("utf-8")
    assert text.startswith(
        "\ufeffIndicator;Unit;Year;Period;Value;Value for women;Value for men;Status;Source;Comment\r\n"
    )
    assert text.splitlines()[1].startswith("# required: The indicator's exact title or its id.;")
    response = client.get(SPEC_URL + "?template=xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    reader = fastexcel.read_excel(response.content)
    assert reader.sheet_names == ["Data", "Help"]
    data = reader.load_sheet(0).to_polars()
    assert data.columns == [
        "Indicator",
        "Unit",
        "Year",
        "Period",
        "Value",
        "Value for women",
        "Value for men",
        "Status",
        "Source",
        "Comment",
    ]
    help_rows = reader.load_sheet(1, header_row=None).to_polars().rows()
    assert ("Period", "optional") == help_rows[8][:2]


def test_csv_template_round_trip(english, world_a, indicators):
    client = english(world_a.user("coordinator"))
    template = client.get(SPEC_URL + "?template=csv").content.decode("utf-8-sig")
    filled = template + "Utsläpp per invånare;;2023;;4,5;;;;SCB;\r\nSjukfrånvaro;A enhet;2024;3;7;3;4;Preliminary;;\r\n"
    response = post_file(client, "ifylld.csv", filled.encode("cp1252"))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "2 rows are ready to import: 2 new, 0 replaced." in page
    assert "Import 2 rows" in page
    response = client.post(reverse("imports:job-commit", args=[job.pk]), follow=True)
    assert "2 rows were imported: 2 new, 0 replaced." in response.content.decode()
    assert sorted(IndicatorValue.objects.values_list("year", "period", "value", "value_women")) == [
        (2023, 0, 4.5, None),
        (2024, 3, 7.0, 3.0),
    ]


def test_xlsx_template_round_trip(english, world_a, indicators):
    client = english(world_a.user("coordinator"))
    template = fastexcel.read_excel(client.get(SPEC_URL + "?template=xlsx").content)
    headers = template.load_sheet(0).to_polars().columns
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet("Data")
    sheet.write_row(0, 0, headers)
    sheet.write_row(1, 0, ["Utsläpp per invånare", "", 2023, 0, 4.25])
    workbook.close()
    post_file(client, "ifylld.xlsx", buffer.getvalue())
    job = ImportJob.objects.get()
    assert job.can_commit
    client.post(reverse("imports:job-commit", args=[job.pk]))
    assert list(IndicatorValue.objects.values_list("year", "value")) == [(2023, 4.25)]


def test_an_unreadable_upload_is_a_form_error(english, world_a):
    response = post_file(english(world_a.user("coordinator")), "tom.csv", b"")
    assert response.status_code == 200
    assert "The submitted file is empty." in response.content.decode()
    response = post_file(english(world_a.user("coordinator")), "blank.csv", b" \n \n")
    assert "The file is empty." in response.content.decode()
    assert not ImportJob.objects.exists()
    response = post_file(english(world_a.user("coordinator")), "bild.png", b"\x89PNG")
    assert "Upload a CSV file (.csv) or an Excel file (.xlsx)." in response.content.decode()


def test_the_preview_lists_errors_by_row_and_field_and_offers_no_commit(english, world_a, indicators):
    client = english(world_a.user("coordinator"))
    post_file(client, "fel.csv", "Indikator;År;Värde\nUtsläpp per invånare;2023;tolv\n".encode())
    job = ImportJob.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "row 2, Value: the value &#x27;tolv&#x27; is not a number" in page
    assert "The file has 1 error." in page and "Import 1 rows" not in page
    response = client.post(reverse("imports:job-commit", args=[job.pk]), follow=True)
    assert "Correct the errors in the file first" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_changing_the_column_mapping_checks_again(english, world_a, indicators):
    client = english(world_a.user("coordinator"))
    post_file(client, "egen.csv", "Mått;År;Utfall;Annat\nUtsläpp per invånare;2023;4;x\n".encode())
    job = ImportJob.objects.get()
    assert job.mapping["indicator"] == "" and job.error_count == 1  # "Mått" is not a known name
    mapping = {"indicator": "Mått", "year": "År", "value": "Utfall"}
    client.post(reverse("imports:job-mapping", args=[job.pk]), mapping)
    job.refresh_from_db()
    assert job.mapping["indicator"] == "Mått" and job.error_count == 0 and job.can_commit


def test_only_the_uploader_may_commit(english, world_a, indicators):
    job = job_for(world_a.organisation)
    other = english(world_a.user("administrator"))
    assert other.post(reverse("imports:job-commit", args=[job.pk])).status_code == 403
    assert other.post(reverse("imports:job-mapping", args=[job.pk]), {}).status_code == 403
    assert "Check again" not in other.get(job.get_absolute_url()).content.decode()


def test_large_files_are_committed_in_the_background_with_a_polling_status(
    english, world_a, indicators, monkeypatch, settings
):
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 1)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, not run
    client = english(world_a.user("coordinator"))
    post_file(
        client, "stor.csv", "Indikator;År;Värde\nUtsläpp per invånare;2023;1\nUtsläpp per invånare;2024;2\n".encode()
    )
    job = ImportJob.objects.get()
    response = client.post(reverse("imports:job-commit", args=[job.pk]), follow=True)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTING and not IndicatorValue.objects.exists()
    body = response.content.decode()
    assert 'hx-trigger="every 2s"' in body and "Importing 2 rows" in body
    partial = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="import-progress"')
    from hallbar.imports.tasks import commit_import

    commit_import.call(job.pk)  # what the worker does
    assert IndicatorValue.objects.count() == 2
    finished = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert finished["HX-Refresh"] == "true"
    assert "2 rows were imported" in client.get(job.get_absolute_url()).content.decode()


def test_the_task_runs_through_the_queue(english, world_a, indicators, monkeypatch):
    monkeypatch.setattr(services, "BACKGROUND_ROWS", 0)
    client = english(world_a.user("coordinator"))
    post_file(client, "stor.csv", "Indikator;År;Värde\nUtsläpp per invånare;2023;1\n".encode())
    job = ImportJob.objects.get()
    client.post(reverse("imports:job-commit", args=[job.pk]))  # the immediate backend of the tests runs it
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTED and IndicatorValue.objects.count() == 1


@pytest.mark.parametrize("count", [1, 6])
def test_query_counts_do_not_grow_with_the_number_of_jobs(
    english, world_a, indicators, count, django_assert_max_num_queries
):
    client = english(world_a.user("coordinator"))
    for index in range(count):
        post_file(client, f"fil{index}.csv", "Indikator;År;Värde\nUtsläpp per invånare;2023;1\n".encode())
    job = ImportJob.objects.first()
    with django_assert_max_num_queries(14):
        assert client.get(reverse("imports:home")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(job.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("imports:home") + "?export=xlsx").status_code == 200
