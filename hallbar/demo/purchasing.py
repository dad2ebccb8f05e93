"""The demo's sustainable consumption and procurement: the procurement register with contract follow-up
and the national comparison (:mod:`.procurement`), the toxic-free screening (:mod:`.chemicals`) and the
consumption footprint from a supplier-invoice ledger (:mod:`.ledger`). Each part is added once."""

from hallbar.organisations.models import Organisation, OrganisationUnit

from .chemicals import build_chemicals
from .ledger import build_ledger
from .ledger import content as ledger_content
from .procurement import build_national_statistics, build_procurement
from .story import Demo


def build_purchasing(organisation: Organisation, people: dict) -> None:
    demo = Demo(
        organisation=organisation,
        people=people,
        units={unit.name: unit for unit in OrganisationUnit.objects.filter(organisation=organisation)},
        goals={},
    )
    build_national_statistics()
    build_procurement(demo, ledger_content()["suppliers"])
    build_chemicals(demo)
    build_ledger(demo)
