"""The demo's sharing and reporting: Linköping's public portal (:mod:`.portal`) with citizen dialogue on
two goals (:mod:`.dialogue`), three more Östergötland municipalities (:mod:`.neighbours`) sharing good
examples (:mod:`.examples`) in a network with a shared indicator panel (:mod:`.network`), and the annual
report, generated and approved (:mod:`.reports`). Content in ``data/sharing.yaml``; each part is added once.
"""

from functools import cache

import yaml

from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import Goal

from .dialogue import build_dialogue
from .examples import build_examples
from .follow_up import DATA
from .neighbours import build_neighbours
from .network import build_network
from .portal import build_portal
from .reports import build_report
from .story import Demo


@cache
def content() -> dict:
    with open(DATA / "sharing.yaml", encoding="utf-8") as file:
        return yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def build_sharing(organisation: Organisation, people: dict) -> list[tuple[str, str, str]]:
    """Everything above; returns the neighbours' logins (e-mail, role, where)."""
    data = content()
    demo = Demo(
        organisation=organisation,
        people=people,
        units={unit.name: unit for unit in OrganisationUnit.objects.filter(organisation=organisation)},
        goals={goal.title: goal for goal in Goal.objects.filter(plan__organisation=organisation)},
    )
    build_portal(demo, data["portal"])
    build_dialogue(demo, data["dialogue"])
    neighbours, logins = build_neighbours(data["neighbours"])
    build_examples(demo, neighbours, data["examples"])
    build_network(demo, neighbours, data["network"])
    build_report(demo, data["report"])
    return logins
