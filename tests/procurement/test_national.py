"""The national comparison: importing Upphandlingsmyndigheten's file and comparing the organisation
with its peers, all municipalities and all buyers."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.kolada import services as kolada_services
from hallbar.organisations.models import Municipality
from hallbar.procurement import national, queries
from hallbar.procurement.models import NationalFigures
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = list(national.COLUMNS.values())


def write(path, rows, header=HEADER):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def row(name, number, environmental=False, social=False, innovation=False, sector="Kommun"):
    flag = lambda value: "True" if value else ""  # noqa: E731
    return ["2021", name, number, sector, flag(environmental), flag(social), flag(innovation), "1"]


@pytest.fixture
def statistics(tmp_path):
    rows = [
        row("ALE KOMMUN", "2120001439", environmental=True),
        row("ALE KOMMUN", "2120001439"),
        row("ALINGSÅS KOMMUN", "2120001553", social=True),
        row("ALINGSÅS KOMMUN", "2120001553", environmental=True),
        row("GÖTEBORGS STAD", "2120001355", environmental=True, innovation=True),
        row("TRAFIKVERKET", "2021006545", sector="Stat"),
        row("ÅLANDS LANDSKAPSREGERING", "0145076-7", sector="Annat"),
    ]
    return write(tmp_path / "uhm.csv", rows)


def test_import_sums_per_buyer_and_matches_municipalities_by_name(statistics):
    assert national.import_statistics(statistics) == {2021: 5}
    ale = NationalFigures.objects.get(organisation_number="212000-1439")
    assert (ale.procurements, ale.environmental, ale.municipality_code) == (2, 1, "1440")
    assert NationalFigures.objects.get(buyer_name="GÖTEBORGS STAD").municipality_code == "1480"
    assert NationalFigures.objects.get(buyer_name="TRAFIKVERKET").municipality_code == ""
    assert NationalFigures.objects.get(organisation_number="0145076-7").sector == "Annat"


def test_importing_again_replaces_the_year(statistics, tmp_path):
    national.import_statistics(statistics)
    national.import_statistics(write(tmp_path / "again.csv", [row("ALE KOMMUN", "2120001439")]))
    assert NationalFigures.objects.get().procurements == 1


def test_a_file_without_the_columns_or_with_bad_rows_is_refused_and_nothing_is_kept(statistics, tmp_path):
    national.import_statistics(statistics)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        national.import_statistics(write(tmp_path / "bad.csv", [["2021"]], header=["År"]))
    assert "Columns missing from the file: Namn för köpare" in error.value.messages[0]
    bad = [row("ALE KOMMUN", "2120001439"), ["", "X", "", "Kommun", "", "", "", "1"]]
    with translation.override("en"), pytest.raises(ValidationError) as error:
        national.import_statistics(write(tmp_path / "rows.csv", bad))
    assert error.value.messages == [
        "Row 3: “” in the column År is not a year.",
        "Row 3: the column Organisationsnummer för köpare has no organisation number.",
    ]
    assert NationalFigures.objects.count() == 5
    with pytest.raises(CommandError):
        call_command("import_procurement_statistics", str(tmp_path / "rows.csv"))


def test_the_command_imports(statistics, capsys):
    call_command("import_procurement_statistics", str(statistics))
    assert "2021: figures of 5 buyers imported." in capsys.readouterr().out


def municipality_organisation(world, code="1440", number="212000-1439"):
    organisation = world.organisation
    organisation.municipality = Municipality.objects.get(code=code)
    organisation.org_number = number
    organisation.save()
    return organisation


def test_comparison_with_the_skr_group_and_the_nation(world_a, statistics):
    national.import_statistics(statistics)
    organisation = municipality_organisation(world_a)
    ale = Municipality.objects.get(code="1440")
    with translation.override("en"):
        result = queries.national_comparison(organisation)
    own, peers, municipalities, everyone = result["rows"]
    assert (own.is_own, own.environmental_share) == (True, Decimal("50.0"))
    assert peers.label == f"Peers: SKR municipality group {ale.skr_group_name}"
    same_group = Municipality.objects.filter(skr_group=ale.skr_group).exclude(code="1440")
    assert result["peers"] == same_group.count()
    assert (municipalities.buyers, municipalities.procurements, municipalities.environmental) == (3, 5, 3)
    assert (everyone.buyers, everyone.procurements, everyone.environmental_share) == (5, 7, Decimal("42.9"))


def test_comparison_with_the_kolada_peer_group(world_a, statistics):
    national.import_statistics(statistics)
    organisation = municipality_organisation(world_a)
    kolada_services.set_peer_group(organisation, municipalities=Municipality.objects.filter(code__in=["1489", "1480"]))
    result = queries.national_comparison(organisation)
    peers = result["rows"][1]
    assert (result["peers"], result["peers_found"]) == (2, 2)
    assert (peers.procurements, peers.environmental, peers.social, peers.innovation) == (3, 2, 1, 1)


def test_without_statistics_or_organisation_number(world_a):
    assert queries.national_comparison(world_a.organisation)["year"] is None
    NationalFigures.objects.create(
        year=2021,
        organisation_number="212000-0000",
        buyer_name="X",
        procurements=1,
        environmental=0,
        social=0,
        innovation=0,
    )
    result = queries.national_comparison(world_a.organisation)
    assert result["own"] is None and result["year"] == 2021


def test_the_page_and_its_export(world_a, statistics, client_for):
    national.import_statistics(statistics)
    municipality_organisation(world_a)
    client = client_for(world_a.user(Role.READER))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("procurement:national")).content.decode()
    assert "All buyers in Sweden" in page and "50 %" in page
    response = client.get(reverse("procurement:national") + "?export=csv")
    assert "All municipalities" in b"".join(response.streaming_content).decode("utf-8-sig")


EXCERPT = Path(__file__).parent / "data" / "uhm_2021_excerpt.csv"


def test_the_real_2021_format_loads_and_reports_rows_and_buyers():
    report = national.load(EXCERPT.read_bytes())
    assert report.rows == 8
    assert report.years == {2021: (3, 8)}
    ale = NationalFigures.objects.get(buyer_name="ALE KOMMUN")
    assert (ale.organisation_number, ale.procurements, ale.environmental, ale.municipality_code) == (
        "212000-1439",
        4,
        2,
        "1440",
    )
    trafikverket = NationalFigures.objects.get(buyer_name="TRAFIKVERKET")
    assert (trafikverket.procurements, trafikverket.environmental, trafikverket.sector) == (2, 2, "Stat")


def test_every_bad_row_is_named_and_many_are_cut_short(tmp_path):
    rows = [row("ALE KOMMUN", "2120001439")] * 2
    rows.append(["2021", "ALE KOMMUN", "2120001439", "Kommun", "ja", "", "", "två"])
    with translation.override("en"), pytest.raises(ValidationError) as error:
        national.load(write(tmp_path / "bad.csv", rows))
    assert error.value.messages == [
        "Row 4: “två” in the column Antal upphandlingar, Summa is not a number of procurements.",
        "Row 4: “ja” in the column Miljömässigt hållbar upphandling is neither True nor empty.",
    ]
    many = [["20x1", "A", "1", "Kommun", "", "", "", "1"]] * 60
    with translation.override("en"), pytest.raises(ValidationError) as error:
        national.load(write(tmp_path / "many.csv", many))
    assert len(error.value.messages) == national.MAX_REPORTED + 1
    assert error.value.messages[-1] == "… and 10 more problems."


def test_only_operators_load_the_statistics_on_a_page(world_a, client_for, statistics):
    url = reverse("procurement:national-load")
    assert client_for(world_a.user(Role.ADMINISTRATOR)).get(url).status_code == 403
    client = client_for(UserFactory(is_superuser=True, is_staff=True))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    assert "Organisationsnummer för köpare" in page
    national.import_statistics(statistics)
    broken = EXCERPT.read_bytes().replace(b"2021,ALE KOMMUN,2120001439", b"2021,ALE KOMMUN,", 1)
    response = client.post(url, {"file": SimpleUploadedFile("uhm.csv", broken)})
    assert response.status_code == 200
    assert "has no organisation number" in response.content.decode()
    assert NationalFigures.objects.count() == 5  # nothing of the bad file, the earlier import kept
    response = client.post(url, {"file": SimpleUploadedFile("uhm.xlsx", b"x")})
    assert "Upload the statistics as a CSV file." in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("uhm.csv", EXCERPT.read_bytes())}, follow=True)
    page = response.content.decode()
    assert "8 rows were read." in page
    assert "2021: 8 procurements of 3 buyers loaded." in page
    assert NationalFigures.objects.count() == 3  # the year replaced
