"""The independence rule: nobody audits their own unit, nor a unit above or below it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.audits import independence, services, workflow
from hallbar.audits.models import Audit
from tests.factories import MembershipFactory, UnitFactory, UserFactory

from .factories import AuditFactory, ChecklistItemFactory, clauses


def member_of(world, unit, **fields):
    user = UserFactory(full_name=fields.pop("full_name", "Kim Granskare"))
    MembershipFactory(
        user=user, organisation=world.organisation, unit=unit, role=fields.pop("role", Role.EDITOR), **fields
    )
    return user


def plan(programme, *, lead=None, units=(), team=()):
    return services.create_audit(
        programme=programme,
        title="Revision av förvaltningen",
        planned_start=date(2026, 5, 1),
        lead_auditor=lead,
        units=units,
        team=team,
        clauses=clauses("9.2"),
    )


@pytest.mark.parametrize(
    ("own", "audited", "expected"),
    [
        ("administration", "administration", "Kim Granskare cannot audit A förvaltning: it is their own unit."),
        (
            "unit",
            "administration",
            "Kim Granskare cannot audit A förvaltning: they belong to A enhet, which is part of A förvaltning.",
        ),
        (
            "committee",
            "administration",
            "Kim Granskare cannot audit A förvaltning: they belong to A nämnd, which A förvaltning is part of.",
        ),
    ],
)
def test_own_unit_and_units_above_or_below_are_refused(own, audited, expected, world_a, programme):
    lead = member_of(world_a, getattr(world_a, own))
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        plan(programme, lead=lead, units=[getattr(world_a, audited)])
    assert refusal.value.message_dict == {"lead_auditor": [f"{expected} Auditors may not audit their own work."]}
    assert not Audit.objects.exists()


def test_team_members_are_checked_too_and_every_conflict_is_named(world_a, programme, auditor):
    colleague = member_of(world_a, world_a.unit, full_name="Sam Kollega")
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        plan(programme, lead=auditor, units=[world_a.administration, world_a.unit], team=[colleague])
    assert set(refusal.value.message_dict) == {"team"}
    messages = refusal.value.message_dict["team"]
    assert len(messages) == 2 and all(message.startswith("Sam Kollega cannot audit") for message in messages)
    assert "A enhet: it is their own unit." in messages[1]


def test_other_units_organisation_wide_and_inactive_memberships_are_independent(world_a, programme, auditor):
    sibling_member = member_of(world_a, world_a.sibling, full_name="Från annan förvaltning")
    moved = member_of(world_a, world_a.unit, full_name="Har bytt enhet", is_active=False)
    MembershipFactory(user=moved, organisation=world_a.organisation, unit=world_a.sibling, role=Role.READER)
    audit = plan(programme, lead=auditor, units=[world_a.administration], team=[sibling_member, moved])
    assert audit.lead_auditor == auditor and set(audit.team.all()) == {sibling_member, moved}
    # Without units the audit covers the organisation as a whole: no unit to conflict with.
    editor = world_a.user(Role.EDITOR)  # editor of the administration
    assert plan(programme, lead=editor).lead_auditor == editor


def test_conflicts_lists_every_pair(world_a):
    person = member_of(world_a, world_a.administration)
    found = independence.conflicts(world_a.organisation.pk, [person, None], [world_a.unit, world_a.sibling])
    assert [(c.person, c.audited, c.own) for c in found] == [(person, world_a.unit, world_a.administration)]
    assert independence.conflicts(world_a.organisation.pk, [person], []) == []


def test_a_unit_moved_into_an_auditors_subtree_is_caught_when_the_audit_starts(world_a, programme, auditor):
    colleague = member_of(world_a, world_a.sibling, full_name="Sam Kollega")
    new_unit = UnitFactory(organisation=world_a.organisation, parent=world_a.administration, name="Nya enheten")
    audit = plan(programme, lead=auditor, units=[new_unit], team=[colleague])
    new_unit.parent = world_a.sibling
    new_unit.save()
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        workflow.transition(audit, "start")
    assert refusal.value.messages == [
        "The audit cannot be started: Sam Kollega cannot audit Nya enheten: they belong to A annan förvaltning, "
        "which Nya enheten is part of. Auditors may not audit their own work."
    ]


def test_editing_the_team_is_checked(world_a, programme, auditor):
    audit = AuditFactory(programme=programme, lead_auditor=auditor)
    ChecklistItemFactory(audit=audit)
    services.save_audit(audit, units=[world_a.unit])
    with pytest.raises(ValidationError) as refusal:
        services.save_audit(audit, team=[member_of(world_a, world_a.committee)])
    assert "team" in refusal.value.message_dict
    assert list(audit.team.all()) == []
