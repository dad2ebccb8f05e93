"""Invitations, acceptance, leaving and the sharing rules."""

import pytest
from django.core.exceptions import ValidationError

from hallbar.history.models import ChangeRecord
from hallbar.networks import services
from hallbar.networks.models import NetworkMembership, SharedIndicator
from tests.factories import OrganisationFactory

from .factories import indicator_with_values, member, network_for

Status = NetworkMembership.Status


def test_the_managing_organisation_is_the_first_active_member(world_a):
    network = network_for(world_a.organisation)
    (membership,) = network.memberships.all()
    assert (membership.organisation, membership.status) == (world_a.organisation, Status.ACTIVE)
    assert membership.joined_at is not None


def test_invitation_then_acceptance(world_a, world_b):
    network = network_for(world_a.organisation)
    (invited,) = services.invite(network, [world_b.organisation], user=world_a.user("coordinator"))
    assert invited.status == Status.INVITED and invited.joined_at is None
    assert services.invite(network, [world_b.organisation]) == []  # invited twice: nothing new
    services.accept(invited)
    invited.refresh_from_db()
    assert invited.status == Status.ACTIVE and invited.joined_at is not None
    with pytest.raises(ValidationError, match="no open invitation"):
        services.accept(invited)


def test_declining_removes_the_invitation(world_a, world_b):
    network = network_for(world_a.organisation)
    (invited,) = services.invite(network, [world_b.organisation])
    services.decline(invited)
    assert not network.memberships.filter(organisation=world_b.organisation).exists()


def test_an_organisation_that_left_can_be_invited_again(world_a, world_b):
    network = network_for(world_a.organisation)
    membership = member(network, world_b.organisation)
    services.leave(membership)
    assert membership.status == Status.LEFT
    (again,) = services.invite(network, [world_b.organisation])
    assert again.pk == membership.pk and again.status == Status.INVITED and again.joined_at is None


def test_an_inactive_organisation_cannot_be_invited(world_a):
    network = network_for(world_a.organisation)
    with pytest.raises(ValidationError, match="not active"):
        services.invite(network, [OrganisationFactory(is_active=False)])


def test_the_managing_organisation_cannot_leave(world_a):
    network = network_for(world_a.organisation)
    with pytest.raises(ValidationError, match="cannot leave"):
        services.leave(network.memberships.get())


def test_sharing_adds_and_removes_exactly_the_chosen_indicators(world_a):
    network = network_for(world_a.organisation)
    membership = network.memberships.get()
    first = indicator_with_values(world_a.organisation, {2022: 1.0})
    second = indicator_with_values(world_a.organisation, {2022: 2.0})
    assert services.save_sharing(membership, [first, second]) == (2, 0)
    assert services.save_sharing(membership, [second]) == (0, 1)
    assert list(membership.shared_indicators.values_list("indicator", flat=True)) == [second.pk]


def test_only_own_indicators_can_be_shared(world_a, world_b):
    network = network_for(world_a.organisation)
    foreign = indicator_with_values(world_b.organisation, {2022: 1.0})
    with pytest.raises(ValidationError, match="own indicators"):
        services.save_sharing(network.memberships.get(), [foreign])
    assert not SharedIndicator.objects.exists()


def test_an_invited_organisation_shares_nothing_until_it_accepts(world_a, world_b):
    network = network_for(world_a.organisation)
    (invited,) = services.invite(network, [world_b.organisation])
    with pytest.raises(ValidationError, match="Only members"):
        services.save_sharing(invited, [indicator_with_values(world_b.organisation, {2022: 1.0})])


def test_leaving_stops_every_share(world_a, world_b):
    network = network_for(world_a.organisation)
    membership = member(network, world_b.organisation)
    services.save_sharing(membership, [indicator_with_values(world_b.organisation, {2022: 1.0})])
    services.leave(membership)
    assert not membership.shared_indicators.exists()


def test_changes_are_recorded_in_the_history(world_a, world_b):
    network = network_for(world_a.organisation)
    membership = member(network, world_b.organisation)
    services.save_sharing(membership, [indicator_with_values(world_b.organisation, {2022: 1.0})])
    records = ChangeRecord.objects.filter(content_type__app_label="networks")
    assert records.filter(organisation=world_a.organisation, content_type__model="network", action="create").exists()
    assert records.filter(
        organisation=world_b.organisation, content_type__model="networkmembership", action="update"
    ).exists()  # accepted
    assert records.filter(
        organisation=world_b.organisation, content_type__model="sharedindicator", action="create"
    ).exists()
