"""Versions: each generation is a new version; approving freezes the report; the task runs once."""

import pytest
from django.core.exceptions import ValidationError

from hallbar.reports import services, tasks
from hallbar.reports.models import Report, ReportVersion

from .factories import coordinator_of, report_for, version_for

pytestmark = pytest.mark.django_db


def test_each_generation_is_a_new_version_with_its_own_files(world_a, django_capture_on_commit_callbacks):
    report = report_for(world_a.organisation, world_a.unit, sections=["summary"])
    user = coordinator_of(world_a.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_generation(report, user)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.request_generation(report, user)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.status == second.status == ReportVersion.Status.DONE
    assert first.pdf.name != second.pdf.name
    assert first.pdf.storage.exists(first.pdf.name) and second.pdf.storage.exists(second.pdf.name)


def test_only_one_generation_at_a_time(world_a):
    report = report_for(world_a.organisation, world_a.unit, sections=["summary"])
    services.request_generation(report, coordinator_of(world_a.organisation))  # queued: on_commit never runs here
    with pytest.raises(ValidationError, match="already being generated"):
        services.request_generation(report, coordinator_of(world_a.organisation))


def test_an_approved_version_freezes_the_report(world_a):
    version = version_for(world_a.organisation, world_a.unit)
    report = version.report
    services.approve(version, coordinator_of(world_a.organisation))
    version.refresh_from_db()
    assert version.is_approved and version.approved_by == coordinator_of(world_a.organisation)
    assert services.is_frozen(report)
    pdf_name, content = version.pdf.name, version.content

    with pytest.raises(ValidationError, match="frozen"):
        services.request_generation(report, coordinator_of(world_a.organisation))
    report.title = "Ändrad"
    with pytest.raises(ValidationError, match="frozen"):
        services.save_report(report)
    with pytest.raises(ValidationError, match="cannot be deleted"):
        services.delete_version(version)
    with pytest.raises(ValidationError, match="frozen"):
        services.delete_report(report)
    with pytest.raises(ValidationError, match="frozen"):
        services.approve(version, coordinator_of(world_a.organisation))
    version.refresh_from_db()
    assert version.pdf.name == pdf_name and version.content == content
    assert Report.objects.get(pk=report.pk).title != "Ändrad"
    assert version.pdf.storage.exists(pdf_name)


def test_a_failed_version_cannot_be_approved_and_can_be_deleted(world_a):
    report = report_for(world_a.organisation, world_a.unit, audience=Report.Audience.PUBLIC, sections=["goals"])
    version = ReportVersion.objects.create(
        report=report, number=1, audience=report.audience, requested_by=coordinator_of(world_a.organisation)
    )
    services.generate(version)  # the plan is not published
    assert version.status == ReportVersion.Status.FAILED
    with pytest.raises(ValidationError, match="Only a generated version"):
        services.approve(version, coordinator_of(world_a.organisation))
    services.delete_version(version)
    assert not ReportVersion.objects.filter(pk=version.pk).exists()


def test_the_task_does_nothing_for_a_version_already_handled(world_a):
    version = version_for(world_a.organisation, world_a.unit)
    finished = version.finished_at
    tasks.generate_report.call(version.pk)  # delivered twice
    version.refresh_from_db()
    assert version.status == ReportVersion.Status.DONE and version.finished_at == finished


def test_the_task_generates_a_queued_version(world_a):
    report = report_for(world_a.organisation, world_a.unit, sections=["summary"])
    version = ReportVersion.objects.create(
        report=report, number=1, audience=report.audience, requested_by=coordinator_of(world_a.organisation)
    )
    tasks.generate_report.call(version.pk)
    version.refresh_from_db()
    assert version.status == ReportVersion.Status.DONE
    assert version.content["sections"][0]["key"] == "summary"
    assert version.docx and version.xlsx


def test_a_version_is_written_in_the_language_it_was_asked_in(world_a, django_capture_on_commit_callbacks):
    from django.utils import translation

    from .helpers import pdf_text, read

    report = report_for(world_a.organisation, world_a.unit, sections=["summary"])
    with translation.override("sv"), django_capture_on_commit_callbacks(execute=True):
        version = services.request_generation(report, coordinator_of(world_a.organisation))
    version.refresh_from_db()
    assert version.language == "sv"
    text = pdf_text(read(version.pdf))
    assert "Skapad i Hållbar" in text and "Sida 1 av" in text
