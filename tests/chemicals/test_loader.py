import datetime

import pytest
from django.utils import translation

from hallbar.chemicals import loader, queries
from hallbar.chemicals.models import SubstanceList

HEADER = "Substance name,EC No.,CAS No.,Date of inclusion,Reason for inclusion\n"
GOOD = HEADER + 'water,231-791-2,7732-18-5,05-Nov-2025,vPvB (Article 57e)\n"group, with comma",-,-,2025-06-25,CMR\n'


def load(data: str, version="2026-01"):
    return loader.load(
        data.encode(), "export.csv", version=version, dated=datetime.date(2026, 1, 21), source="ECHA", total_entries=253
    )


def test_the_bundled_list_is_loaded_after_migrate_and_again_changes_nothing(db):
    bundled = queries.current_candidate_list()
    assert bundled is not None and bundled.total_entries == 251
    result = loader.load_bundled()
    assert not result.created and result.substance_list == bundled
    completeness = queries.completeness(bundled)
    assert (completeness.loaded, completeness.with_cas, completeness.with_ec) == (50, 37, 40)
    assert not completeness.is_complete


def test_a_newer_export_becomes_the_current_list(db):
    result = load(GOOD)
    assert result.created
    assert queries.current_candidate_list() == result.substance_list
    water, group = result.substance_list.substances.order_by("name").reverse()
    assert (water.cas_number, water.ec_number, water.date_of_inclusion) == (
        "7732-18-5",
        "231-791-2",
        datetime.date(2025, 11, 5),
    )
    assert (group.cas_number, group.ec_number) == ("", "")
    assert not load(GOOD, version="other").created  # identical file: nothing new


def test_xlsx_export_with_a_title_row(db):
    import io

    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output)
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["Candidate List of substances of very high concern for Authorisation"])
    sheet.write_row(2, 0, ["Substance name", "EC No.", "CAS No.", "Date of inclusion", "Reason for inclusion"])
    sheet.write_row(3, 0, ["water", "231-791-2", "7732-18-5", "05-Nov-2025", "vPvB"])
    workbook.close()
    result = loader.load(output.getvalue(), "export.xlsx", version="x", dated=datetime.date(2026, 1, 1), source="ECHA")
    assert result.substance_list.substances.get().cas_number == "7732-18-5"


def test_a_bad_file_is_refused_whole_with_every_row_named(db):
    before = SubstanceList.objects.count()
    data = HEADER + "a,231-791-2,7732-18-4,05-Nov-2025,x\nb,231-791-3,7732-18-5,05-Nov-2025,x\nc,-,12345,someday,x\n"
    with translation.override("en"), pytest.raises(loader.InvalidList) as refused:
        load(data)
    assert refused.value.errors == [
        "row 2, CAS number: the check digit of CAS number '7732-18-4' is wrong (it should be 5)",
        "row 3, EC number: the check digit of EC number '231-791-3' is wrong (it should be 2)",
        "row 4, CAS number: '12345' is not a CAS number; write it as 7732-18-5",
        "row 4, Date of inclusion: the value 'someday' is not a date; write it as 2025-03-31 or 31/3 2025",
    ]
    assert SubstanceList.objects.count() == before


def test_a_missing_column_is_named(db):
    with translation.override("en"), pytest.raises(loader.InvalidList) as refused:
        load("Substance name,EC No.,CAS No.\nwater,231-791-2,7732-18-5\n")
    assert any("Date of inclusion" in error for error in refused.value.errors)


def test_a_used_version_name_with_other_content_is_refused(db):
    load(GOOD)
    with translation.override("en"), pytest.raises(loader.InvalidList, match="already loaded with other content"):
        load(GOOD + "x,-,50-00-0,2025-01-01,CMR\n")


def test_the_command_loads_a_file_and_reports_errors(db, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "export.csv"
    path.write_text(GOOD)
    call_command(
        "load_candidate_list", str(path), "--list-version", "2026-01", "--dated", "2026-01-21", "--total", "253"
    )
    assert queries.current_candidate_list().version == "2026-01"
    path.write_text(HEADER + "a,231-791-2,7732-18-4,05-Nov-2025,x\n")
    with translation.override("en"), pytest.raises(CommandError, match="check digit of CAS number '7732-18-4'"):
        call_command("load_candidate_list", str(path), "--list-version", "2026-02", "--dated", "2026-02-01")
