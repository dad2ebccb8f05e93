"""Three more Östergötland municipalities for the good examples and the network, kept small: set up from
the official list like any organisation, one coordinator each (a demo login), a unit or two, and their
indicators: territorial emissions linked to Kolada's N07702 and filled by the Kolada sync (SMHI's real
figures, stored as Kolada values by :mod:`.follow_up`), and illustrative yearly values of another measure."""

from dataclasses import dataclass, field

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.history.context import acting_as
from hallbar.indicators.models import Indicator
from hallbar.indicators.services import record_value
from hallbar.kolada.sync import sync_indicator_values
from hallbar.organisations.models import Municipality, Organisation, OrganisationUnit
from hallbar.organisations.services import create_organisation

from .follow_up import DEMO_SOURCE, EMISSIONS_KPI, SMHI
from .organisation import build_units, demo_user

# Illustrative measures a neighbour may have, matched in the network panel by title and unit with Linköping's.
MEASURES = {
    "organic": dict(
        title="Andel ekologiska livsmedel i kommunens måltider", unit="%", direction=Indicator.Direction.INCREASE
    ),
    "chemicals": dict(
        title="Andel förskolor med genomförd kemikalieinventering", unit="%", direction=Indicator.Direction.INCREASE
    ),
}


@dataclass
class Neighbour:
    organisation: Organisation
    coordinator: object  # the User who acts for the municipality in the demo
    units: dict  # name → unit
    indicators: list = field(default_factory=list)


def _indicator(organisation: Organisation, **fields) -> Indicator:
    indicator = Indicator(organisation=organisation, **fields)
    indicator.full_clean()
    indicator.save()
    return indicator


def _indicators(organisation: Organisation, spec: dict) -> None:
    """Made once: territorial emissions from the Kolada values, and the illustrative measures' values."""
    if Indicator.objects.filter(organisation=organisation).exists():
        return
    _indicator(
        organisation,
        title=spec["territorial_title"],
        unit="ton CO2e",
        direction=Indicator.Direction.DECREASE,
        source=SMHI,
        kolada_kpi=EMISSIONS_KPI,
    )
    sync_indicator_values(organisation, [EMISSIONS_KPI])
    for key, measure in MEASURES.items():
        if key not in spec:
            continue
        indicator = _indicator(organisation, source=DEMO_SOURCE, **measure)
        for year, value in spec[key].items():
            record_value(indicator, unit=None, year=year, period=0, value=value, source=DEMO_SOURCE)


def build_neighbours(specs: dict) -> tuple[dict[str, Neighbour], list[tuple[str, str, str]]]:
    """The municipalities by official code, and their coordinators' logins."""
    neighbours, logins = {}, []
    for code, spec in specs.items():
        local, name, title = spec["person"]
        coordinator = demo_user(local, name, title)
        with acting_as(coordinator):
            organisation = Organisation.objects.filter(official_code=code).first()
            if organisation is None:
                organisation = create_organisation(
                    Organisation.Kind.MUNICIPALITY, municipality=Municipality.objects.get(code=code)
                )
            Membership.objects.get_or_create(
                user=coordinator, organisation=organisation, unit=None, defaults={"role": Role.COORDINATOR}
            )
            build_units(organisation, [(unit, "unit", []) for unit in spec["units"]])
            _indicators(organisation, spec)
        units = {unit.name: unit for unit in OrganisationUnit.objects.filter(organisation=organisation)}
        neighbours[code] = Neighbour(organisation, coordinator, units, list(organisation.indicators.all()))
        logins.append((coordinator.email, str(Role.COORDINATOR.label), organisation.name))
    return neighbours, logins
