"""The release pages (anyone signed in reads them; only operators load or change the current release) and
``manage.py load_emission_release``."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from hallbar.climate.models import EmissionRelease

from ..factories import UserFactory
from .factories import municipal_csv, smhi_workbook

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def form_data(*files, **changes):
    data = {
        "key": "smhi-2027",
        "name": "SMHI 2027 release",
        "version": "2027.1",
        "kind": "territorial",
        "unit": "t CO2e",
        "publisher": "SMHI",
        "citation": "Källa: SMHI/Naturvårdsverket, Nationella emissionsdatabasen",
        "url": "https://nationellaemissionsdatabasen.smhi.se/",
        "licence": "CC BY 4.0",
        "note": "",
        "files": list(files),
        "make_current": "on",
    }
    return {**data, **changes}


def csv_file(content=None, name="totals.csv"):
    return SimpleUploadedFile(name, content or municipal_csv(), content_type="text/csv")


def current_territorial() -> str:
    return EmissionRelease.objects.get(kind="territorial", is_current=True).key


@pytest.fixture
def operator():
    return UserFactory(is_superuser=True, is_staff=True)


def test_anyone_signed_in_sees_the_releases_and_their_coverage(client):
    client.force_login(UserFactory())
    page = client.get(reverse("climate:releases")).content.decode()
    assert "SMHI Nationella emissionsdatabasen, 2026 release" in page
    assert "CC BY 4.0" in page
    assert reverse("climate:release-load") not in page  # no load button for non-operators
    detail = client.get(reverse("climate:release", kwargs={"key": "smhi-2026"})).content.decode()
    assert "Areas per kind" in detail and '<td class="number">290</td>' in detail
    assert "Make it the current release" not in detail


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("climate:releases"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_only_operators_load_or_change_the_current_release(client):
    client.force_login(UserFactory())
    assert client.get(reverse("climate:release-load")).status_code == 403
    response = client.post(reverse("climate:release-load"), form_data(csv_file()))
    assert response.status_code == 403
    assert not EmissionRelease.objects.filter(key="smhi-2027").exists()
    response = client.post(reverse("climate:release-make-current", kwargs={"key": "smhi-2024-excl-cement"}))
    assert response.status_code == 403
    assert current_territorial() == "smhi-2026"


def test_an_operator_loads_a_release_and_is_told_how_many_figures_were_stored(client, operator):
    client.force_login(operator)
    form = client.get(reverse("climate:release-load")).content.decode()
    assert 'type="file" name="files"' in form and "multiple" in form
    response = client.post(reverse("climate:release-load"), form_data(csv_file()), follow=True)
    assert response.redirect_chain[-1][0] == reverse("climate:release", kwargs={"key": "smhi-2027"})
    assert "SMHI 2027 release: 870 figures were stored." in response.content.decode()
    release = EmissionRelease.objects.get(key="smhi-2027")
    assert release.is_current and release.loaded_by == operator
    assert current_territorial() == "smhi-2027"


def test_an_operator_loads_smhis_excel_export_without_making_it_current(client, operator):
    client.force_login(operator)
    upload = SimpleUploadedFile("smhi.xlsx", smhi_workbook(), content_type=XLSX)
    response = client.post(reverse("climate:release-load"), form_data(upload, make_current=""), follow=True)
    assert "1872 figures were stored" in response.content.decode()
    assert current_territorial() == "smhi-2026"


def test_a_rejected_release_lists_every_problem_and_stores_nothing(client, operator):
    client.force_login(operator)
    bad = csv_file(municipal_csv(skip={("0114", 2021)}, extra_rows=["9999,2020,1", "9999,2021,1", "9999,2022,1"]))
    response = client.post(reverse("climate:release-load"), form_data(bad))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was stored: 2 problems were found." in page
    assert "Unknown municipality codes: 9999." in page
    assert "Years are missing for 1 series (0114 total: 2021)." in page
    assert not EmissionRelease.objects.filter(key="smhi-2027").exists()
    assert current_territorial() == "smhi-2026"


def test_files_of_other_types_are_refused_before_reading(client, operator):
    client.force_login(operator)
    pdf = SimpleUploadedFile("release.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    fake = SimpleUploadedFile("release.xlsx", b"not a workbook", content_type=XLSX)
    page = client.post(reverse("climate:release-load"), form_data(pdf, fake)).content.decode()
    assert "“release.pdf” is neither a CSV nor an Excel (XLSX) file." in page
    assert "The content of “release.xlsx” is not a XLSX file, as its name says." in page
    assert not EmissionRelease.objects.filter(key="smhi-2027").exists()


def test_an_operator_makes_another_release_current(client, operator):
    client.force_login(operator)
    url = reverse("climate:release-make-current", kwargs={"key": "smhi-2024-excl-cement"})
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "is now the current release of territorial emissions" in response.content.decode()
    assert current_territorial() == "smhi-2024-excl-cement"


def test_the_command_loads_with_the_same_checks(tmp_path):
    good = tmp_path / "totals.csv"
    good.write_bytes(municipal_csv())
    call_command("load_emission_release", str(good), key="smhi-2027", name="SMHI 2027", current=True)
    assert current_territorial() == "smhi-2027"
    assert EmissionRelease.objects.get(key="smhi-2027").emissions.count() == 870

    bad = tmp_path / "bad.csv"
    bad.write_bytes(municipal_csv(extra_rows=["0114,2020,5"]))
    with pytest.raises(CommandError, match="The same figure appears more than once: 0114 total 2020."):
        call_command("load_emission_release", str(bad), key="smhi-2028", name="SMHI 2028", current=True)
    assert current_territorial() == "smhi-2027"
    assert not EmissionRelease.objects.filter(key="smhi-2028").exists()


def test_a_key_that_names_a_page_is_refused(client, operator):
    client.force_login(operator)
    page = client.post(reverse("climate:release-load"), form_data(csv_file(), key="load")).content.decode()
    assert "“load” names a page; choose another key." in page
    assert not EmissionRelease.objects.filter(key="load").exists()
