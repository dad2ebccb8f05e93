"""The report pages: who may do what, the logo check, the downloads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hallbar.accounts.roles import Role
from hallbar.reports.models import Report, ReportVersion

from .factories import report_for, version_for
from .helpers import pdf_text

pytestmark = pytest.mark.django_db


def form_data(world, **overrides):
    from tests.plans.factories import plan_tree_for

    data = {
        "title": "Hållbarhetsredovisning 2025",
        "kind": Report.Kind.ANNUAL,
        "audience": Report.Audience.INTERNAL,
        "plan": plan_tree_for(world.organisation, world.unit).pk,
        "year": 2025,
        "tertial": "",
        "sections": ["summary", "goals"],
    }
    return {**data, **overrides}


def test_a_coordinator_sets_up_a_report_with_a_logo(world_a, client_for, png_file):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(reverse("reports:create"), form_data(world_a, logo_file=png_file))
    report = Report.objects.get(title="Hållbarhetsredovisning 2025")
    assert response.status_code == 302 and response.url == report.get_absolute_url()
    assert report.organisation == world_a.organisation and report.sections == ["summary", "goals"]
    assert report.logo.name.endswith("logo.png")
    page = client.get(report.get_absolute_url())
    assert page.status_code == 200
    assert "Generate a new version" in page.content.decode()


def test_a_logo_that_is_not_an_image_is_refused_before_it_is_stored(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    fake = SimpleUploadedFile("logo.png", b"not a picture at all", content_type="image/png")
    response = client.post(reverse("reports:create"), form_data(world_a, logo_file=fake))
    assert response.status_code == 200
    assert "is not a PNG file" in response.content.decode()
    pdf = SimpleUploadedFile("logo.pdf", b"%PDF-1.4 a document", content_type="application/pdf")
    response = client.post(reverse("reports:create"), form_data(world_a, logo_file=pdf))
    assert "The logo must be a PNG or JPEG image." in response.content.decode()
    assert not Report.objects.exists()


def test_a_public_report_with_internal_sections_is_refused_on_the_form(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    data = form_data(world_a, audience=Report.Audience.PUBLIC, sections=["summary", "procurement"])
    response = client.post(reverse("reports:create"), data)
    assert response.status_code == 200
    assert "cannot have these sections" in response.content.decode()
    assert not Report.objects.exists()


def test_generating_from_the_page_and_downloading_the_files(world_a, client_for, django_capture_on_commit_callbacks):
    report = report_for(world_a.organisation, world_a.unit, sections=["summary", "goals"])
    client = client_for(world_a.user(Role.COORDINATOR))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:generate", args=[report.pk]))
    assert response.status_code == 302
    version = ReportVersion.objects.get(report=report)
    assert version.status == ReportVersion.Status.DONE
    download = client.get(reverse("reports:version-file", args=[version.pk, "pdf"]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "Fossilfri kommun" in pdf_text(b"".join(download.streaming_content))
    docx = client.get(reverse("reports:version-file", args=[version.pk, "docx"]))
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert client.get(reverse("reports:version-file", args=[version.pk, "exe"])).status_code == 404
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Approve version 1" in page and "Delete version 1" in page


def test_approving_from_the_page_hides_the_edit_and_delete_buttons(world_a, client_for):
    version = version_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(Role.COORDINATOR))
    client.post(reverse("reports:version-approve", args=[version.pk]))
    page = client.get(version.report.get_absolute_url()).content.decode()
    assert "the report is frozen" in page
    assert "Generate a new version" not in page and "Delete version 1" not in page
    assert client.get(reverse("reports:edit", args=[version.report.pk])).status_code == 404
    response = client.post(reverse("reports:version-delete", args=[version.pk]), follow=True)
    assert "An approved version cannot be deleted." in response.content.decode()
    assert ReportVersion.objects.filter(pk=version.pk).exists()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.READER, Role.AUDITOR])
def test_others_may_read_and_download_but_not_build(world_a, client_for, role):
    version = version_for(world_a.organisation, world_a.unit)
    client = client_for(world_a.user(role))
    assert client.get(reverse("reports:list")).status_code == 200
    assert client.get(version.report.get_absolute_url()).status_code == 200
    assert client.get(reverse("reports:version-file", args=[version.pk, "xlsx"])).status_code == 200
    assert client.get(reverse("reports:create")).status_code == 403
    assert client.post(reverse("reports:generate", args=[version.report.pk])).status_code == 403
    assert client.post(reverse("reports:version-approve", args=[version.pk])).status_code == 403
    version.refresh_from_db()
    assert not version.is_approved and version.report.versions.count() == 1


def test_another_organisations_report_is_not_found(world_a, world_b, client_for):
    version = version_for(world_b.organisation, world_b.unit)
    client = client_for(world_a.user(Role.ADMINISTRATOR))
    assert client.get(version.report.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:version-file", args=[version.pk, "pdf"])).status_code == 404
    assert version.report.title not in client.get(reverse("reports:list")).content.decode()


def test_the_png_fallback_and_svg_of_a_chart(world_a):
    from PIL import Image

    from hallbar.core.drawing import to_png, to_svg
    from hallbar.reports import charts

    chart = {
        "kind": "line",
        "title": "Utsläpp",
        "unit": "t",
        "x_title": "Year",
        "x_labels": ["2021", "2022"],
        "series": [{"label": "Measured", "kind": "measured", "values": [1.0, 2.0]}],
    }
    drawing = charts.layout(chart)
    svg = to_svg(drawing)
    assert "<title>Utsläpp</title>" in svg and "Measured" in svg and "<polyline" in svg
    image = Image.open(io.BytesIO(to_png(drawing)))
    assert image.format == "PNG" and image.width > 1000
