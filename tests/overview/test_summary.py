"""The "state of sustainability" summary: its numbers against the database, isolation, a fixed
number of queries, and the PDF saying the same as the page."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.db.models import Sum
from pypdf import PdfReader

from hallbar.actions import services as action_services
from hallbar.actions.models import Action
from hallbar.climate import queries as climate_queries
from hallbar.climate import status as figures
from hallbar.consumption.models import LedgerAggregate
from hallbar.core.numbers import measure
from hallbar.nonconformities.models import Nonconformity, Stage
from hallbar.organisations.models import Municipality
from hallbar.plans.models import Plan, Target
from tests.actions.factories import action_for
from tests.audits.factories import audit_for
from tests.consumption.factories import imported_for
from tests.indicators.factories import indicator_for
from tests.plans.factories import TargetFactory, plan_tree_for

pytestmark = pytest.mark.django_db
URL = "/oversikt/"
# The whole page (session, user, scope, menu and the summary's reads), whatever the amount of data.
QUERIES = 38
TODAY = date.today()


def off_track_plan(organisation, unit=None):
    """The plan tree adopted, its target far out of reach of the indicator's trend."""
    plan = plan_tree_for(organisation, unit)
    indicator_for(organisation, unit)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ADOPTED)
    Target.objects.filter(goal__plan=plan).update(target_value=Decimal("0"), target_year=2024)
    return plan


def late_actions(organisation, unit=None):
    overdue = action_for(organisation, unit)
    Action.objects.filter(pk=overdue.pk).update(status="ongoing", end_date=TODAY - timedelta(days=10))
    Action.objects.create(organisation=organisation, title="Försenad cykelplan", status="delayed")
    Action.objects.create(
        organisation=organisation, title="Klar sedan länge", status="done", end_date=TODAY - timedelta(days=400)
    )
    Action.objects.create(
        organisation=organisation, title="Pågår enligt plan", status="ongoing", end_date=TODAY + timedelta(days=30)
    )


@pytest.fixture
def linkoping(world_a):
    world_a.organisation.municipality = Municipality.objects.get(code="0580")
    world_a.organisation.save()
    return world_a


def test_targets_and_actions_match_the_database(world_a, world_b, client_for):
    off_track_plan(world_a.organisation)
    late_actions(world_a.organisation)
    late_actions(world_b.organisation)  # never counted for A
    response = client_for(world_a.user("reader")).get(URL)
    found = response.context["summary"]
    assert found.target_count == Target.objects.filter(goal__plan__organisation=world_a.organisation).count() == 1
    assert found.off_track_count == 1
    assert found.goal_count == 1 and found.off_track_goal_count == 1
    assert [goal.title for goal in found.off_track] == ["Fossilfri kommun"]
    expected_late = (
        Action.objects.filter(organisation=world_a.organisation).filter(status="delayed").count()
        + Action.objects.filter(
            organisation=world_a.organisation, status__in=("not_started", "ongoing"), end_date__lt=TODAY
        ).count()
    )
    assert found.late_action_count == expected_late == 2
    assert (
        found.open_action_count
        == Action.objects.filter(
            organisation=world_a.organisation, status__in=("not_started", "ongoing", "delayed")
        ).count()
        == 3
    )
    assert {action.title for action in found.late_actions} == {"Laddinfrastruktur", "Försenad cykelplan"}
    body = response.content.decode()
    assert "1 of 1 goals of the adopted plans have targets off track: 1 of 1 targets are off track" in body
    assert "2 of 3 open actions are delayed or past their end date." in body
    assert "Försenad cykelplan" in body and "Klar sedan länge" not in body and "Pågår enligt plan" not in body
    assert world_b.organisation.name not in body


def test_climate_consumption_and_audits_match_the_database(linkoping, client_for):
    organisation, unit = linkoping.organisation, linkoping.unit
    imported_for(organisation, unit)
    audit_for(organisation, unit)
    client = client_for(linkoping.user("reader"))
    response = client.get(URL)
    assert response.status_code == 200
    found = response.context["summary"]
    # territorial emissions: the current release's total and sector split for the municipality
    area = figures.area_for(organisation)
    history = figures.history(area)
    assert found.emission_year == max(y for y, v in zip(history.years, history.total, strict=True) if v is not None)
    index = history.years.index(found.emission_year)
    sectors = sorted(
        ((label, values[index]) for label, values in history.by_sector if values[index] is not None),
        key=lambda r: -r[1],
    )
    assert found.sectors == sectors[:5]
    assert found.sectors[0][1] >= found.sectors[-1][1]
    # the carbon budget as the climate status computes it
    method = climate_queries.method_for(organisation)
    expected = figures.status(figures.areas(method, area, TODAY.year, figures.municipalities()))
    assert found.budget.remaining_t == pytest.approx(expected.remaining_t)
    # the consumption footprint of the latest year: the stored sums
    year = max(LedgerAggregate.objects.filter(organisation=organisation).values_list("year", flat=True))
    kg = LedgerAggregate.objects.filter(organisation=organisation, year=year).aggregate(kg=Sum("kg_co2e"))["kg"]
    assert found.footprint_year == year
    assert found.footprint_tonnes == pytest.approx(float(kg) / 1000)
    assert found.hotspots and found.hotspots[0]["tonnes"] >= found.hotspots[-1]["tonnes"]
    # audits: the minor finding's nonconformity is open
    open_ncs = Nonconformity.objects.filter(organisation=organisation).exclude(stage=Stage.CLOSED)
    assert found.open_nonconformity_count == open_ncs.count() >= 1
    assert len(found.open_findings) == 1
    body = response.content.decode()
    assert measure(found.sectors[0][1], 0) in body
    assert open_ncs.first().reference in body


def test_what_changed_counts_the_change_history_of_the_last_90_days(world_a, client_for):
    action = action_for(world_a.organisation)
    action_services.update_action(action, status="done")
    client = client_for(world_a.user("reader"))
    found = client.get(URL).context["summary"]
    assert found.completed_actions == 1
    rows = {str(name): (added, changed) for name, added, changed, _deleted in found.changes}
    assert rows["actions"][0] == 1  # created by the factory
    assert rows["actions"][1] >= 1  # completed


def test_the_page_reads_a_fixed_number_of_queries(linkoping, client_for, django_assert_max_num_queries):
    organisation, unit = linkoping.organisation, linkoping.unit
    off_track_plan(organisation, unit)
    late_actions(organisation, unit)
    imported_for(organisation, unit)
    audit_for(organisation, unit)
    client = client_for(linkoping.user("reader"))
    client.get(URL)  # warm the per-process caches (content types, menu)
    with django_assert_max_num_queries(QUERIES):
        assert client.get(URL).status_code == 200
    for index in range(5):  # more of everything: still the same number
        TargetFactory(
            goal=organisation.plans.get().goals.get(),
            indicator=indicator_for(organisation),
            target_year=2024,
            target_value=0,
        )
        Action.objects.create(organisation=organisation, title=f"Sen åtgärd {index}", status="delayed")
    with django_assert_max_num_queries(QUERIES):
        assert client.get(URL).status_code == 200


def test_the_pdf_says_what_the_page_says(world_a, client_for):
    off_track_plan(world_a.organisation)
    late_actions(world_a.organisation)
    response = client_for(world_a.user("reader")).get(URL + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "State of sustainability" in text
    assert "2 of 3 open actions are delayed" in text
    assert "Fossilfri kommun" in text
    assert "Försenad cykelplan" in text


def test_signed_in_only(client):
    response = client.get(URL)
    assert response.status_code == 302
