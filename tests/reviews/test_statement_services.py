"""The statement's rules: saving drafts, the validate / withdraw transitions, and the core indicator sources."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.core.deletion import DeletionRefused, guarded_delete
from hallbar.history.models import ChangeRecord
from hallbar.indicators.models import IndicatorValue
from hallbar.indicators.periods import Frequency
from hallbar.reviews.models import CoreIndicatorSource, EnvironmentalStatement
from hallbar.reviews.statement import queries, services
from tests.indicators.factories import IndicatorFactory

from .statement_factories import StatementFactory, source_for, yearly_indicator

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_YEAR = TODAY.year - 1


def messages_of(error: ValidationError) -> dict:
    return error.value.message_dict


def validation(**overrides) -> dict:
    return {"verifier_name": "Anna Revisor", "accreditation_number": "SE-V-0012", "validated_on": TODAY} | overrides


def draft(organisation, **fields) -> EnvironmentalStatement:
    fields.setdefault("year", LAST_YEAR)
    fields.setdefault("statement_date", date(LAST_YEAR + 1, 1, 1))
    return StatementFactory(organisation=organisation, **fields)


# Saving drafts ------------------------------------------------------------------------------------


def test_a_draft_is_saved(world_a):
    statement = services.save_statement(
        EnvironmentalStatement(organisation=world_a.organisation, year=LAST_YEAR, description="Om kommunen.")
    )
    assert statement.pk and not statement.is_validated


def test_the_reporting_year_cannot_be_in_the_future(world_a):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_statement(
            EnvironmentalStatement(organisation=world_a.organisation, year=TODAY.year + 1, description="x")
        )
    assert messages_of(error) == {"year": ["The reporting year cannot be in the future."]}


def test_one_statement_per_year(world_a, world_b):
    draft(world_a.organisation)
    draft(world_b.organisation)  # another organisation's year does not count
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_statement(
            EnvironmentalStatement(organisation=world_a.organisation, year=LAST_YEAR, description="x")
        )
    assert messages_of(error) == {"year": [f"There is already an environmental statement for {LAST_YEAR}."]}


def test_a_validated_statement_cannot_be_changed_or_deleted(world_a):
    statement = services.validate(draft(world_a.organisation), **validation())
    statement.description = "Ändrad"
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.save_statement(statement)
        assert error.value.messages == [
            f"Environmental statement {LAST_YEAR} has been validated and cannot be changed. "
            "Withdraw the validation first."
        ]
        with pytest.raises(ValidationError) as error:
            services.require_deletable(statement)
        assert error.value.messages == [
            f"Environmental statement {LAST_YEAR} has been validated and cannot be deleted. "
            "Withdraw the validation first."
        ]


def test_a_draft_may_be_deleted(world_a):
    statement = draft(world_a.organisation)
    services.require_deletable(statement)
    guarded_delete(statement)
    assert not EnvironmentalStatement.objects.exists()


# Validate -----------------------------------------------------------------------------------------


def test_validating_records_the_verifier_and_freezes_the_content(world_a):
    source = source_for(world_a.organisation)
    statement = draft(world_a.organisation, year=2025, statement_date=date(2026, 1, 10))
    statement = services.validate(statement, **validation(verifier_name="  Anna Revisor "))
    statement.refresh_from_db()
    assert statement.is_validated
    assert (statement.verifier_name, statement.accreditation_number, statement.validated_on) == (
        "Anna Revisor",
        "SE-V-0012",
        TODAY,
    )
    assert statement.frozen_at is not None
    energy = statement.content["core_indicators"][0]
    assert energy["area"] == "energy" and energy["figures"][-1]["r"] == pytest.approx(4.32)

    # Later changes in the system do not change the validated statement.
    IndicatorValue.objects.filter(indicator=source.a_indicator, year=2025).update(value=1)
    assert queries.statement_content(statement)["core_indicators"][0]["figures"][-1]["r"] == pytest.approx(4.32)


def test_a_validated_statement_cannot_be_validated_again(world_a):
    statement = services.validate(draft(world_a.organisation), **validation())
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.validate(statement, **validation())
    assert error.value.messages == [f"Environmental statement {LAST_YEAR} has already been validated."]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"verifier_name": " "}, "verifier_name", "Give the name of the environmental verifier."),
        ({"accreditation_number": ""}, "accreditation_number", "Give the verifier's accreditation or licence number."),
        ({"validated_on": None}, "validated_on", "Give the date of validation."),
        (
            {"validated_on": TODAY + timedelta(days=1)},
            "validated_on",
            "The date of validation cannot be in the future.",
        ),
    ],
)
def test_validation_needs_every_field(world_a, overrides, field, message):
    statement = draft(world_a.organisation)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.validate(statement, **validation(**overrides))
    assert messages_of(error) == {field: [message]}
    statement.refresh_from_db()
    assert not statement.is_validated and statement.content == {}


def test_a_statement_is_validated_only_after_its_year(world_a):
    statement = draft(world_a.organisation, year=TODAY.year, statement_date=TODAY)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.validate(statement, **validation())
    assert messages_of(error) == {
        "validated_on": [
            f"A statement for {TODAY.year} can be validated only after the year has ended, from {TODAY.year + 1}-01-01."
        ]
    }


def test_the_validation_cannot_be_before_the_statement(world_a):
    statement = draft(world_a.organisation, statement_date=TODAY)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.validate(statement, **validation(validated_on=TODAY - timedelta(days=1)))
    assert messages_of(error) == {
        "validated_on": [f"The date of validation cannot be before the date of the statement ({TODAY.isoformat()})."]
    }


# Withdraw -----------------------------------------------------------------------------------------


def test_withdrawing_makes_a_draft_generated_from_live_data(world_a):
    source = source_for(world_a.organisation)
    statement = services.validate(draft(world_a.organisation, year=2025), **validation())
    services.withdraw(statement)
    statement.refresh_from_db()
    assert not statement.is_validated
    assert (statement.verifier_name, statement.accreditation_number, statement.content) == ("", "", {})
    assert statement.frozen_at is None
    IndicatorValue.objects.filter(indicator=source.a_indicator, year=2025).update(value=5_000)
    assert queries.statement_content(statement)["core_indicators"][0]["figures"][-1]["r"] == pytest.approx(2.0)
    services.save_statement(statement)  # a draft again: it may be changed


def test_a_draft_has_no_validation_to_withdraw(world_a):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.withdraw(draft(world_a.organisation))
    assert error.value.messages == [
        f"Environmental statement {LAST_YEAR} has not been validated, so there is no validation to withdraw."
    ]


def test_the_transition_table():
    assert services.TRANSITIONS == {
        "draft": frozenset({services.Transition.VALIDATE}),
        "validated": frozenset({services.Transition.WITHDRAW}),
    }


# Core indicator sources ---------------------------------------------------------------------------


def test_sources_are_saved_changed_and_cleared(world_a):
    organisation = world_a.organisation
    water = yearly_indicator(organisation, "Vattenanvändning", "m³", {})
    employees = yearly_indicator(organisation, "Antal anställda", "anställda", {})
    services.save_core_indicator_sources(
        organisation,
        {
            "water": {"a_indicator": water, "b_indicator": employees, "note": " Enligt VA-bolaget. "},
            "biodiversity": {"note": "Inte relevant: kommunen äger ingen mark utanför planlagt område."},
        },
    )
    sources = queries.core_indicator_sources(organisation)
    assert set(sources) == {"water", "biodiversity"}
    assert (sources["water"].a_indicator, sources["water"].b_indicator) == (water, employees)
    assert sources["water"].note == "Enligt VA-bolaget."
    assert sources["biodiversity"].a_indicator is None

    services.save_core_indicator_sources(organisation, {"water": {"a_indicator": water}})
    sources = queries.core_indicator_sources(organisation)
    assert set(sources) == {"water"} and sources["water"].b_indicator is None


def test_invalid_sources_are_refused_together_and_nothing_is_saved(world_a, world_b):
    organisation = world_a.organisation
    energy = yearly_indicator(organisation, "Energianvändning", "MWh", {})
    monthly = IndicatorFactory(organisation=organisation, frequency=Frequency.MONTHLY)
    foreign = yearly_indicator(world_b.organisation, "Deras indikator", "st", {})
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_core_indicator_sources(
            organisation,
            {
                "energy": {"a_indicator": energy, "b_indicator": energy},
                "water": {"b_indicator": energy},
                "waste": {"a_indicator": monthly},
                "emissions": {"a_indicator": foreign},
                "material": {"a_indicator": energy},  # valid on its own
            },
        )
    assert messages_of(error) == {
        "energy-b_indicator": ["A and B cannot be the same indicator."],
        "water-a_indicator": ["Choose the indicator that supplies A as well, or leave B empty."],
        "waste-a_indicator": [
            "Choose a yearly indicator: the core indicators use whole-year values of the whole organisation."
        ],
        "emissions-a_indicator": ["The indicator must belong to the same organisation."],
    }
    assert not CoreIndicatorSource.objects.exists()


def test_an_indicator_in_use_cannot_be_deleted(world_a):
    source = source_for(world_a.organisation)
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        guarded_delete(source.b_indicator)
    assert "Energy efficiency (EMAS core indicator)" in refusal.value.message


def test_the_validation_is_in_the_change_history(world_a):
    statement = services.validate(draft(world_a.organisation), **validation())
    record = ChangeRecord.objects.filter(object_id=str(statement.pk), action="update").latest("pk")
    assert record.organisation == world_a.organisation
    assert record.changes["verifier_name"] == ["", "Anna Revisor"]
    assert "content" not in record.changes  # the frozen content is not repeated in the history
    source = source_for(world_a.organisation)
    services.save_core_indicator_sources(world_a.organisation, {"energy": {"a_indicator": source.a_indicator}})
    assert ChangeRecord.objects.filter(object_id=str(source.pk), changes__has_key="b_indicator").exists()
