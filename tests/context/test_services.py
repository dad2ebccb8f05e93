"""The context rules: links within the organisation, web addresses, guarded deletes and every transition
of the scope versions (allowed and refused)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.actions.services import create_action
from hallbar.context import services
from hallbar.context.models import InterestedParty, ScanItem, ScopeStatement
from hallbar.core.deletion import DeletionRefused
from hallbar.history.models import ChangeRecord
from tests.plans.factories import GoalFactory

from .factories import InterestedPartyFactory, ScanItemFactory, party_for, scan_item_for, version

pytestmark = pytest.mark.django_db


def messages_of(error: ValidationError) -> dict:
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def refused(call, *args, **kwargs) -> dict:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return messages_of(caught.value)


# Interested parties -----------------------------------------------------------------------------------


def test_a_party_whose_needs_become_obligations_says_which(world_a):
    party = InterestedPartyFactory.build(organisation=world_a.organisation, is_compliance_obligation=True)
    errors = refused(services.save_party, party)
    assert errors == {"obligation_note": ["Say which of the needs become compliance obligations."]}
    party.obligation_note = "Bullerkrav i detaljplanen."
    assert services.save_party(party).pk is not None
    assert ChangeRecord.objects.filter(object_id=str(party.pk), action="create").exists()


def test_a_party_without_obligation_keeps_an_optional_note(world_a):
    party = InterestedPartyFactory.build(organisation=world_a.organisation, obligation_note="  ")
    assert services.save_party(party).obligation_note == ""


def test_responsible_unit_of_another_organisation_is_refused(world_a, world_b):
    party = InterestedPartyFactory.build(organisation=world_a.organisation, responsible_unit=world_b.unit)
    assert "responsible_unit" in refused(services.save_party, party)
    item = ScanItemFactory.build(organisation=world_a.organisation, responsible_unit=world_b.unit)
    assert "responsible_unit" in refused(services.save_scan_item, item)


# Scan items -------------------------------------------------------------------------------------------


def test_scan_item_goals_must_be_the_organisations(world_a, world_b):
    own, foreign = (
        GoalFactory(plan__organisation=world_a.organisation),
        GoalFactory(plan__organisation=world_b.organisation),
    )
    item = ScanItemFactory.build(organisation=world_a.organisation)
    errors = refused(services.save_scan_item, item, goals=[own, foreign])
    assert errors == {"goals": [f"These belong to another organisation: “{foreign}”."]}
    assert not ScanItem.objects.exists()
    services.save_scan_item(item, goals=[own])
    assert list(item.goals.all()) == [own]
    services.save_scan_item(item)  # goals not given: kept
    assert list(item.goals.all()) == [own]


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("https://www.naturvardsverket.se/rapport", True),
        ("http://example.se/a?b=1", True),
        ("ftp://example.se/file", False),
        ("javascript:alert(1)", False),
        ("not an address", False),
    ],
)
def test_source_address_is_a_web_address(address, valid, world_a):
    item = ScanItemFactory.build(organisation=world_a.organisation, source_url=address)
    if valid:
        assert services.save_scan_item(item).pk
    else:
        assert refused(services.save_scan_item, item) == {
            "source_url": ["Enter a web address starting with https:// or http://."]
        }


def test_date_noted_cannot_be_in_the_future(world_a):
    item = ScanItemFactory.build(organisation=world_a.organisation, noted_on=timezone.localdate() + timedelta(days=1))
    assert refused(services.save_scan_item, item) == {"noted_on": ["The date noted cannot be in the future."]}


def test_archiving_keeps_the_item(world_a):
    item = scan_item_for(world_a.organisation, world_a.unit)
    services.archive_scan_item(item)
    item.refresh_from_db()
    assert item.status == ScanItem.Status.ARCHIVED


# Deleting ---------------------------------------------------------------------------------------------


def test_deleting_what_an_action_refers_to_is_refused(world_a):
    item = scan_item_for(world_a.organisation, world_a.unit)
    create_action(organisation=world_a.organisation, title="Höj kantstenar", reason=item)
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete(item)
    assert refusal.value.message == (
        "Skyfall blir vanligare cannot be deleted because other records refer to it: 1 action: Höj kantstenar. "
        "Archive it instead."
    )
    assert ScanItem.objects.filter(pk=item.pk).exists()


def test_unreferenced_party_and_scan_item_are_deleted(world_a):
    party, item = party_for(world_a.organisation), scan_item_for(world_a.organisation)
    services.delete(party)
    services.delete(item)
    assert not InterestedParty.objects.exists() and not ScanItem.objects.exists()


# Scope versions: allowed transitions ------------------------------------------------------------------


def test_new_to_draft_then_draft_to_draft_in_place(world_a):
    draft = version(world_a.organisation, units=[world_a.unit])
    assert (draft.version, draft.is_approved, list(draft.units.all())) == (1, False, [world_a.unit])
    draft.text = "Hela kommunkoncernen."
    services.save_scope_statement(draft, units=[world_a.unit, world_a.sibling])
    draft.refresh_from_db()
    assert (draft.version, draft.text, draft.units.count()) == (1, "Hela kommunkoncernen.", 2)
    assert ScopeStatement.objects.count() == 1


def test_draft_to_approved(world_a):
    draft = version(world_a.organisation)
    draft.approved_by, draft.approved_on = "  Kommunfullmäktige ", date(2025, 2, 1)
    services.save_scope_statement(draft)
    draft.refresh_from_db()
    assert (draft.is_approved, draft.approved_by) == (True, "Kommunfullmäktige")


def test_new_to_approved_numbers_versions_per_organisation(world_a, world_b):
    first = version(world_a.organisation, approved_on=date(2024, 1, 10))
    second = version(world_a.organisation, approved_on=date(2025, 1, 10))
    other = version(world_b.organisation, approved_on=date(2025, 1, 10))
    assert (first.version, second.version, other.version) == (1, 2, 1)


def test_draft_is_discarded(world_a):
    version(world_a.organisation, approved_on=date(2025, 1, 1))
    draft = version(world_a.organisation)
    services.delete(draft)
    assert list(ScopeStatement.objects.values_list("version", flat=True)) == [1]


# Scope versions: refused transitions ------------------------------------------------------------------


def test_no_new_version_while_a_draft_exists(world_a):
    version(world_a.organisation)
    errors = refused(version, world_a.organisation, approved_on=date(2025, 1, 1))
    assert errors == {"__all__": ["Version 1 is a draft: change or approve it before writing another version."]}
    assert ScopeStatement.objects.count() == 1


@pytest.mark.parametrize("change", ["text", "unapprove"])
def test_an_approved_version_never_changes(change, world_a):
    approved = version(world_a.organisation, approved_on=date(2025, 1, 1))
    if change == "text":
        approved.text = "Något annat."
    else:
        approved.approved_by, approved.approved_on = "", None
    errors = refused(services.save_scope_statement, approved)
    assert errors == {
        "__all__": ["Version 1 is approved and is not changed: write a new version of the scope instead."]
    }
    approved.refresh_from_db()
    assert (approved.text, approved.is_approved) == ("Kommunens egen verksamhet.", True)


def test_an_approved_version_is_not_deleted(world_a):
    approved = version(world_a.organisation, approved_on=date(2025, 1, 1))
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete(approved)
    assert refusal.value.message == "Version 1 of the scope is approved: it is a record and is not deleted."
    assert ScopeStatement.objects.count() == 1


@pytest.mark.parametrize(
    ("approved_by", "approved_on", "errors"),
    [
        (
            "Kommunstyrelsen",
            None,
            {"approved_on": ["Give both who approved the scope and when, or neither (a draft)."]},
        ),
        ("", date(2025, 3, 1), {"approved_by": ["Give both who approved the scope and when, or neither (a draft)."]}),
        ("Kommunstyrelsen", "tomorrow", {"approved_on": ["The approval date cannot be in the future."]}),
        (
            "Kommunstyrelsen",
            date(2024, 12, 31),
            {
                "approved_on": [
                    "The current scope, version 1, was approved on 2025-01-01: a new version cannot be approved "
                    "before that."
                ]
            },
        ),
    ],
)
def test_approval_guards(approved_by, approved_on, errors, world_a):
    version(world_a.organisation, approved_on=date(2025, 1, 1))
    draft = version(world_a.organisation)
    if approved_on == "tomorrow":
        approved_on = timezone.localdate() + timedelta(days=1)
    draft.approved_by, draft.approved_on = approved_by, approved_on
    assert refused(services.save_scope_statement, draft) == errors
    assert not ScopeStatement.objects.get(pk=draft.pk).is_approved


def test_scope_units_must_be_the_organisations(world_a, world_b):
    errors = refused(version, world_a.organisation, units=[world_a.unit, world_b.unit])
    assert errors == {"units": [f"These belong to another organisation: “{world_b.unit}”."]}
    assert not ScopeStatement.objects.exists()
