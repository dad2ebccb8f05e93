"""Reporting rounds: open a round, units report and submit, coordinators approve or return."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.indicators.models import IndicatorValue
from hallbar.reporting import queries, services
from hallbar.reporting.models import ReportingRound
from hallbar.reporting.tasks import send_deadline_reminders
from tests.actions.factories import ActionFactory, FollowUpSettingsFactory, ProgressUpdateFactory
from tests.indicators.factories import IndicatorFactory

from .factories import RoundFactory, report_for


@pytest.fixture
def unit_setup(world_a):
    """The administration (the editor's unit) owns a yearly and a quarterly indicator and two actions."""
    org, unit = world_a.organisation, world_a.administration
    yearly = IndicatorFactory(organisation=org, responsible_unit=unit, title="Utsläpp", unit="kt")
    quarterly = IndicatorFactory(
        organisation=org,
        responsible_unit=unit,
        title="Sjukfrånvaro",
        unit="%",
        frequency="quarterly",
        split_by_gender=True,
    )
    action = ActionFactory(organisation=org, responsible_unit=unit, title="Solceller på skolor")
    ActionFactory(organisation=org, responsible_unit=unit, title="Inställd", status=Action.Status.CANCELLED)
    ProgressUpdateFactory(action=action, text="Två skolor klara.")
    return {"yearly": yearly, "quarterly": quarterly, "action": action}


def test_the_round_asks_each_indicator_for_the_right_period():
    t2 = ReportingRound(year=2026, frequency="tertial", period=2)
    assert [t2.period_for(f) for f in ("yearly", "tertial", "quarterly", "monthly")] == [0, 2, 2, 8]
    q1 = ReportingRound(year=2026, frequency="quarterly", period=1)
    assert [q1.period_for(f) for f in ("yearly", "tertial", "quarterly", "monthly")] == [0, None, 1, 3]
    year = ReportingRound(year=2026, frequency="yearly", period=0)
    assert [year.period_for(f) for f in ("yearly", "tertial", "quarterly", "monthly")] == [0, 3, 4, 12]


def test_a_coordinator_opens_a_round_for_chosen_units(world_a, client_for):
    client = client_for(world_a.user(Role.COORDINATOR))
    response = client.post(
        reverse("reporting:create"),
        {
            "title": "Tertial 2 2026",
            "year": "2026",
            "frequency": "tertial",
            "period": "2",
            "deadline": "2026-09-15",
            "units": [world_a.administration.pk, world_a.sibling.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    round_ = ReportingRound.objects.get(title="Tertial 2 2026")
    assert {r.unit for r in round_.reports.all()} == {world_a.administration, world_a.sibling}
    assert set(round_.reports.values_list("status", flat=True)) == {"not_started"}
    # A period that does not exist for the kind of period is refused.
    response = client.post(
        reverse("reporting:create"),
        {
            "title": "Fel",
            "year": "2026",
            "frequency": "tertial",
            "period": "4",
            "deadline": "2026-09-15",
            "units": [world_a.unit.pk],
        },
    )
    assert response.status_code == 200 and "period" in response.context["form"].errors


def test_editors_cannot_open_rounds(world_a, client_for):
    assert client_for(world_a.user(Role.EDITOR)).get(reverse("reporting:create")).status_code == 403


def test_an_editor_reports_and_the_coordinator_returns_then_approves(
    world_a, client_for, unit_setup, django_capture_on_commit_callbacks
):
    report = report_for(world_a.organisation, world_a.administration)
    editor, coordinator = world_a.user(Role.EDITOR), world_a.user(Role.COORDINATOR)
    client = client_for(editor)
    page = client.get(report.get_absolute_url())
    assert page.context["may_edit"]
    lines = page.context["line_forms"]
    assert [(f.line.indicator.title, f.line.period) for f in lines] == [("Sjukfrånvaro", 2), ("Utsläpp", 0)]
    assert [a.title for a in page.context["content"].actions] == ["Solceller på skolor"]
    q, y = unit_setup["quarterly"].pk, unit_setup["yearly"].pk
    data = {
        "report-summary": "Det går bra.",
        f"indicator-{q}-value": "5,5",
        f"indicator-{q}-value_women": "6,1",
        f"indicator-{q}-value_men": "4,8",
        f"indicator-{q}-status": "preliminary",
        f"indicator-{y}-value": "",
        f"indicator-{y}-status": "preliminary",
        "submit": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(report.get_absolute_url(), data).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_by == editor
    value = IndicatorValue.objects.get(indicator_id=q)
    assert (value.year, value.period, value.value, value.value_women, value.unit) == (2026, 2, 5.5, 6.1, None)
    assert not IndicatorValue.objects.filter(indicator_id=y).exists()  # left empty: nothing written
    administrator = world_a.user(Role.ADMINISTRATOR)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([administrator.email, coordinator.email])
    # Submitted: the editor can no longer change it.
    assert not client.get(report.get_absolute_url()).context["may_edit"]

    reviewer = client_for(coordinator)
    review = reverse("reporting:review", args=[report.pk])
    reviewer.post(review, {"return": "1", "review_comment": ""})
    report.refresh_from_db()
    assert report.status == "submitted"  # a return needs a comment
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(review, {"return": "1", "review_comment": "Kommentera sjukfrånvaron."})
    report.refresh_from_db()
    assert report.status == "returned" and mail.outbox[0].to == [editor.email]
    assert "Kommentera sjukfrånvaron." in mail.outbox[0].body

    client = client_for(editor)
    data["report-summary"] = "Sjukfrånvaron minskar."
    assert client.post(report.get_absolute_url(), data).status_code == 302
    reviewer = client_for(coordinator)
    reviewer.post(review, {"approve": "1"})
    report.refresh_from_db()
    assert report.status == "approved" and report.is_locked
    assert report.snapshot["summary"] == "Sjukfrånvaron minskar."
    assert report.snapshot["indicators"][0]["value"] == 5.5
    assert report.snapshot["actions"][0]["latest_update"] == "Två skolor klara."

    # Later changes to the live data do not change what was approved, and the report is locked.
    IndicatorValue.objects.filter(indicator_id=q).update(value=9)
    client = client_for(editor)
    response = client.post(report.get_absolute_url(), {**data, "report-summary": "Ändrat"}, follow=True)
    report.refresh_from_db()
    assert report.summary == "Sjukfrånvaron minskar." and report.snapshot["indicators"][0]["value"] == 5.5
    assert IndicatorValue.objects.get(indicator_id=q).value == 9
    assert "Godkänd" in response.content.decode() or "Approved" in response.content.decode()


def test_an_editor_cannot_report_for_another_unit(world_a, client_for):
    report = report_for(world_a.organisation, world_a.sibling)
    client = client_for(world_a.user(Role.EDITOR))
    assert not client.get(report.get_absolute_url()).context["may_edit"]
    response = client.post(report.get_absolute_url(), {"report-summary": "Intrång", "submit": "1"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "not_started" and report.summary == ""


def test_editors_cannot_approve(world_a, client_for):
    report = report_for(world_a.organisation, world_a.administration)
    services.submit(report, by=world_a.user(Role.EDITOR))
    client = client_for(world_a.user(Role.EDITOR))
    assert client.post(reverse("reporting:review", args=[report.pk]), {"approve": "1"}).status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"


def test_a_bad_value_names_the_field_and_writes_nothing(world_a, client_for, unit_setup):
    report = report_for(world_a.organisation, world_a.administration)
    client = client_for(world_a.user(Role.EDITOR))
    y, q = unit_setup["yearly"].pk, unit_setup["quarterly"].pk
    response = client.post(
        report.get_absolute_url(),
        {
            "report-summary": "Text",
            f"indicator-{y}-value": "tolv",
            f"indicator-{y}-status": "final",
            f"indicator-{q}-value": "3",
            f"indicator-{q}-status": "final",
            "submit": "1",
        },
    )
    assert response.status_code == 200
    bad = [form for form in response.context["line_forms"] if form.errors]
    assert len(bad) == 1 and "value" in bad[0].errors
    report.refresh_from_db()
    assert report.status == "not_started" and report.summary == ""
    assert not IndicatorValue.objects.exists()


def test_the_round_shows_who_has_not_reported(world_a, client_for):
    report = report_for(world_a.organisation, world_a.administration)
    services.add_units(report.round, [world_a.sibling, world_a.unit])
    services.submit(report, by=world_a.user(Role.EDITOR))
    overview = queries.round_overview(report.round)
    assert overview["reported"] == 1 and overview["total"] == 3
    assert {r.unit for r in overview["missing"]} == {world_a.sibling, world_a.unit}
    page = client_for(world_a.user(Role.READER)).get(report.round.get_absolute_url())
    assert page.status_code == 200 and world_a.sibling.name in page.content.decode()


def test_units_that_started_cannot_be_removed(world_a):
    report = report_for(world_a.organisation, world_a.administration)
    services.save_report(report, summary="Påbörjad")
    with translation.override("en"), pytest.raises(ValidationError, match="already started"):
        services.remove_units(report.round, [world_a.administration])


def test_deadline_reminders_go_once_to_the_people_who_report(world_a):
    FollowUpSettingsFactory(organisation=world_a.organisation, remind_days_before_deadline=7)
    today = timezone.localdate()
    soon = RoundFactory(organisation=world_a.organisation, deadline=today + timedelta(days=5))
    later = RoundFactory(organisation=world_a.organisation, deadline=today + timedelta(days=30))
    services.add_units(soon, [world_a.unit, world_a.sibling])
    services.add_units(later, [world_a.unit])
    services.submit(soon.reports.get(unit=world_a.sibling), by=world_a.user(Role.COORDINATOR))
    mail.outbox.clear()
    assert send_deadline_reminders.call() == 1  # the editor (administration and below) for the unit only
    assert mail.outbox[0].to == [world_a.user(Role.EDITOR).email]
    assert soon.title in mail.outbox[0].subject
    assert send_deadline_reminders.call() == 0  # not twice


def test_what_changed_since_the_last_round(world_a, unit_setup):
    org, unit, coordinator = world_a.organisation, world_a.administration, world_a.user(Role.COORDINATOR)
    first = services.open_round(
        organisation=org,
        title="Tertial 1 2026",
        year=2026,
        frequency="tertial",
        period=1,
        deadline=date(2026, 5, 15),
        units=[unit],
    )
    report = first.reports.get()
    services.submit(report, by=coordinator)
    services.approve(report, by=coordinator)
    second = report_for(org, unit).round
    unit_setup["action"].status = Action.Status.DONE
    unit_setup["action"].save()
    IndicatorValue.objects.create(indicator=unit_setup["yearly"], organisation=org, year=2026, period=0, value=12.5)
    report = second.reports.get()
    services.submit(report, by=coordinator)
    services.approve(report, by=coordinator)
    previous, changes = queries.changes_since_previous(second)
    assert previous == first
    assert {(c.kind, c.title) for c in changes} == {("action", "Solceller på skolor"), ("indicator", "Utsläpp")}


@pytest.mark.parametrize("size", [1, 5])
def test_round_and_report_pages_take_a_fixed_number_of_queries(
    world_a, client_for, django_assert_max_num_queries, size
):
    org = world_a.organisation
    report = report_for(org, world_a.administration)
    for number in range(size):
        IndicatorFactory(organisation=org, responsible_unit=world_a.administration, frequency="tertial")
        action = ActionFactory(organisation=org, responsible_unit=world_a.administration, title=f"Å{number}")
        ProgressUpdateFactory(action=action)
    services.add_units(report.round, [world_a.unit, world_a.sibling][: 1 + size // 5])
    client = client_for(world_a.user(Role.EDITOR))
    for url in (report.get_absolute_url(), report.round.get_absolute_url(), reverse("reporting:list")):
        with django_assert_max_num_queries(26):
            assert client.get(url).status_code == 200
