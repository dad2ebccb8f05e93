"""The import pipeline on indicator values: every kind of bad input names row and field and writes nothing."""

import io

import pytest
import xlsxwriter
from django.db import connection

from hallbar.history.models import ChangeRecord
from hallbar.imports import services
from hallbar.imports.messages import render_errors
from hallbar.imports.models import ImportJob
from hallbar.imports.reading import UnreadableFile
from hallbar.indicators.models import IndicatorValue
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

HEADER = "Indikator;Enhet;År;Period;Värde;Värde kvinnor;Värde män;Status;Källa;Kommentar\n"


def messages_of(spec, job) -> list[str]:
    return [error["message"] for error in render_errors(spec, job.errors)]


def assert_rejected(spec, job, *expected):
    """The job has exactly these error messages (in English) and cannot be committed; nothing was written."""
    assert job.status == ImportJob.Status.PREVIEWED
    assert not job.can_commit
    assert messages_of(spec, job) == list(expected)
    assert not IndicatorValue.objects.exists()


def test_a_clean_file_is_previewed_and_committed(upload, indicators, spec, world_a):
    job = upload(
        HEADER
        + "Utsläpp per invånare;;2023;;4,5;;;;SCB;\n"
        + "Utsläpp per invånare;A enhet;2023;0;1 234,5;;;preliminär;;Första\n"
        + f"{indicators['quarterly'].pk};A förvaltning;2024;2;12;11,5;12,5;Final;;\n"
    )
    assert job.can_commit and (job.row_count, job.created_count, job.replaced_count) == (3, 3, 0)
    assert [row[1] for row in job.preview] == ["Utsläpp per invånare", "Utsläpp per invånare", "Sjukfrånvaro"]
    services.commit(job)
    values = IndicatorValue.objects.order_by("pk")
    assert [(v.unit, v.year, v.period, v.value, v.value_women, v.status) for v in values] == [
        (None, 2023, 0, 4.5, None, "final"),
        (world_a.unit, 2023, 0, 1234.5, None, "preliminary"),
        (world_a.administration, 2024, 2, 12.0, 11.5, "final"),
    ]
    assert values.get(source="SCB").comment == ""


def test_wrong_types_name_row_and_field(upload, indicators, spec):
    job = upload(HEADER + "Utsläpp per invånare;;2023;;4,5;;;;;\nUtsläpp per invånare;;tjugo;;tolv;;;kanske;;\n")
    assert_rejected(
        spec,
        job,
        "row 3, Year: the value 'tjugo' is not a year",
        "row 3, Value: the value 'tolv' is not a number",
        "row 3, Status: the value 'kanske' is not one of: Preliminary, Final",
    )


def test_unknown_and_foreign_indicators_and_units(upload, indicators, spec, world_b):
    foreign = IndicatorFactory(organisation=world_b.organisation, title="B:s indikator")
    job = upload(
        HEADER
        + "Finns inte;;2023;;1;;;;;\n"
        + f"{foreign.pk};;2023;;1;;;;;\n"
        + f"Utsläpp per invånare;{world_b.unit.name};2023;;1;;;;;\n"
        + f"Utsläpp per invånare;{world_b.unit.pk};2024;;1;;;;;\n"
    )
    assert_rejected(
        spec,
        job,
        "row 2, Indicator: 'Finns inte' does not exist in your organisation",
        f"row 3, Indicator: '{foreign.pk}' does not exist in your organisation",
        "row 4, Unit: 'B enhet' does not exist in your organisation",
        f"row 5, Unit: '{world_b.unit.pk}' does not exist in your organisation",
    )


def test_duplicates_name_both_rows(upload, indicators, spec):
    job = upload(
        HEADER
        + "Utsläpp per invånare;;2023;;1;;;;;\n"
        + "Utsläpp per invånare;A enhet;2023;;2;;;;;\n"
        + "utsläpp  per invånare;;2023;0;3;;;;;\n"
    )
    assert_rejected(spec, job, "row 4, Indicator: the same indicator, unit, year, period as row 2")


def test_bad_period_and_gender_split(upload, indicators, spec):
    job = upload(
        HEADER
        + "Utsläpp per invånare;;2023;3;1;;;;;\n"
        + "Sjukfrånvaro;;2023;;1;;;;;\n"
        + "Sjukfrånvaro;;2023;5;1;;;;;\n"
        + "Utsläpp per invånare;;2024;;1;2;;;;\n"
    )
    assert_rejected(
        spec,
        job,
        "row 2, Period: period 3 does not exist for this yearly indicator; use 0 or leave it empty",
        "row 3, Period: period 0 does not exist for this indicator; use a number from 1 to 4",
        "row 4, Period: period 5 does not exist for this indicator; use a number from 1 to 4",
        "row 5, Value for women: this indicator is not split by gender, so leave it empty",
    )


def test_required_cells_and_missing_columns(upload, indicators, spec):
    job = upload(HEADER + ";;2023;;;;;;;\n")
    assert_rejected(spec, job, "row 2, Indicator: a value is required", "row 2, Value: a value is required")
    job = upload("Indikator;År\nUtsläpp per invånare;2023\n")
    assert_rejected(spec, job, "row 1, Value: the file has no column for it; choose one below or add it to the file")


