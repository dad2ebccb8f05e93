"""Exports of the action, indicator, reporting and Kolada lists: both formats, the page's scope and
filters, and a number of queries that does not grow with the number of rows."""

import datetime

import fastexcel
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.reporting.models import UnitReport
from tests.actions.factories import ActionFactory, ActionPlanFactory
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory
from tests.plans.factories import GoalFactory, TargetFactory
from tests.reporting.factories import RoundFactory


@pytest.fixture
def english(client_for):
    def login(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


def xlsx_rows(response) -> list[tuple]:
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    frame = fastexcel.read_excel(content_of(response)).load_sheet(0).to_polars()  # typed columns under the header
    return [tuple(frame.columns), *frame.rows()]


def csv_lines(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = content_of(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return [line.split(";") for line in text[1:].splitlines()]


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        content_of(client.get(url))  # the CSV is streamed: count while it is read
    return len(queries)


def make_actions(world, count: int, **fields) -> None:
    plan = ActionPlanFactory(organisation=world.organisation)
    for index in range(count):
        ActionFactory(
            organisation=world.organisation,
            action_plan=plan if index % 2 else None,
            responsible_unit=world.unit if index % 3 else None,
            contact_person=world.user("editor"),
            **fields,
        )


# Action plans, actions, my actions ------------------------------------------------------------------------


def test_action_plan_export(english, world_a, world_b):
    action_plan = ActionPlanFactory(
        organisation=world_a.organisation, title="Klimatåtgärder", responsible_unit=world_a.unit, valid_to_year=2030
    )
    ActionFactory(organisation=world_a.organisation, action_plan=action_plan, status="done")
    ActionFactory(organisation=world_a.organisation, action_plan=action_plan, status="ongoing")
    ActionPlanFactory(organisation=world_b.organisation, title="B:s plan")
    client = english(world_a.user("reader"))
    rows = xlsx_rows(client.get(reverse("actions:plan-list") + "?export=xlsx"))
    assert rows[0][:7] == (
        "Title",
        "From (year)",
        "To (year)",
        "Implements plan",
        "Responsible unit",
        "Actions",
        "Open actions",
    )
    assert rows[1][:7] == ("Klimatåtgärder", 2025.0, 2030.0, None, "A enhet", 2.0, 1.0)
    assert len(rows) == 2
    lines = csv_lines(client.get(reverse("actions:plan-list") + "?export=csv"))
    assert lines[1][:7] == ["Klimatåtgärder", "2025", "2030", "", "A enhet", "2", "1"] and len(lines) == 2


def test_action_export_follows_the_filters(english, world_a, world_b):
    plan = ActionPlanFactory(organisation=world_a.organisation, title="Klimatåtgärder")
    action_services.create_action(
        organisation=world_a.organisation,
        title="Laddplatser",
        action_plan=plan,
        responsible_unit=world_a.unit,
        contact_person=world_a.user("editor"),
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 12, 31),
        budget_sek=1250000,
        status=Action.Status.ONGOING,
    )
    ActionFactory(organisation=world_a.organisation, title="Klar sedan länge", status="done")
    ActionFactory(organisation=world_b.organisation, title="B:s åtgärd")
    client = english(world_a.user("reader"))
    url = reverse("actions:list")
    rows = xlsx_rows(client.get(url + "?status=ongoing&export=xlsx"))
    assert rows[0][:9] == (
        "Title",
        "Action plan",
        "Responsible unit",
        "Contact person",
        "Status",
        "Start date",
        "End date",
        "Budget (SEK)",
        "Outcome (SEK)",
    )
    header = rows[0]
    laddplatser = dict(zip(header, rows[1], strict=True))
    assert len(rows) == 2
    assert laddplatser["Action plan"] == "Klimatåtgärder" and laddplatser["Contact person"] == "editor@a.example.se"
    assert laddplatser["Start date"] == datetime.datetime(2024, 1, 1) and laddplatser["Budget (SEK)"] == 1250000.0
    assert laddplatser["Overdue"] is True and laddplatser["Status"] == "Ongoing"
    lines = csv_lines(client.get(url + "?export=csv"))
    assert sorted(line[0] for line in lines[1:]) == ["Klar sedan länge", "Laddplatser"]
    done = next(line for line in lines if line[0] == "Klar sedan länge")
    assert done[2] == "" and done[4] == "Done"  # the whole organisation: empty, as the import takes it
    assert "?status=ongoing&amp;export=xlsx" in client.get(url + "?status=ongoing").content.decode()


def test_my_actions_export(english, world_a):
    ActionFactory(organisation=world_a.organisation, title="Min", contact_person=world_a.user("editor"))
    ActionFactory(
        organisation=world_a.organisation, title="Min klara", contact_person=world_a.user("editor"), status="done"
    )
    ActionFactory(organisation=world_a.organisation, title="Någon annans", contact_person=world_a.user("reader"))
    client = english(world_a.user("editor"))
    rows = xlsx_rows(client.get(reverse("actions:mine") + "?export=xlsx"))
    assert [row[0] for row in rows[1:]] == ["Min", "Min klara"]
    lines = csv_lines(client.get(reverse("actions:mine") + "?export=csv"))
    assert [line[0] for line in lines[1:]] == ["Min", "Min klara"]
    assert "?export=csv" in client.get(reverse("actions:mine")).content.decode()


# Indicators, reporting rounds, Kolada ------------------------------------------------------------------------


def test_indicator_export(english, world_a, world_b):
    indicator = IndicatorFactory(
        organisation=world_a.organisation, title="Utsläpp per invånare", unit="ton", kolada_kpi="N00401"
    )
    IndicatorValueFactory(indicator=indicator, year=2023)
    IndicatorValueFactory(indicator=indicator, year=2024)
    TargetFactory(goal=GoalFactory(plan__organisation=world_a.organisation), indicator=indicator)
    IndicatorFactory(organisation=world_a.organisation, title="Annat", responsible_unit=world_a.unit)
    IndicatorFactory(organisation=world_b.organisation, title="B:s")
    client = english(world_a.user("reader"))
    rows = xlsx_rows(client.get(reverse("indicators:list") + "?export=xlsx"))
    assert rows[0][:8] == (
        "Title",
        "Unit of measurement",
        "Desired direction",
        "Frequency",
        "Latest year",
        "Targets",
        "Responsible unit",
        "Kolada KPI",
    )
    assert rows[1][:8] == ("Annat", "ton CO2e/invånare", "Lower is better", "Yearly", None, 0.0, "A enhet", None)
    assert rows[2][:8] == (
        "Utsläpp per invånare",
        "ton",
        "Lower is better",
        "Yearly",
        2024.0,
        1.0,
        "The whole organisation",
        "N00401",
    )
    lines = csv_lines(client.get(reverse("indicators:list") + "?q=utsläpp&export=csv"))
    assert [line[0] for line in lines[1:]] == ["Utsläpp per invånare"] and lines[1][4:6] == ["2024", "1"]


def test_reporting_round_export(english, world_a, world_b):
    round_ = RoundFactory(organisation=world_a.organisation, title="Tertial 2 2026")
    for unit, status in [(world_a.unit, "approved"), (world_a.administration, "submitted"), (world_a.sibling, "draft")]:
        UnitReport.objects.create(round=round_, unit=unit, status=status)
    RoundFactory(organisation=world_b.organisation, title="B:s runda")
    client = english(world_a.user("reader"))
    rows = xlsx_rows(client.get(reverse("reporting:list") + "?export=xlsx"))
    assert rows[0][:7] == ("Title", "Period", "Deadline", "Status", "Reported", "Approved", "Units asked")
    assert rows[1][:7] == ("Tertial 2 2026", round_.period_label, datetime.datetime(2026, 9, 15), "Open", 2.0, 1.0, 3.0)
    assert len(rows) == 2
    lines = csv_lines(client.get(reverse("reporting:list") + "?export=csv"))
    assert lines[1][:7] == ["Tertial 2 2026", round_.period_label, "2026-09-15", "Open", "2", "1", "3"]


def test_kolada_catalogue_export_keeps_the_search(english, world_a):
    client = english(world_a.user("reader"))
    rows = xlsx_rows(client.get(reverse("kolada:kpis") + "?q=N00401&export=xlsx"))
    assert rows[0] == ("Kolada id", "Title", "Operating area", "Divided by gender", "Reported for")
    assert [row[0] for row in rows[1:]] == ["N00401"]
    lines = csv_lines(client.get(reverse("kolada:kpis") + "?q=N00401&export=csv"))
    assert lines[1][0] == "N00401" and lines[1][3] in ("Yes", "No")


def test_pages_show_the_export_links(english, world_a):
    make_actions(world_a, 1)
    IndicatorFactory(organisation=world_a.organisation)
    RoundFactory(organisation=world_a.organisation)
    client = english(world_a.user("editor"))
    for name in [
        "actions:plan-list",
        "actions:list",
        "actions:mine",
        "indicators:list",
        "reporting:list",
        "kolada:kpis",
    ]:
        body = client.get(reverse(name)).content.decode()
        assert '?export=xlsx"' in body and '?export=csv"' in body, name


def add_rows(world, count: int) -> None:
    make_actions(world, count)
    for _index in range(count):
        indicator = IndicatorFactory(organisation=world.organisation, responsible_unit=world.unit)
        IndicatorValueFactory(indicator=indicator)
        round_ = RoundFactory(organisation=world.organisation)
        UnitReport.objects.create(round=round_, unit=world.unit)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_query_counts_do_not_grow_with_the_rows(english, world_a, kind):
    client = english(world_a.user("editor"))
    urls = [
        reverse(name) + f"?export={kind}"
        for name in ["actions:plan-list", "actions:list", "actions:mine", "indicators:list", "reporting:list"]
    ]
    urls.append(reverse("kolada:kpis") + f"?q=N004&export={kind}")
    add_rows(world_a, 2)
    few = {url: queries_for(client, url) for url in urls}
    add_rows(world_a, 12)
    many = {url: queries_for(client, url) for url in urls}
    assert many == few
    assert max(many.values()) <= 12
    kpis = reverse("kolada:kpis") + f"?q=N0&export={kind}"  # hundreds of key figures instead of a few
    assert queries_for(client, kpis) == few[urls[-1]]
