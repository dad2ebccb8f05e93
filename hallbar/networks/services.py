"""Every write of the networks: setting one up, invitations and their answers, leaving, and what a member
shares. Who may call which function is checked by the views (the network's owner manages it, each member
answers its own invitation and chooses what it shares); the rules of the states are here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.indicators.models import Indicator

from .models import Network, NetworkMembership, SharedIndicator

Status = NetworkMembership.Status


@transaction.atomic
def create_network(network: Network, *, user=None) -> Network:
    """Save a new network; its organisation is its first, active member."""
    network.full_clean()
    network.save()
    NetworkMembership.objects.create(
        network=network,
        organisation=network.organisation,
        status=Status.ACTIVE,
        invited_by=user,
        joined_at=timezone.now(),
    )
    return network


def save_network(network: Network) -> Network:
    network.full_clean()
    network.save()
    return network


@transaction.atomic
def invite(network: Network, organisations, *, user=None) -> list[NetworkMembership]:
    """Invite organisations; those already invited or members are skipped, those who left are invited again."""
    invited = []
    for organisation in organisations:
        if not organisation.is_active:
            raise ValidationError(_("%(organisation)s is not active in Hållbar.") % {"organisation": organisation})
        membership = NetworkMembership.objects.filter(network=network, organisation=organisation).first()
        if membership is None:
            membership = NetworkMembership(network=network, organisation=organisation, invited_by=user)
        elif membership.status == Status.LEFT:
            membership.status, membership.invited_by, membership.joined_at = Status.INVITED, user, None
        else:
            continue
        membership.save()
        invited.append(membership)
    return invited


def accept(membership: NetworkMembership) -> NetworkMembership:
    if membership.status != Status.INVITED:
        raise ValidationError(_("There is no open invitation to this network."))
    membership.status, membership.joined_at = Status.ACTIVE, timezone.now()
    membership.save()
    return membership


def decline(membership: NetworkMembership) -> None:
    if membership.status != Status.INVITED:
        raise ValidationError(_("There is no open invitation to this network."))
    membership.delete()


@transaction.atomic
def leave(membership: NetworkMembership) -> NetworkMembership:
    """The member leaves (or is removed): it stops sharing anything with the network at once."""
    if membership.organisation_id == membership.network.organisation_id:
        raise ValidationError(_("The organisation that manages the network cannot leave it."))
    if membership.status == Status.LEFT:
        return membership
    for share in membership.shared_indicators.all():
        share.delete()
    membership.status = Status.LEFT
    membership.save()
    return membership


@transaction.atomic
def save_sharing(membership: NetworkMembership, indicators, *, user=None) -> tuple[int, int]:
    """Share exactly ``indicators`` with the network; returns (newly shared, no longer shared)."""
    if membership.status != Status.ACTIVE:
        raise ValidationError(_("Only members share indicators with the network."))
    wanted = {indicator.pk: indicator for indicator in indicators}
    foreign = [i for i in wanted.values() if i.organisation_id != membership.organisation_id]
    if foreign:
        raise ValidationError(_("Only the member's own indicators can be shared."))
    current = {share.indicator_id: share for share in membership.shared_indicators.all()}
    removed = [share for pk, share in current.items() if pk not in wanted]
    for share in removed:
        share.delete()
    added = 0
    for pk in wanted.keys() - current.keys():
        share = SharedIndicator(membership=membership, indicator=wanted[pk], shared_by=user)
        share.full_clean()
        share.save()
        added += 1
    return added, len(removed)


def shareable_indicators(membership: NetworkMembership):
    return Indicator.objects.filter(organisation_id=membership.organisation_id).order_by("title", "pk")