def test_wrong_delimiter_reports_the_missing_columns(upload, indicators, spec):
    job = upload("Indikator|År|Värde\nUtsläpp per invånare|2023|4\n")
    assert job.headers == ["Indikator|År|Värde"]
    assert "row 1, Indicator: the file has no column for it" in messages_of(spec, job)[0]
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "The file is empty."),
        (b"  \n\n", "The file is empty."),
        (b"Indikator;\xc3\x85r;V\xc3\xa4rde\n", "The file has a header row but no rows of data."),
        (b"Indikator;Ar;Varde\nA;2023;1\nB;2023;1;9;9\n", "Row 3 has 5 fields but the header has 3."),
        (b"PK\x03\x04garbage", "The file could not be read as an Excel (XLSX) file."),
        (b"\x00\x01\x02\x00binary", "The file is neither a CSV file nor an Excel (XLSX) file."),
    ],
)
def test_malformed_files_are_refused_before_anything_is_stored(upload, indicators, content, message):
    with pytest.raises(UnreadableFile) as refused:
        upload(content)
    assert refused.value.message == message
    assert not ImportJob.objects.exists() and not IndicatorValue.objects.exists()


def test_cp1252_semicolons_and_comma_separated_utf8_with_bom(upload, indicators):
    job = upload(("Indikator;År;Värde\nUtsläpp per invånare;2023;4,5\n").encode("cp1252"))
    assert job.can_commit and job.mapping["year"] == "År"
    job = upload('\ufeffIndicator,Year,Value\n"Utsläpp per invånare",2023,"4,5"\n'.encode())
    assert job.can_commit and job.mapping["indicator"] == "Indicator"
    assert job.preview[0][5] == 4.5


def xlsx(rows, junk=True) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet()
    start = 0
    if junk:
        sheet.merge_range("A1:E1", "Indikatorvärden från ekonomisystemet")
        start = 3
    for offset, row in enumerate(rows):
        sheet.write_row(start + offset, 0, row)
    workbook.close()
    return buffer.getvalue()


def test_xlsx_with_merged_header_junk_counts_rows_as_excel_does(upload, indicators, spec):
    data = xlsx(
        [["Indikator", "År", "Värde"], ["Utsläpp per invånare", 2023, 4.5], ["Utsläpp per invånare", 2024, "tolv"]]
    )
    job = upload(data, filename="värden.xlsx")
    assert job.header_row == 4
    assert_rejected(spec, job, "row 6, Value: the value 'tolv' is not a number")


def test_editors_import_only_for_their_units(upload, indicators, spec, world_a):
    job = upload(
        HEADER
        + "Utsläpp per invånare;A förvaltning;2023;;1;;;;;\n"
        + "Utsläpp per invånare;A enhet;2023;;1;;;;;\n"
        + "Utsläpp per invånare;A annan förvaltning;2023;;1;;;;;\n"
        + "Utsläpp per invånare;;2023;;1;;;;;\n",
        role="editor",
    )
    assert_rejected(
        spec,
        job,
        "row 4, Unit: you may not change values of the unit 'A annan förvaltning'",
        "row 5, Unit: you may only import values for the units you work in; this row is for the whole organisation",
    )


def test_existing_values_are_replaced_and_counted(upload, indicators, spec):
    IndicatorValueFactory(indicator=indicators["yearly"], year=2023, value=1.0, comment="gammal")
    job = upload(HEADER + "Utsläpp per invånare;;2023;;2;;;;;ny\nUtsläpp per invånare;;2024;;3;;;;;\n")
    assert (job.created_count, job.replaced_count) == (1, 1)
    services.commit(job)
    assert sorted(IndicatorValue.objects.values_list("year", "value", "comment")) == [
        (2023, 2.0, "ny"),
        (2024, 3.0, ""),
    ]
    job.refresh_from_db()
    assert (job.status, job.created_count, job.replaced_count) == ("committed", 1, 1)


def test_the_commit_is_all_or_nothing(upload, indicators, spec, monkeypatch):
    """An error in the middle of the commit (after the first batch was written) leaves no rows."""
    IndicatorValueFactory(indicator=indicators["yearly"], year=2020, value=1.0)
    job = upload(HEADER + "Utsläpp per invånare;;2020;;9;;;;;\nUtsläpp per invånare;A enhet;2023;;1;;;;;\n")
    from hallbar.imports import writing

    real_upsert, calls = writing.upsert, []

    def failing_upsert(*args, **kwargs):
        calls.append(real_upsert(*args, **kwargs))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return calls[-1]

    monkeypatch.setattr("hallbar.indicators.imports.upsert", failing_upsert)
    with pytest.raises(RuntimeError):
        services.commit(job)
    assert list(IndicatorValue.objects.values_list("year", "value")) == [(2020, 1.0)]
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert messages_of(spec, job) == [
        "the import stopped because of an unexpected error and nothing was imported; try again"
    ]


def test_the_commit_validates_again(upload, indicators, spec):
    job = upload(HEADER + "Sjukfrånvaro;;2023;1;1;;;;;\n")
    indicators["quarterly"].delete()
    with pytest.raises(services.ImportRejected):
        services.commit(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert messages_of(spec, job) == ["row 2, Indicator: 'Sjukfrånvaro' does not exist in your organisation"]


def test_one_history_entry_summarises_the_import(upload, indicators, spec, django_assert_max_num_queries):
    rows = "".join(f"Utsläpp per invånare;;{2000 + i};;{i};;;;;\n" for i in range(50))
    job = upload(HEADER + rows)
    before = ChangeRecord.objects.count()
    with django_assert_max_num_queries(20):
        services.commit(job)
    records = ChangeRecord.objects.order_by("-pk")[: ChangeRecord.objects.count() - before]
    assert len(records) == 1
    assert records[0].changes["status"] == ["previewed", "committed"]
    assert records[0].changes["committed_at"][0] is None
    assert records[0].object_repr == "Indicator values: values.csv"


def test_postgres_and_sqlite_write_the_same(upload, indicators):
    job = upload(HEADER + "Utsläpp per invånare;;2023;;4,5;;;;;\n")
    services.commit(job)
    assert IndicatorValue.objects.get().updated_at is not None
    assert connection.vendor in ("sqlite", "postgresql")
