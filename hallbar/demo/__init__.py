"""A realistic demo installation: Linköpings kommun with units, people, a followed-up programme, its
management system, its procurement, chemicals screening and consumption footprint, its climate budget, and
its public portal, citizen dialogue, good examples, a network with three neighbouring municipalities and
an approved annual report.

Idempotent: running it again leaves an existing demo as it is and prints the logins.
"""

from django.db import transaction

from hallbar.accounts.models import User
from hallbar.history.context import acting_as
from hallbar.organisations.models import Organisation

from .climate import build_climate_budget
from .follow_up import build_follow_up
from .management_system import build_management_system
from .organisation import DEMO_DOMAIN, DEMO_PASSWORD, build_organisation
from .purchasing import build_purchasing
from .sharing import build_sharing

__all__ = ["DEMO_PASSWORD", "build_demo"]


@transaction.atomic
def build_demo() -> list[tuple[str, str, str]]:
    """Create the demo; returns (e-mail, role, where) for every login."""
    logins = build_organisation()
    organisation = Organisation.objects.get(official_code="0580")
    people = {user.email.split("@")[0]: user for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    with acting_as(people["samordnare"]):
        build_follow_up(organisation, people)
        build_management_system(organisation, people)
        build_purchasing(organisation, people)
        build_climate_budget(organisation, people)
        logins += build_sharing(organisation, people)
    return logins
