"""Procurement writes: flags from criteria, the status workflow (every allowed and refused
transition), contract follow-up outcomes raising nonconformities, delete refusals."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.actions import services as action_services
from hallbar.core.deletion import DeletionRefused
from hallbar.nonconformities.models import Nonconformity
from hallbar.nonconformities.queries import for_source
from hallbar.procurement import services
from hallbar.procurement.models import ContractCheck, CpvCode, Criterion, Procurement

from .factories import ContractCheckFactory, ProcurementFactory, procurement_for

pytestmark = pytest.mark.django_db
Status = Procurement.Status


def test_choosing_criteria_sets_the_flags_of_their_kinds(world_a):
    procurement = services.save_procurement(
        Procurement(organisation=world_a.organisation, title="Möbler", year=2025),
        cpv_codes=CpvCode.objects.filter(code="39100000"),
        criteria=Criterion.objects.filter(key__in=["chem-svhc-free", "innovation-functional"]),
    )
    assert procurement.environmental_requirements and procurement.innovation
    assert not procurement.social_requirements
    assert [code.code for code in procurement.cpv_codes.all()] == ["39100000"]


def test_a_flag_can_be_set_without_a_criterion(world_a):
    procurement = services.save_procurement(
        Procurement(organisation=world_a.organisation, title="Städ", year=2025, social_requirements=True), criteria=[]
    )
    assert procurement.social_requirements


def test_a_criterion_no_longer_in_the_library_cannot_be_newly_chosen_but_can_be_kept(world_a):
    criterion = Criterion.objects.get(key="food-organic")
    procurement = services.save_procurement(
        Procurement(organisation=world_a.organisation, title="Mat", year=2025), criteria=[criterion]
    )
    Criterion.objects.filter(pk=criterion.pk).update(in_library=False)
    criterion.refresh_from_db()
    services.save_procurement(procurement, criteria=[criterion])  # kept
    other = ProcurementFactory(organisation=world_a.organisation)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_procurement(other, criteria=[criterion])
    assert "No longer in the criteria library" in str(error.value.message_dict["criteria"])


def test_the_buying_unit_belongs_to_the_organisation_and_the_contract_does_not_end_before_it_starts(world_a, world_b):
    procurement = Procurement(
        organisation=world_a.organisation,
        responsible_unit=world_b.unit,
        title="Fel",
        year=2025,
        contract_start=date(2025, 5, 1),
        contract_end=date(2025, 4, 1),
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_procurement(procurement)
    assert set(error.value.message_dict) == {"responsible_unit", "contract_end"}


def test_a_new_procurement_is_planned_and_the_status_is_not_edited(world_a):
    with pytest.raises(ValidationError):
        services.save_procurement(
            Procurement(organisation=world_a.organisation, title="X", year=2025, status=Status.ENDED)
        )
    procurement = ProcurementFactory(organisation=world_a.organisation)
    procurement.status = Status.ADVERTISED
    with pytest.raises(ValidationError):
        services.save_procurement(procurement)


def ready(procurement, status):
    """Fill in what the guards of ``status`` ask for."""
    procurement.contracted_value_sek = Decimal(100)
    procurement.contract_start = date(2025, 1, 1)
    procurement.contract_end = date(2026, 1, 1)
    procurement.save()
    return procurement


ALLOWED = [(source, target) for source, targets in services.TRANSITIONS.items() for target in targets]
REFUSED = [(s, t) for s in Status.values for t in Status.values if (s, t) not in ALLOWED]


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_every_allowed_transition(world_a, source, target):
    procurement = ready(ProcurementFactory(organisation=world_a.organisation, status=source), target)
    services.change_status(procurement, target)
    procurement.refresh_from_db()
    assert procurement.status == target


@pytest.mark.parametrize(("source", "target"), REFUSED)
def test_every_refused_transition_says_why(world_a, source, target):
    procurement = ready(ProcurementFactory(organisation=world_a.organisation, status=source), target)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.change_status(procurement, target)
    assert "cannot become" in error.value.messages[0]
    procurement.refresh_from_db()
    assert procurement.status == source


def test_signing_needs_the_contracted_value_and_the_start(world_a):
    procurement = ProcurementFactory(organisation=world_a.organisation, status=Status.ADVERTISED)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.change_status(procurement, Status.CONTRACTED)
    assert error.value.messages == [
        "The procurement cannot become “Contract signed”: "
        "the contracted value is missing; the contract start is missing."
    ]


def test_ending_needs_the_end_date_and_every_outcome(world_a):
    procurement = ProcurementFactory(organisation=world_a.organisation, status=Status.CONTRACTED)
    ContractCheckFactory(procurement=procurement)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.change_status(procurement, Status.ENDED)
    assert error.value.messages == [
        "The procurement cannot become “Contract ended”: the contract end is missing; "
        "1 follow-up check still waits for its outcome."
    ]


def test_a_check_names_only_a_criterion_the_procurement_uses(world_a):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    check = ContractCheck(
        procurement=procurement,
        requirement="Kemikalier",
        criterion=Criterion.objects.get(key="chem-svhc-free"),
        method=ContractCheck.Method.SELF_DECLARATION,
        due_date=date(2025, 6, 1),
    )
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_check(check)
    assert error.value.message_dict == {"criterion": ["Choose a criterion the procurement uses."]}


def test_a_fulfilled_outcome_raises_nothing(world_a):
    check = procurement_for(world_a.organisation, world_a.unit).checks.get()
    assert services.record_outcome(check, outcome="fulfilled", checked_on=timezone.localdate()) is None
    check.refresh_from_db()
    assert check.outcome == "fulfilled"
    assert not for_source(check).exists()


def test_a_deviation_raises_a_contract_nonconformity_once(world_a):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    check = procurement.checks.get()
    user = world_a.user("editor")
    nonconformity = services.record_outcome(
        check, outcome="deviation", checked_on=timezone.localdate(), findings="Bara 10 % ekologiskt.", user=user
    )
    assert nonconformity.origin == Nonconformity.Origin.CONTRACT
    assert (nonconformity.organisation, nonconformity.responsible_unit) == (world_a.organisation, world_a.unit)
    assert list(for_source(check)) == [nonconformity]
    again = services.record_outcome(check, outcome="deviation", checked_on=timezone.localdate(), findings="Igen.")
    assert again == nonconformity


@pytest.mark.parametrize(
    ("status", "fields", "errors"),
    [
        (Status.ADVERTISED, {"outcome": "fulfilled", "checked_on": date(2025, 1, 1)}, {"outcome"}),
        (Status.CONTRACTED, {"outcome": "pending", "checked_on": date(2025, 1, 1)}, {"outcome"}),
        (Status.CONTRACTED, {"outcome": "fulfilled", "checked_on": None}, {"checked_on"}),
        (Status.CONTRACTED, {"outcome": "fulfilled", "checked_on": "future"}, {"checked_on"}),
        (Status.CONTRACTED, {"outcome": "deviation", "checked_on": date(2025, 1, 1), "findings": " "}, {"findings"}),
    ],
)
def test_refused_outcomes(world_a, status, fields, errors):
    check = ContractCheckFactory(procurement=ProcurementFactory(organisation=world_a.organisation, status=status))
    if fields["checked_on"] == "future":
        fields["checked_on"] = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.record_outcome(check, **fields)
    assert set(error.value.message_dict) == errors
    check.refresh_from_db()
    assert check.outcome == "pending"


def test_a_new_check_has_no_outcome(world_a):
    check = ContractCheckFactory.build(
        procurement=ProcurementFactory(organisation=world_a.organisation), outcome="fulfilled"
    )
    with pytest.raises(ValidationError):
        services.save_check(check)


def test_deleting_is_refused_while_checks_or_nonconformities_depend(world_a):
    procurement = procurement_for(world_a.organisation, world_a.unit)
    check = procurement.checks.get()
    with pytest.raises(DeletionRefused):
        services.delete_procurement(procurement)
    services.record_outcome(check, outcome="deviation", checked_on=timezone.localdate(), findings="Fel.")
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete_check(check)
    assert "a nonconformity was raised from it" in refusal.value.message


def test_a_check_and_then_the_procurement_can_be_deleted(world_a):
    check = ContractCheckFactory(procurement=ProcurementFactory(organisation=world_a.organisation))
    procurement = check.procurement
    services.delete_check(check)
    services.delete_procurement(procurement)
    assert not Procurement.objects.filter(pk=procurement.pk).exists()


def test_deleting_is_refused_while_actions_follow_the_procurement_up(world_a):
    procurement = ProcurementFactory(organisation=world_a.organisation)
    action_services.create_action(organisation=world_a.organisation, title="Ny upphandling", reason=procurement)
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete_procurement(procurement)
    assert "cannot be deleted because actions follow it up" in refusal.value.message
