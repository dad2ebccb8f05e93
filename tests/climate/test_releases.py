"""Loading emission releases: SMHI's Excel export and CSV files, checked whole before anything is stored."""

import pytest

from hallbar.climate.models import AreaKind, Emission, EmissionRelease, Sector
from hallbar.climate.release_files import AreaNames, read_file
from hallbar.climate.releases import ReleaseRejected, coverage, load_release

from .factories import municipal_csv, release_info, smhi_excel_row, smhi_rows, smhi_workbook

pytestmark = pytest.mark.django_db

NAMES = AreaNames(counties={"stockholms län": "01"}, municipalities={"upplands väsby": "0114", "vallentuna": "0115"})
SMALL = [
    ["Alla", "Alla", "Alla", "Alla", 100, 90],
    ["Transporter", "Alla", "Alla", "Alla", 60, 50],
    ["Transporter", "Vägtrafik", "Alla", "Alla", 55, 45],
    ["Alla", "Alla", "Stockholms län", "Alla", 20, 18],
    ["El och fjärrvärme", "Alla", "Stockholms län", "Upplands Väsby", 3.5, "1 234,5"],
    ["Alla", "Alla", "Stockholms län", "Vallentuna", 0, 2],
]


def figures(frame) -> dict:
    return {(r["area_kind"], r["area_code"], r["sector"], r["year"]): r["value"] for r in frame.iter_rows(named=True)}


def current_territorial() -> str:
    return EmissionRelease.objects.get(kind="territorial", is_current=True).key


# Reading SMHI's Excel export ---------------------------------------------------------------------------------


def test_smhi_export_becomes_the_long_table_of_main_sectors_and_totals():
    result = read_file(smhi_workbook(SMALL), "smhi.xlsx", NAMES)
    assert result.problems == []
    assert figures(result.frame) == {
        ("country", "SE", "", 2021): 100,
        ("country", "SE", "", 2022): 90,
        ("country", "SE", "transport", 2021): 60,  # the sub-sector row (55) is left out
        ("country", "SE", "transport", 2022): 50,
        ("county", "01", "", 2021): 20,
        ("county", "01", "", 2022): 18,
        ("municipality", "0114", "electricity", 2021): 3.5,
        ("municipality", "0114", "electricity", 2022): 1234.5,
        ("municipality", "0115", "", 2021): 0,
        ("municipality", "0115", "", 2022): 2,
    }


def test_years_on_the_label_row_and_notes_below_the_table_are_read():
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["Huvudsektor", "Undersektor", "Län", "Kommun", "2021", "2022"])
    sheet.write_row(1, 0, ["Alla", "Alla", "Alla", "Alla", 1, 2])
    sheet.write(3, 0, "Källa: SMHI, Nationella emissionsdatabasen")
    workbook.close()
    result = read_file(buffer.getvalue(), "export.xlsx", NAMES)
    assert result.problems == []
    assert figures(result.frame) == {("country", "SE", "", 2021): 1, ("country", "SE", "", 2022): 2}


def test_rows_that_cannot_be_read_are_named_by_their_excel_row():
    rows = [
        ["Alla", "Alla", "Alla", "Alla", 100, "n/a"],
        ["Flyg", "Alla", "Alla", "Alla", 1, 1],
        ["Alla", "Alla", "Stockholms län", "Gnarp", 1, 1],
        ["Alla", "Alla", "Atlantis län", "Alla", 1, 1],
        ["Alla", "Alla", "Stockholms län", "Vallentuna", 5, None],
    ]
    result = read_file(smhi_workbook(rows), "smhi.xlsx", NAMES)
    assert result.frame.is_empty()
    row = smhi_excel_row
    assert result.problems == [
        f"smhi.xlsx, row {row(1)}: unknown main sector 'Flyg'.",
        f"smhi.xlsx, row {row(2)}: unknown municipality 'Gnarp'.",
        f"smhi.xlsx, row {row(3)}: unknown county 'Atlantis län'.",
        f"smhi.xlsx, row {row(0)}: the figure for 2022, 'n/a', is not a number.",
        f"smhi.xlsx, row {row(4)}: no figure for 2022.",
    ]


def test_a_changed_layout_is_refused_as_a_whole():
    renamed = smhi_workbook(SMALL, labels=("Huvudsektor", "Undersektor", "Län", "Kommunnamn"))
    [problem] = read_file(renamed, "smhi.xlsx", NAMES).problems
    assert "no row labelled Huvudsektor, Undersektor, Län and Kommun" in problem
    assert "SMHI may have changed the export" in problem

    retitled = smhi_workbook(SMALL, years=("År 2021", 2022))
    assert read_file(retitled, "smhi.xlsx", NAMES).problems == [
        "smhi.xlsx: column E is headed 'År 2021', which is not a year. The layout has changed."
    ]


def test_a_file_that_is_not_a_workbook_is_a_problem_not_a_crash():
    [problem] = read_file(b"PK\x03\x04 broken", "smhi.xlsx", NAMES).problems
    assert problem.startswith("smhi.xlsx: not a readable Excel (XLSX) file")


# Storing a release ---------------------------------------------------------------------------------------------


def test_a_good_csv_release_is_stored_and_made_current_when_asked():
    loaded = load_release(release_info(), [("totals.csv", municipal_csv())], make_current=True)
    release = loaded.release
    assert (release.first_year, release.last_year, release.is_current) == (2020, 2022, True)
    assert loaded.figures == 290 * 3 == release.emissions.count()
    assert not loaded.replaced
    assert current_territorial() == "smhi-test"
    assert EmissionRelease.objects.get(key="smhi-2026").is_current is False


