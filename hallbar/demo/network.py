"""The network "Hållbart Östergötland": managed by Linköping, with Norrköping, Motala and Mjölby as
members (invited, then accepted) and the county administrative board invited. Every member shares its
territorial emissions (matched by Kolada's N07702 whatever their titles) and its illustrative measures
(matched by title and unit), so the panel compares them; the feed shows Linköping's publications, the
shared indicators and the members' good examples."""

from hallbar.history.context import acting_as
from hallbar.indicators.models import Indicator
from hallbar.networks import services as networks
from hallbar.networks.models import Network
from hallbar.organisations.models import Organisation

from .neighbours import Neighbour
from .story import Demo


def build_network(demo: Demo, neighbours: dict[str, Neighbour], spec: dict) -> None:
    """Once: nothing changes when Linköping manages a network of that name already."""
    if Network.objects.filter(organisation=demo.organisation, name=spec["name"]).exists():
        return
    coordinator = demo.people["samordnare"]
    network = networks.create_network(
        Network(organisation=demo.organisation, name=spec["name"], description=spec["description"]),
        user=coordinator,
    )
    invited = [neighbours[code].organisation for code in spec["members"]]
    if spec.get("invited_county_board"):
        invited += Organisation.objects.filter(
            kind=Organisation.Kind.COUNTY_BOARD, county=demo.organisation.county, is_active=True
        )
    networks.invite(network, invited, user=coordinator)
    own = network.memberships.get(organisation=demo.organisation)
    networks.save_sharing(
        own,
        Indicator.objects.filter(organisation=demo.organisation, title__in=spec["shared_by_linkoping"]),
        user=coordinator,
    )
    for code in spec["members"]:
        neighbour = neighbours[code]
        with acting_as(neighbour.coordinator):
            membership = networks.accept(network.memberships.get(organisation=neighbour.organisation))
            networks.save_sharing(membership, neighbour.indicators, user=neighbour.coordinator)
