"""``?export=xlsx|csv`` on every list page: same scope and filters as the page, constant query counts."""

import datetime

import fastexcel
import pytest
from django.conf import settings
from django.urls import reverse

from hallbar.history.models import ChangeRecord
from tests.factories import UnitFactory
from tests.plans.factories import PlanFactory

from .factories import job_for


@pytest.fixture
def english(client_for):
    def login(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def xlsx_rows(response) -> list[tuple]:
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    content = b"".join(response.streaming_content)
    frame = fastexcel.read_excel(content).load_sheet(0).to_polars()  # typed columns under the header row
    return [tuple(frame.columns), *frame.rows()]


def csv_lines(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return [line.split(";") for line in text[1:].splitlines()]


def test_plans_export_in_both_formats(english, world_a, world_b):
    PlanFactory(organisation=world_a.organisation, title="Miljöprogram 2030", adopted_on=datetime.date(2024, 5, 2))
    PlanFactory(organisation=world_b.organisation, title="B:s program")
    client = english(world_a.user("reader"))
    rows = xlsx_rows(client.get(reverse("plans:list") + "?export=xlsx"))
    assert rows[0][:4] == ("Title", "Kind", "Valid from (year)", "Valid to (year)")
    assert rows[1][0] == "Miljöprogram 2030" and rows[1][2] == 2024.0  # a number, not text
    assert rows[1][6] == datetime.datetime(2024, 5, 2)  # a date, not text
    assert rows[1][7] == "The whole organisation"
    assert len(rows) == 2
    lines = csv_lines(client.get(reverse("plans:list") + "?export=csv"))
    assert lines[1][:4] == ["Miljöprogram 2030", "Environmental programme", "2024", "2030"]
    assert len(lines) == 2


def test_people_export_follows_the_page(english, world_a, world_b):
    lines = csv_lines(english(world_a.user("reader")).get(reverse("accounts:people") + "?export=csv"))
    assert lines[0] == ["Name", "E-mail", "Role", "Applies to", "Status"]
    emails = {line[1] for line in lines[1:]}
    assert "editor@a.example.se" in emails and not any(email.endswith("@b.example.se") for email in emails)
    editor = next(line for line in lines if line[1] == "editor@a.example.se")
    assert editor[2:] == ["Editor", "A förvaltning", "Active"]


def test_units_export_in_the_focus(english, world_a, world_b):
    client = english(world_a.user("coordinator"))
    rows = xlsx_rows(client.get(reverse("organisations:structure") + "?export=xlsx"))
    assert rows[0][:4] == ("Name", "Kind", "Parent unit", "Level")
    names = [row[0] for row in rows[1:]]
    assert names == ["A nämnd", "A förvaltning", "A enhet", "A annan förvaltning"]
    assert rows[3][2:4] == ("A förvaltning", 3.0)


def test_change_history_export_keeps_the_filter(english, world_a):
    client = english(world_a.user("auditor"))
    UnitFactory(organisation=world_a.organisation, name="Ny enhet")
    ChangeRecord.objects.filter(organisation=world_a.organisation).update(action="update")
    ChangeRecord.objects.filter(object_repr="Ny enhet").update(action="create")
    lines = csv_lines(client.get(reverse("history:log") + "?action=create&export=csv"))
    assert [line[4] for line in lines[1:]] == ["Ny enhet"]
    assert lines[0] == ["When", "Changed by", "Change", "Kind", "Object", "Changed fields"]


def test_import_jobs_export(english, world_a, world_b):
    job_for(world_a.organisation)
    job_for(world_b.organisation)
    rows = xlsx_rows(english(world_a.user("reader")).get(reverse("imports:home") + "?export=xlsx"))
    assert len(rows) == 2 and rows[1][2] == "värden.csv" and rows[1][5] == 2.0


def test_pages_show_the_export_links(english, world_a):
    PlanFactory(organisation=world_a.organisation)
    client = english(world_a.user("reader"))
    for name in ["plans:list", "accounts:people", "organisations:structure", "history:log"]:
        body = client.get(reverse(name)).content.decode()
        assert '?export=xlsx"' in body and '?export=csv"' in body, name


def test_the_export_link_keeps_filters_and_drops_the_page(rf, world_a, english):
    body = english(world_a.user("reader")).get(reverse("history:log") + "?action=create&page=1").content.decode()
    assert "?action=create&amp;export=xlsx" in body


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_query_counts_are_constant(english, world_a, kind, django_assert_max_num_queries):
    client = english(world_a.user("coordinator"))
    for index in range(30):
        PlanFactory(organisation=world_a.organisation, responsible_unit=world_a.unit if index % 2 else None)
        UnitFactory(organisation=world_a.organisation, parent=world_a.unit, name=f"Enhet {index}")
    for name in ["plans:list", "accounts:people", "organisations:structure", "history:log", "imports:home"]:
        with django_assert_max_num_queries(8):
            response = client.get(reverse(name) + f"?export={kind}")
            b"".join(response.streaming_content)  # the CSV is streamed: count the queries while it is read
