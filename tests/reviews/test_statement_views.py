"""The environmental statement pages: list, statement (HTML and PDF), create, edit, delete, validation,
withdrawal and the core indicator settings; permissions, other organisations and query counts."""

import csv
import io
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from hallbar.accounts.roles import Role
from hallbar.reviews.models import CoreIndicatorSource, EnvironmentalStatement
from hallbar.reviews.statement import services
from tests.aspects.factories import ActivityFactory, AspectFactory
from tests.plans.factories import GoalFactory, PlanFactory, TargetFactory

from .statement_factories import StatementFactory, source_for, statement_for, yearly_indicator

TODAY = timezone.localdate()


@pytest.fixture
def english(client):
    """The test client asking for English pages (log in with ``force_login``)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def logged_in(client, world, role):
    client.force_login(world.user(role))
    return client


def validated(statement):
    statement.statement_date = date(statement.year + 1, 1, 1)
    statement.save()
    return services.validate(
        statement, verifier_name="Anna Revisor", accreditation_number="SE-V-0012", validated_on=TODAY
    )


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


# The list ---------------------------------------------------------------------------------------------


def test_list_with_filters_and_export(world_a, world_b, english):
    validated(statement_for(world_a.organisation))
    StatementFactory(organisation=world_a.organisation, year=2024)
    StatementFactory(organisation=world_b.organisation, year=2023)
    client = logged_in(english, world_a, Role.READER)
    page = client.get(reverse("reviews:statement-list")).content.decode()
    assert "Environmental statement 2025" in page and "Environmental statement 2024" in page
    assert "Environmental statement 2023" not in page  # organisation B's
    assert "Validated on" in page and "Not yet validated" in page
    assert reverse("reviews:statement-create") not in page  # readers do not create

    page = client.get(reverse("reviews:statement-list"), {"status": "draft"}).content.decode()
    assert "Environmental statement 2024" in page and "Environmental statement 2025" not in page
    page = client.get(reverse("reviews:statement-list"), {"year": "2025"}).content.decode()
    assert "Environmental statement 2025" in page and "Environmental statement 2024" not in page

    response = client.get(reverse("reviews:statement-list"), {"export": "csv", "status": "validated"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Reporting year", "Date of the statement", "Validated"]
    assert [row[0] for row in rows[1:]] == ["2025"] and rows[1][3] == "Anna Revisor"
    response = client.get(reverse("reviews:statement-list"), {"export": "xlsx"})
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.xlsx"')


def test_list_queries_do_not_grow(world_a, client, django_assert_max_num_queries):
    client = logged_in(client, world_a, Role.COORDINATOR)
    StatementFactory(organisation=world_a.organisation, year=2024)
    with django_assert_max_num_queries(12):
        client.get(reverse("reviews:statement-list"))
    for year in range(2010, 2020):
        StatementFactory(organisation=world_a.organisation, year=year)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reviews:statement-list")).status_code == 200


# Creating and changing --------------------------------------------------------------------------------


def test_coordinator_creates_a_statement_starting_from_last_years_description(world_a, english):
    StatementFactory(organisation=world_a.organisation, year=2023, description="Förra årets beskrivning.")
    client = logged_in(english, world_a, Role.COORDINATOR)
    page = client.get(reverse("reviews:statement-create")).content.decode()
    assert "Förra årets beskrivning." in page
    response = client.post(
        reverse("reviews:statement-create"),
        {"year": "2024", "statement_date": "2025-03-01", "description": "Om kommunen."},
    )
    statement = EnvironmentalStatement.objects.get(year=2024)
    assert response.status_code == 302 and response.url == statement.get_absolute_url()
    assert statement.organisation == world_a.organisation

    response = client.post(
        reverse("reviews:statement-create"), {"year": "2024", "statement_date": "2025-03-01", "description": "x"}
    )
    assert "There is already an environmental statement for 2024." in response.content.decode()


@pytest.mark.parametrize("role", [Role.EDITOR, Role.READER, Role.AUDITOR])
def test_only_those_who_change_the_whole_organisation_create_and_edit(world_a, client, role):
    statement = statement_for(world_a.organisation)
    client = logged_in(client, world_a, role)
    assert client.get(reverse("reviews:statement-create")).status_code == 403
    assert client.get(reverse("reviews:statement-edit", args=[statement.pk])).status_code == 403
    assert client.post(reverse("reviews:statement-delete", args=[statement.pk])).status_code == 403
    assert EnvironmentalStatement.objects.filter(pk=statement.pk).exists()


def test_edit_and_delete_a_draft(world_a, english):
    statement = statement_for(world_a.organisation)
    client = logged_in(english, world_a, Role.COORDINATOR)
    response = client.post(
        reverse("reviews:statement-edit", args=[statement.pk]),
        {"year": "2025", "statement_date": "2026-02-01", "description": "Ny beskrivning."},
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.description == "Ny beskrivning." and statement.statement_date == date(2026, 2, 1)
    response = client.post(reverse("reviews:statement-delete", args=[statement.pk]), follow=True)
    assert "Environmental statement 2025 was deleted." in response.content.decode()
    assert not EnvironmentalStatement.objects.exists()


def test_a_validated_statement_is_neither_edited_nor_deleted(world_a, english):
    statement = validated(statement_for(world_a.organisation))
    client = logged_in(english, world_a, Role.COORDINATOR)
    for name in ("reviews:statement-edit", "reviews:statement-delete"):
        response = client.post(reverse(name, args=[statement.pk]), {"description": "x"}, follow=True)
        assert response.redirect_chain[-1][0] == statement.get_absolute_url()
        assert "has been validated and cannot be" in response.content.decode()
    statement.refresh_from_db()
    assert statement.description != "x"


# The statement ---------------------------------------------------------------------------------------


def test_the_statement_page(world_a, english):
    statement = statement_for(world_a.organisation)
    client = logged_in(english, world_a, Role.READER)
    page = client.get(statement.get_absolute_url()).content.decode()
    for text in (
        "<h1>Environmental statement 2025</h1>",
        statement.description,
        "<caption>Energy efficiency: A / B = R by year</caption>",
        "Energianvändning (MWh)",
        "MWh / anställda",
        "4.32",
        "Fjärrvärme och el enligt fakturor.",
        "The organisation has no approved policy.",
        "No significant direct aspects.",
        "Not reported: no indicator has been chosen for A.",
        "Compliance obligations by the result of their latest evaluation",
        "Date and validation",
        "The statement has not yet been validated by an environmental verifier.",
    ):
        assert text in page, text
    assert 'name="verifier_name"' not in page  # readers cannot record the validation
    assert reverse("reviews:statement-edit", args=[statement.pk]) not in page


def test_the_statement_of_another_organisation_is_not_found(world_a, world_b, client):
    statement = statement_for(world_b.organisation)
    client = logged_in(client, world_a, Role.ADMINISTRATOR)
    for name in ("detail", "pdf", "edit", "delete", "validation", "withdraw"):
        assert client.get(reverse(f"reviews:statement-{name}", args=[statement.pk])).status_code in (404, 405)
        assert client.post(reverse(f"reviews:statement-{name}", args=[statement.pk])).status_code in (404, 405)


def test_the_statement_page_queries_do_not_grow(world_a, english, django_assert_max_num_queries):
    statement = statement_for(world_a.organisation)
    client = logged_in(english, world_a, Role.COORDINATOR)
    plan = PlanFactory(organisation=world_a.organisation, status="adopted")
    activity = ActivityFactory(organisation=world_a.organisation)

    def add(count):
        for number in range(count):
            TargetFactory(goal=GoalFactory(plan=plan, title=f"Mål {number}"))
            AspectFactory(activity=activity, is_significant=True).goals.add(plan.goals.first())

    add(1)
    with django_assert_max_num_queries(30) as captured:
        client.get(statement.get_absolute_url())
    few = len(captured)
    add(8)
    with django_assert_max_num_queries(few):
        page = client.get(statement.get_absolute_url()).content.decode()
    assert page.count("<caption>Targets for") == 9
    assert page.count("<caption>Significant direct environmental aspects</caption>") == 1


def test_the_pdf_has_the_same_content(world_a, english):
    statement = statement_for(world_a.organisation)
    client = logged_in(english, world_a, Role.READER)
    response = client.get(reverse("reviews:statement-pdf", args=[statement.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="environmental-statement-2025.pdf"'
    text = pdf_text(response)
    for expected in (
        "Environmental statement",
        "Reporting year 2025",
        "A kommun",
        "Kommunen har 2 400 anställda i förvaltningar och bolag i Åre.",
        "Environmental policy",
        "Significant environmental aspects",
        "Objectives and targets",
        "Energy efficiency",
        "Energianvändning (MWh)",
        "4.32",
        "Compliance with legal obligations",
        "Environmental verifier",
        "The statement has not yet been validated by an environmental verifier.",
    ):
        assert expected in text, expected

    validated(statement)
    text = pdf_text(client.get(reverse("reviews:statement-pdf", args=[statement.pk])))
    assert "Anna Revisor" in text and "SE-V-0012" in text
    assert "not yet been validated" not in text


# Validation ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.COORDINATOR])
def test_the_verifier_records_the_validation_on_the_page(world_a, english, role):
    statement = statement_for(world_a.organisation)
    statement.statement_date = date(2026, 1, 15)
    statement.save()
    client = logged_in(english, world_a, role)
    page = client.get(statement.get_absolute_url()).content.decode()
    assert 'id="validation-verifier_name"' in page and 'type="date"' in page
    response = client.post(
        reverse("reviews:statement-validation", args=[statement.pk]),
        {"verifier_name": "Anna Revisor", "accreditation_number": "SE-V-0012", "validated_on": TODAY.isoformat()},
        follow=True,
    )
    assert "The validation was recorded and the statement frozen." in response.content.decode()
    statement.refresh_from_db()
    assert statement.is_validated and statement.content["year"] == 2025
    page = response.content.decode()
    assert "Withdraw the validation" in page and 'id="validation-verifier_name"' not in page
    assert client.get(reverse("reviews:statement-validation", args=[statement.pk])).status_code == 302


def test_a_refused_validation_shows_the_reasons(world_a, english):
    statement = statement_for(world_a.organisation)
    client = logged_in(english, world_a, Role.AUDITOR)
    response = client.post(
        reverse("reviews:statement-validation", args=[statement.pk]),
        {"verifier_name": "Anna Revisor", "accreditation_number": "", "validated_on": "2025-06-01"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page
    assert 'aria-invalid="true"' in page
    response = client.post(
        reverse("reviews:statement-validation", args=[statement.pk]),
        {"verifier_name": "Anna Revisor", "accreditation_number": "SE-V-1", "validated_on": "2025-06-01"},
    )
    assert "A statement for 2025 can be validated only after the year has ended, from 2026-01-01." in (
        response.content.decode()
    )
    statement.refresh_from_db()
    assert not statement.is_validated


@pytest.mark.parametrize("role", [Role.EDITOR, Role.READER])
def test_others_may_not_validate_or_withdraw(world_a, client, role):
    statement = statement_for(world_a.organisation)
    client = logged_in(client, world_a, role)
    assert client.get(reverse("reviews:statement-validation", args=[statement.pk])).status_code == 403
    assert client.post(reverse("reviews:statement-withdraw", args=[statement.pk])).status_code == 403


def test_withdrawing_the_validation(world_a, english):
    statement = validated(statement_for(world_a.organisation))
    client = logged_in(english, world_a, Role.AUDITOR)
    assert client.get(reverse("reviews:statement-withdraw", args=[statement.pk])).status_code == 405
    response = client.post(reverse("reviews:statement-withdraw", args=[statement.pk]), follow=True)
    assert "The validation was withdrawn. The statement is a draft again." in response.content.decode()
    statement.refresh_from_db()
    assert not statement.is_validated
    response = client.post(reverse("reviews:statement-withdraw", args=[statement.pk]), follow=True)
    assert "there is no validation to withdraw" in response.content.decode()


# Core indicator settings -----------------------------------------------------------------------------


def test_coordinator_sets_the_core_indicators(world_a, world_b, english):
    organisation = world_a.organisation
    water = yearly_indicator(organisation, "Vattenanvändning", "m³", {})
    employees = yearly_indicator(organisation, "Antal anställda", "anställda", {})
    yearly_indicator(world_b.organisation, "B:s indikator", "st", {})
    client = logged_in(english, world_a, Role.COORDINATOR)
    url = reverse("reviews:statement-core-indicators")
    page = client.get(url).content.decode()
    assert "<legend>Land use with regard to biodiversity</legend>" in page
    assert "Vattenanvändning (m³)" in page and "B:s indikator" not in page

    response = client.post(url, {"water-a_indicator": water.pk, "water-b_indicator": employees.pk}, follow=True)
    assert "The core indicator settings were saved." in response.content.decode()
    source = CoreIndicatorSource.objects.get(organisation=organisation)
    assert (source.area, source.a_indicator, source.b_indicator) == ("water", water, employees)

    response = client.post(url, {"water-a_indicator": water.pk, "water-b_indicator": water.pk})
    page = response.content.decode()
    assert response.status_code == 200 and "A and B cannot be the same indicator." in page
    assert 'aria-invalid="true"' in page


@pytest.mark.parametrize("role", [Role.EDITOR, Role.READER, Role.AUDITOR])
def test_only_follow_up_managers_set_the_core_indicators(world_a, client, role):
    client = logged_in(client, world_a, role)
    assert client.get(reverse("reviews:statement-core-indicators")).status_code == 403


def test_settings_are_the_active_organisations(world_a, world_b, client):
    source_for(world_b.organisation)
    client = logged_in(client, world_a, Role.COORDINATOR)
    page = client.get(reverse("reviews:statement-core-indicators")).content.decode()
    assert "Energianvändning" not in page
