"""Factories for networks (kept with the network tests)."""

from hallbar.networks import services
from hallbar.networks.models import Network, NetworkMembership
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory, indicator_for


def network_for(organisation, name="Länets kommuner") -> Network:
    """A network managed by ``organisation`` (its first active member); reused."""
    network = Network.objects.filter(organisation=organisation, name=name).first()
    if network is not None:
        return network
    return services.create_network(Network(organisation=organisation, name=name, description="Samverkan"))


def member(network, organisation) -> NetworkMembership:
    """``organisation`` invited to ``network`` and accepted."""
    (membership,) = services.invite(network, [organisation]) or [
        NetworkMembership.objects.get(network=network, organisation=organisation)
    ]
    if membership.status == NetworkMembership.Status.INVITED:
        services.accept(membership)
    return membership


def shared_indicator_for(organisation, unit=None):
    """The organisation's emission indicator shared with its own network; returns the SharedIndicator."""
    network = network_for(organisation)
    membership = NetworkMembership.objects.get(network=network, organisation=organisation)
    indicator = indicator_for(organisation, unit)
    services.save_sharing(membership, [indicator])
    return membership.shared_indicators.get(indicator=indicator)


def indicator_with_values(organisation, values: dict, **fields):
    indicator = IndicatorFactory(organisation=organisation, **fields)
    for year, value in values.items():
        IndicatorValueFactory(indicator=indicator, year=year, value=value)
    return indicator