def test_a_good_excel_release_keeps_sweden_counties_municipalities_and_their_sectors():
    loaded = load_release(release_info(), [("smhi.xlsx", smhi_workbook())], make_current=False)
    release = loaded.release
    assert loaded.figures == (1 + 21 + 290) * 3 * 2  # total and two sectors, two years
    assert current_territorial() == "smhi-2026"  # not asked to become current
    ale = Emission.objects.get(release=release, area_kind="municipality", area_code="1440", sector="", year=2022)
    assert ale.value == 20
    sweden = Emission.objects.get(release=release, area_kind="country", area_code="SE", sector="transport", year=2021)
    assert sweden.value == 10 * 290
    assert coverage(release) == {
        "areas": [("Municipality", 290), ("County", 21), ("Sweden", 1)],
        "sectors": [Sector.AGRICULTURE.label, Sector.TRANSPORT.label],
        "years": [2021, 2022],
        "figures": loaded.figures,
    }


def test_loading_a_key_again_replaces_the_whole_release():
    load_release(release_info(version="1"), [("a.csv", municipal_csv((2020, 2021)))])
    loaded = load_release(release_info(version="2"), [("b.csv", municipal_csv((2022, 2023), value=7))])
    assert loaded.replaced
    release = EmissionRelease.objects.get(key="smhi-test")
    assert set(release.emissions.values_list("year", flat=True)) == {2022, 2023}
    assert set(release.emissions.values_list("value", flat=True)) == {7}
    assert (release.version, release.first_year) == ("2", 2022)


def rejected(files, info=None) -> list[str]:
    with pytest.raises(ReleaseRejected) as caught:
        load_release(info or release_info(), files, make_current=True)
    assert not EmissionRelease.objects.filter(key="smhi-test").exists() or info is not None
    assert current_territorial() == "smhi-2026"
    return caught.value.problems


def test_missing_years_are_refused_and_the_current_release_stays():
    [problem] = rejected([("totals.csv", municipal_csv(skip={("0114", 2021)}))])
    assert problem.startswith("Years are missing for 1 series (0114 total: 2021).")


def test_unknown_municipality_codes_are_refused():
    [problem] = rejected([("totals.csv", municipal_csv(extra_rows=["9999,2020,1", "9999,2021,1", "9999,2022,1"]))])
    assert problem == "Unknown municipality codes: 9999."


def test_a_changed_csv_layout_is_refused():
    [problem] = rejected([("totals.csv", b"kommun,ar,utslapp\n0114,2020,1\n")])
    assert "the columns do not match any supported layout" in problem


def test_figures_that_are_not_numbers_are_refused_by_row():
    [problem] = rejected([("totals.csv", municipal_csv(extra_rows=["0114,2023,lots"]))])
    assert problem == "totals.csv, row 872: the value 'lots' is not a number."


def test_duplicate_rows_are_refused():
    [problem] = rejected([("totals.csv", municipal_csv(extra_rows=["0114,2020,5"]))])
    assert problem == "The same figure appears more than once: 0114 total 2020."


def test_a_missing_municipality_in_the_excel_export_is_refused():
    rows = [row for row in smhi_rows() if row[3] != "Ale"]
    [problem] = rejected([("smhi.xlsx", smhi_workbook(rows))])
    assert problem.startswith("The release lacks 1 municipalities: 1440.")


def test_every_problem_of_every_file_is_reported_together():
    problems = rejected(
        [
            ("a.csv", municipal_csv(extra_rows=["0114,2023,lots"])),
            ("b.xlsx", smhi_workbook(SMALL[:1] + [["Flyg", "Alla", None, None, 1, 1]])),
        ]
    )
    assert problems[0] == "a.csv, row 872: the value 'lots' is not a number."
    assert problems[1].startswith(f"b.xlsx, row {smhi_excel_row(1)}: the labels Huvudsektor")


def test_shipped_releases_cannot_be_replaced_from_files():
    [problem] = rejected([("totals.csv", municipal_csv())], release_info(key="smhi-2026"))
    assert "belongs to a release shipped with Hållbar" in problem


def test_a_replacement_needs_a_new_version_and_the_same_kind():
    load_release(release_info(version="1"), [("a.csv", municipal_csv())])
    problems = rejected([("a.csv", municipal_csv())], release_info(version="1", kind="consumption"))
    assert problems == [
        "A release with the key smhi-test already holds territorial emissions; a release keeps its kind. "
        "Choose another key.",
        "The release smhi-test is already stored as version 1. Raise the version to replace its figures as a whole.",
    ]
    assert EmissionRelease.objects.get(key="smhi-test").emissions.count() == 290 * 3


def test_the_area_kinds_are_those_of_the_model():
    assert {kind for kind, _label in AreaKind.choices} == {"municipality", "county", "country"}


def test_the_year_row_above_the_labels_wins_over_text_on_the_label_row():
    import io

    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 4, [2021, 2022])
    sheet.write_row(1, 0, ["Huvudsektor", "Undersektor", "Län", "Kommun", "ton", "ton"])
    sheet.write_row(2, 0, ["Alla", "Alla", "Alla", "Alla", 1, 2])
    workbook.close()
    result = read_file(buffer.getvalue(), "export.xlsx", NAMES)
    assert result.problems == []
    assert figures(result.frame) == {("country", "SE", "", 2021): 1, ("country", "SE", "", 2022): 2}
