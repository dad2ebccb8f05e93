"""Generating a report: the numbers in the PDF, DOCX and XLSX are the database's."""

import pytest
from django.core.exceptions import ValidationError

from hallbar.actions.models import Action
from hallbar.indicators.models import IndicatorValue
from hallbar.reports import services
from hallbar.reports.models import Report, ReportVersion
from tests.portal.factories import published

from .factories import ReportFactory, coordinator_of, report_for
from .helpers import docx_text, pdf_text, read, xlsx_sheets

pytestmark = pytest.mark.django_db


def generate(report, django_capture_on_commit_callbacks) -> ReportVersion:
    """Ask for a version as the coordinator; the immediate task backend runs the task on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        version = services.request_generation(report, coordinator_of(report.organisation))
    version.refresh_from_db()
    return version


def column_values(frame, label: str) -> dict[str, str]:
    """First column → second column of the rows of a sheet (labels → values as Excel holds them)."""
    return {row[0]: row[1] for row in frame.iter_rows() if row[0] is not None}


def test_an_internal_report_holds_the_database_numbers_in_every_format(world_a, django_capture_on_commit_callbacks):
    report = report_for(world_a.organisation, world_a.unit, year=2023)
    version = generate(report, django_capture_on_commit_callbacks)

    assert version.status == ReportVersion.Status.DONE, version.message
    assert version.number == 1 and version.finished_at is not None
    values = dict(
        IndicatorValue.objects.filter(indicator__title="Utsläpp per invånare", unit__isnull=True).values_list(
            "year", "value"
        )
    )
    assert values == {2019: 4.5, 2020: 4.3, 2021: 4.0, 2022: 3.9, 2023: 3.6}

    pdf = pdf_text(read(version.pdf))
    assert "Klimatplan" in pdf and "Fossilfri kommun" in pdf and "Laddinfrastruktur" in pdf
    assert "The numbers of the chart “Utsläpp per invånare”" in pdf
    for year, value in values.items():  # the chart's table: one row per year
        assert f"{year} {value:g}" in pdf
    assert "Internal report" in pdf

    text = docx_text(read(version.docx))
    assert "Laddinfrastruktur" in text and "Åtgärdsplan för klimatet" in text
    for year, value in values.items():
        assert f"{year} | {value:g}" in text

    sheets = xlsx_sheets(read(version.xlsx))
    assert set(sheets) >= {"Report", "Summary", "Goal status", "Indicators", "Actions", "Procurement", "Audit results"}
    indicators = column_values(sheets["Indicators"], "Year")
    for year, value in values.items():
        assert float(indicators[str(year)]) == value  # numbers are numbers, not text
    summary = column_values(sheets["Summary"], "")
    assert float(summary["Goals"]) == 1 and float(summary["Targets"]) == 1
    assert float(summary["Actions"]) == Action.objects.filter(organisation=world_a.organisation).count()
    actions = sheets["Actions"]
    row = next(row for row in actions.iter_rows() if row[0] == "Laddinfrastruktur")
    assert row[1] == "Åtgärdsplan för klimatet" and float(row[4]) == 40  # percent complete


def test_the_period_ends_the_series_at_the_report_year(world_a, django_capture_on_commit_callbacks):
    report = report_for(world_a.organisation, world_a.unit, year=2021, tertial=2, sections=["goals", "indicators"])
    version = generate(report, django_capture_on_commit_callbacks)

    indicators = column_values(xlsx_sheets(read(version.xlsx))["Indicators"], "Year")
    assert float(indicators["2021"]) == 4.0
    assert indicators["2022"] is None and indicators["2023"] is None  # measured later: not in a 2021 report
    goals = xlsx_sheets(read(version.xlsx))["Goal status"]
    row = next(row for row in goals.iter_rows() if row[1] == "Minskade utsläpp")
    assert float(row[4]) == 4.0  # the latest value up to 2021
    assert "2021, tertial 2" in pdf_text(read(version.pdf))


def test_audit_results_and_procurement_match_the_registers(world_a, django_capture_on_commit_callbacks):
    from hallbar.audits.models import Finding
    from tests.audits.factories import audit_for
    from tests.procurement.factories import procurement_for

    audit = audit_for(world_a.organisation, world_a.unit)
    report = report_for(world_a.organisation, world_a.unit, year=2026, sections=["audits"])
    sheets = xlsx_sheets(read(generate(report, django_capture_on_commit_callbacks).xlsx))
    row = next(row for row in sheets["Audit results"].iter_rows() if row[0] == audit.title)
    assert float(row[-1]) == Finding.objects.filter(audit=audit).count() == 2

    procurement = procurement_for(world_a.organisation, world_a.unit)
    other = ReportFactory(organisation=world_a.organisation, plan=report.plan, year=2025, sections=["procurement"])
    sheets = xlsx_sheets(read(generate(other, django_capture_on_commit_callbacks).xlsx))
    total = next(row for row in sheets["Procurement"].iter_rows() if row[0] == "All units")
    assert float(total[1]) == 1
    assert float(total[2]) == float(procurement.contracted_value_sek or procurement.estimated_value_sek)


def test_a_public_report_needs_a_published_plan(world_a, django_capture_on_commit_callbacks):
    report = report_for(world_a.organisation, world_a.unit, audience=Report.Audience.PUBLIC, sections=["goals"])
    version = generate(report, django_capture_on_commit_callbacks)
    assert version.status == ReportVersion.Status.FAILED
    assert "not published" in version.message
    assert not version.pdf


def test_a_public_report_holds_only_published_items(world_a, django_capture_on_commit_callbacks):
    report = report_for(
        world_a.organisation,
        world_a.unit,
        audience=Report.Audience.PUBLIC,
        sections=["summary", "goals", "indicators", "actions"],
    )
    published(report.plan)
    published(report.plan.goals.get())  # the indicator and the action plan stay unpublished
    version = generate(report, django_capture_on_commit_callbacks)

    assert version.status == ReportVersion.Status.DONE, version.message
    for text in (pdf_text(read(version.pdf)), docx_text(read(version.docx))):
        assert "Fossilfri kommun" in text
        assert "Public report" in text
        assert "Laddinfrastruktur" not in text  # its action plan is not published
        assert "3.6" not in text and "Utsläpp per invånare" not in text  # nor is the indicator
    assert "Laddinfrastruktur" not in str(version.content)


def test_a_public_report_refuses_internal_sections(world_a):
    report = report_for(world_a.organisation, world_a.unit, audience=Report.Audience.PUBLIC, sections=["audits"])
    with pytest.raises(ValidationError) as refusal:
        services.save_report(report)
    assert "internal data only: Audit results" in str(refusal.value)


def test_the_logo_is_in_the_pdf_and_docx(world_a, django_capture_on_commit_callbacks, png_file):
    import io

    import docx as python_docx
    from pypdf import PdfReader

    report = report_for(world_a.organisation, world_a.unit, sections=["summary"])
    services.save_report(report, logo=png_file)
    version = generate(report, django_capture_on_commit_callbacks)
    assert len(PdfReader(io.BytesIO(read(version.pdf))).pages[0].images) == 1
    assert len(python_docx.Document(io.BytesIO(read(version.docx))).inline_shapes) == 1


def test_charts_are_vector_in_the_pdf_and_svg_in_the_docx(world_a, django_capture_on_commit_callbacks):
    import io
    import zipfile

    from pypdf import PdfReader

    report = report_for(world_a.organisation, world_a.unit, sections=["indicators"])
    version = generate(report, django_capture_on_commit_callbacks)
    pages = PdfReader(io.BytesIO(read(version.pdf))).pages
    assert all(not page.images for page in pages)  # drawn as paths, not pictures
    assert "Measured" in pages[0].extract_text()  # the legend is real text
    with zipfile.ZipFile(io.BytesIO(read(version.docx))) as package:
        svgs = [name for name in package.namelist() if name.endswith(".svg")]
        assert svgs and b"<polyline" in package.read(svgs[0])
        assert b"svgBlip" in package.read("word/document.xml")


def test_the_climate_section_holds_smhis_figures(world_a, django_capture_on_commit_callbacks):
    from hallbar.climate.models import Emission, EmissionRelease
    from hallbar.organisations.models import Municipality

    world_a.organisation.municipality = Municipality.objects.get(code="0580")
    world_a.organisation.save()
    report = report_for(world_a.organisation, world_a.unit, year=2022, sections=["climate"])
    version = generate(report, django_capture_on_commit_callbacks)
    release = EmissionRelease.objects.get(kind=EmissionRelease.Kind.TERRITORIAL, is_current=True)
    totals = dict(
        Emission.objects.filter(release=release, area_code="0580", sector="", year__lte=2022).values_list(
            "year", "value"
        )
    )
    assert totals
    sheet = column_values(xlsx_sheets(read(version.xlsx))["Climate"], "Year")
    for year, value in totals.items():
        assert float(sheet[str(year)]) == pytest.approx(value)
    assert "2023" not in sheet
    assert "Territorial greenhouse gas emissions" in pdf_text(read(version.pdf))


def test_a_replaced_logo_is_removed_only_once_the_save_has_committed(
    world_a, django_capture_on_commit_callbacks, png_file
):
    report = report_for(world_a.organisation, world_a.unit, sections=["summary"])
    with django_capture_on_commit_callbacks(execute=True):
        services.save_report(report, logo=png_file)
    first = report.logo.name
    png_file.seek(0)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.save_report(report, logo=png_file)
    assert report.logo.name != first and report.logo.storage.exists(first)  # not gone before the commit
    for callback in callbacks:
        callback()
    assert not report.logo.storage.exists(first) and report.logo.storage.exists(report.logo.name)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_report(report, remove_logo=True)
    assert not report.logo


def _tertial_report(organisation, unit, values):
    """A T2 2026 report whose goal has a second target measured per tertial with ``values``."""
    from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory
    from tests.plans.factories import TargetFactory

    report = report_for(organisation, unit, year=2026, tertial=2, sections=["goals", "indicators"])
    indicator = IndicatorFactory(organisation=organisation, title="Besök per tertial", frequency="tertial")
    TargetFactory(goal=report.plan.goals.get(), title="Fler besök", indicator=indicator)
    for year, period, value in values:
        IndicatorValueFactory(indicator=indicator, year=year, period=period, value=value)
    return report


def _sections(report) -> dict[str, list[dict]]:
    from hallbar.reports.content import assemble

    content = assemble(report, coordinator_of(report.organisation))
    return {section["key"]: section["blocks"] for section in content["sections"]}


def _measured(blocks, title: str) -> dict[str, float]:
    chart = next(block["chart"] for block in blocks if block["type"] == "chart" and block["chart"]["title"] == title)
    measured = next(series for series in chart["series"] if series["kind"] == "measured")
    return {label: value for label, value in zip(chart["x_labels"], measured["values"], strict=True) if value}


def test_a_tertial_report_uses_the_values_of_its_period_not_later_ones(world_a):
    values = [(2025, 1, 10), (2025, 2, 11), (2025, 3, 12), (2026, 1, 20), (2026, 2, 21), (2026, 3, 99)]
    sections = _sections(_tertial_report(world_a.organisation, world_a.unit, values))

    table = sections["goals"][0]
    row = next(row for row in table["rows"] if row[1] == "Fler besök")
    assert row[4:6] == [21, "T2 2026"]  # the tertial's value, not T3's
    assert sections["goals"][1]["text"] == "No value for the report's period: Utsläpp per invånare (2026)."
    assert _measured(sections["indicators"], "Besök per tertial") == {"2025": 12, "2026": 21}


def test_a_tertial_report_says_when_its_period_has_no_value(world_a):
    values = [(2025, 3, 12), (2026, 1, 20), (2026, 3, 99)]
    sections = _sections(_tertial_report(world_a.organisation, world_a.unit, values))

    row = next(row for row in sections["goals"][0]["rows"] if row[1] == "Fler besök")
    assert row[4:6] == [None, "T2 2026"]
    note = sections["goals"][1]["text"]
    assert note.startswith("No value for the report's period: ") and "Besök per tertial (T2 2026)" in note
    assert {"type": "paragraph", "text": "No value for T2 2026."} in sections["indicators"]
    # the trend stands on the latest period that had ended (T1), as the target-status method says; never on T3
    assert _measured(sections["indicators"], "Besök per tertial") == {"2025": 12, "2026": 20}
