"""Linköping's public annual sustainability report 2025 for the programme: generated once, by the same
task the background worker runs, and approved by the chief executive, so the demo shows a frozen version
with its PDF, DOCX and XLSX files."""

from hallbar.reports import services as reports
from hallbar.reports.models import Report, ReportVersion
from hallbar.reports.tasks import generate_report

from .story import Demo


def build_report(demo: Demo, spec: dict) -> None:
    """Once: nothing is added when the organisation has a report for the year already."""
    if Report.objects.filter(organisation=demo.organisation, year=spec["year"]).exists():
        return
    report = reports.save_report(
        Report(
            organisation=demo.organisation,
            title=spec["title"],
            kind=Report.Kind.ANNUAL,
            audience=spec["audience"],
            plan=demo.organisation.plans.get(),
            year=spec["year"],
            sections=spec["sections"],
        )
    )
    version = reports.request_generation(report, demo.people["samordnare"])
    generate_report.call(version.pk)  # what the worker does with the queued version, now
    version.refresh_from_db()
    if version.status != ReportVersion.Status.DONE:
        raise RuntimeError(f"The demo report was not generated: {version.message}")
    reports.approve(version, demo.people["kommundirektor"])
