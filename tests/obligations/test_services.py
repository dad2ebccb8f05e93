"""The evaluation rules: next dates, which result raises what, the guards, and the obligation's links."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from hallbar.accounts.roles import Role
from hallbar.core.deletion import DeletionRefused
from hallbar.documents.queries import evidence_for
from hallbar.history.models import ChangeRecord
from hallbar.nonconformities.models import Nonconformity
from hallbar.nonconformities.queries import for_source
from hallbar.obligations import services
from hallbar.obligations.models import Evaluation, Obligation
from tests.aspects.factories import AspectFactory
from tests.context.factories import InterestedPartyFactory
from tests.factories import UserFactory

from .factories import EvaluationFactory, ObligationFactory

Result = Evaluation.Result
TODAY = timezone.localdate


def pdf(name="protokoll.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", content_type="application/pdf")


def new_obligation(world, **fields):
    data = {
        "organisation": world.organisation,
        "title": "Avfallshantering",
        "kind": Obligation.Kind.ORDINANCE,
        "reference": "SFS 2020:614 Avfallsförordningen",
        "summary": "Vi ska sortera avfallet i de fraktioner förordningen kräver.",
        "responsible_unit": world.unit,
        **fields,
    }
    return services.create_obligation(**data)


def evaluate(obligation, world, result=Result.MET, **fields):
    fields.setdefault("findings", "" if result == Result.MET else "Sorteringen saknas i köket.")
    return services.record_evaluation(obligation, evaluator=world.user(Role.EDITOR), result=result, **fields)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
        (date(2025, 3, 31), 12, date(2026, 3, 31)),
        (date(2025, 5, 31), 24, date(2027, 5, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert services.add_months(day, months) == expected


def test_a_new_obligation_is_due_one_interval_from_today(world_a):
    obligation = new_obligation(world_a, evaluation_interval_months=6, applies_to_units=[world_a.unit])
    assert obligation.next_evaluation_date == services.add_months(TODAY(), 6)
    assert list(obligation.applies_to_units.all()) == [world_a.unit]
    assert obligation.last_result == "" and obligation.last_evaluated_on is None
    given = new_obligation(world_a, title="Givet datum", next_evaluation_date=date(2030, 1, 1))
    assert given.next_evaluation_date == date(2030, 1, 1)
    repealed = new_obligation(world_a, title="Upphävd", status=Obligation.Status.REPEALED)
    assert repealed.next_evaluation_date is None
    assert ChangeRecord.objects.filter(object_id=str(obligation.pk), action="create").exists()


def test_links_must_belong_to_the_organisation(world_a, world_b):
    from tests.factories import MembershipFactory

    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            new_obligation(world_a, applies_to_units=[world_a.unit, world_b.unit])
        assert "These belong to another organisation: “B enhet”." in error.value.message_dict["applies_to_units"]
        with pytest.raises(ValidationError) as error:
            new_obligation(world_a, responsible_unit=world_b.unit)
        assert "responsible_unit" in error.value.message_dict
        outsider = MembershipFactory(organisation=world_b.organisation).user
        with pytest.raises(ValidationError) as error:
            new_obligation(world_a, responsible_person=outsider)
        assert error.value.message_dict["responsible_person"] == [
            "The responsible person must be a member of the organisation."
        ]
        with pytest.raises(ValidationError) as error:
            new_obligation(world_a, evaluation_interval_months=0)
        assert "evaluation_interval_months" in error.value.message_dict
    assert not Obligation.objects.exists()


def test_interested_party_and_aspects_of_another_organisation_are_refused(world_a, world_b):
    own_party = InterestedPartyFactory(organisation=world_a.organisation)
    own_aspect = AspectFactory(activity__organisation=world_a.organisation)
    obligation = new_obligation(world_a, interested_party=own_party, aspects=[own_aspect])
    assert obligation.interested_party == own_party and list(obligation.aspects.all()) == [own_aspect]
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            new_obligation(
                world_a, title="Annat", interested_party=InterestedPartyFactory(organisation=world_b.organisation)
            )
        assert error.value.message_dict["interested_party"] == [
            "The interested party must belong to the same organisation."
        ]
        foreign = AspectFactory(activity__organisation=world_b.organisation, name="B:s utsläpp")
        with pytest.raises(ValidationError) as error:
            services.update_obligation(obligation, aspects=[own_aspect, foreign])
        assert error.value.message_dict["aspects"] == ["These belong to another organisation: “B:s utsläpp”."]
    assert list(obligation.aspects.all()) == [own_aspect]


def test_update_changes_fields_and_links(world_a):
    obligation = new_obligation(world_a, applies_to_units=[world_a.unit])
    services.update_obligation(obligation, title="Nytt namn", applies_to_units=[world_a.sibling])
    obligation.refresh_from_db()
    assert obligation.title == "Nytt namn" and list(obligation.applies_to_units.all()) == [world_a.sibling]
    services.update_obligation(obligation, status=Obligation.Status.REPEALED)
    assert list(obligation.applies_to_units.all()) == [world_a.sibling]  # links not given stay


def test_a_met_evaluation_moves_the_obligation(world_a):
    obligation = new_obligation(world_a, evaluation_interval_months=12)
    day = TODAY() - timedelta(days=10)
    evaluation = evaluate(obligation, world_a, date=day)
    obligation.refresh_from_db()
    assert evaluation.next_evaluation_date == services.add_months(day, 12)
    assert (obligation.last_result, obligation.last_evaluated_on) == (Result.MET, day)
    assert obligation.next_evaluation_date == evaluation.next_evaluation_date
    assert not for_source(evaluation).exists()
    assert ChangeRecord.objects.filter(object_id=str(evaluation.pk), action="create").exists()


def test_an_explicit_next_date_is_kept(world_a):
    obligation = new_obligation(world_a)
    evaluation = evaluate(obligation, world_a, next_evaluation_date=TODAY() + timedelta(days=40))
    obligation.refresh_from_db()
    assert evaluation.next_evaluation_date == obligation.next_evaluation_date == TODAY() + timedelta(days=40)


def test_an_earlier_evaluation_is_history_only(world_a):
    obligation = new_obligation(world_a)
    latest = evaluate(obligation, world_a, result=Result.PARTLY, date=TODAY() - timedelta(days=5))
    evaluate(obligation, world_a, result=Result.MET, date=TODAY() - timedelta(days=400))
    obligation.refresh_from_db()
    assert obligation.last_result == Result.PARTLY
    assert obligation.next_evaluation_date == latest.next_evaluation_date
    evaluate(obligation, world_a, result=Result.MET, date=TODAY() - timedelta(days=5))  # same day: the newer counts
    obligation.refresh_from_db()
    assert obligation.last_result == Result.MET


def test_not_met_raises_a_major_nonconformity_once(world_a):
    obligation = new_obligation(world_a)
    recorder = world_a.user(Role.COORDINATOR)
    with translation.override("en"):
        evaluation = evaluate(obligation, world_a, result=Result.NOT_MET, findings="Ingen kemikalieförteckning.")
    nonconformity = for_source(evaluation).get()
    assert nonconformity.origin == Nonconformity.Origin.COMPLIANCE
    assert nonconformity.severity == Nonconformity.Severity.MAJOR
    assert nonconformity.responsible_unit == world_a.unit
    assert nonconformity.organisation == world_a.organisation
    assert nonconformity.title == "Not met: Avfallshantering"
    assert nonconformity.description == "Ingen kemikalieförteckning."
    assert nonconformity.reported_by == world_a.user(Role.EDITOR)  # the evaluator, when nobody else recorded it
    again = services.raise_nonconformity_for(evaluation, reported_by=recorder)
    assert again == nonconformity and for_source(evaluation).count() == 1


def test_the_recorder_reports_the_nonconformity(world_a):
    obligation = new_obligation(world_a)
    recorder = world_a.user(Role.COORDINATOR)
    evaluation = evaluate(obligation, world_a, result=Result.NOT_MET, recorded_by=recorder)
    assert for_source(evaluation).get().reported_by == recorder


def test_partly_met_offers_a_minor_nonconformity(world_a):
    obligation = new_obligation(world_a)
    evaluation = evaluate(obligation, world_a, result=Result.PARTLY)
    assert services.may_raise_nonconformity(evaluation)
    assert not for_source(evaluation).exists()  # offered, not raised
    nonconformity = services.raise_nonconformity_for(evaluation, reported_by=world_a.user(Role.EDITOR))
    assert nonconformity.severity == Nonconformity.Severity.MINOR
    assert services.raise_nonconformity_for(evaluation) == nonconformity


def test_met_gives_no_nonconformity(world_a):
    evaluation = evaluate(new_obligation(world_a), world_a)
    assert not services.may_raise_nonconformity(evaluation)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.raise_nonconformity_for(evaluation)
    assert error.value.messages == ["A requirement that is met gives no nonconformity."]
    assert not Nonconformity.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"result": Result.PARTLY, "findings": " "}, "findings", "Describe what is not met."),
        ({"result": Result.NOT_MET, "findings": ""}, "findings", "Describe what is not met."),
        ({"date": "future"}, "date", "The date of an evaluation cannot be in the future."),
        ({"next_evaluation_date": "past"}, "next_evaluation_date", "The next evaluation must be after this one."),
    ],
)
def test_refused_evaluations(world_a, fields, field, message):
    obligation = new_obligation(world_a)
    if fields.get("date") == "future":
        fields["date"] = TODAY() + timedelta(days=1)
    if fields.get("next_evaluation_date") == "past":
        fields["next_evaluation_date"] = TODAY() - timedelta(days=1)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.record_evaluation(obligation, evaluator=world_a.user(Role.EDITOR), **{"result": Result.MET, **fields})
    assert error.value.message_dict[field] == [message]
    assert not Evaluation.objects.exists() and not Nonconformity.objects.exists()


def test_the_evaluator_must_be_a_member(world_a):
    obligation = new_obligation(world_a)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.record_evaluation(obligation, evaluator=UserFactory(), result=Result.MET)
    assert error.value.message_dict["evaluator"] == ["The evaluator must be a member of the organisation."]


def test_a_repealed_obligation_is_not_evaluated(world_a):
    obligation = new_obligation(world_a, status=Obligation.Status.REPEALED)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        evaluate(obligation, world_a)
    assert error.value.messages == ["A repealed obligation is not evaluated. Make it active again first."]
    services.update_obligation(obligation, status=Obligation.Status.ACTIVE)
    assert obligation.next_evaluation_date == services.add_months(TODAY(), 12)  # active again: due in an interval
    evaluate(obligation, world_a)


def test_evidence_is_attached_and_checked_first(world_a):
    obligation = new_obligation(world_a)
    evaluation = evaluate(obligation, world_a, evidence=[pdf()], recorded_by=world_a.user(Role.COORDINATOR))
    stored = evidence_for(evaluation).get()
    assert stored.original_name == "protokoll.pdf" and stored.uploaded_by == world_a.user(Role.COORDINATOR)
    with pytest.raises(ValidationError):
        evaluate(obligation, world_a, evidence=[SimpleUploadedFile("virus.exe", b"MZ")])
    assert Evaluation.objects.count() == 1


def test_a_new_evaluation_clears_the_reminder(world_a):
    obligation = new_obligation(world_a)
    services.mark_reminded([obligation.pk])
    obligation.refresh_from_db()
    assert obligation.overdue_reminded_at is not None
    evaluate(obligation, world_a)
    obligation.refresh_from_db()
    assert obligation.overdue_reminded_at is None


def test_an_evaluated_obligation_cannot_be_deleted(world_a):
    evaluated = EvaluationFactory(
        obligation__organisation=world_a.organisation, obligation__title="Bullerkrav"
    ).obligation
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete_obligation(evaluated)
    assert "Bullerkrav cannot be deleted because other records depend on it: 1 compliance evaluation" in (
        refusal.value.message
    )
    fresh = ObligationFactory(organisation=world_a.organisation)
    services.delete_obligation(fresh)
    assert list(Obligation.objects.all()) == [evaluated]
