"""The demo organisation: Linköpings kommun with a unit tree and one user per role, and a county board.

Idempotent: running it again leaves an existing demo as it is and prints the logins.
"""

from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction

from hallbar.accounts.models import Membership, User
from hallbar.accounts.roles import Role
from hallbar.history.context import acting_as
from hallbar.organisations.models import County, Municipality, Organisation, OrganisationUnit
from hallbar.organisations.services import create_organisation

DEMO_PASSWORD = "hallbar-demo-2026"
DEMO_DOMAIN = "demo.hallbar.se"

# (name, kind, children)
UNIT_TREE = [
    (
        "Kommunstyrelsen",
        "committee",
        [
            (
                "Kommunledningsförvaltningen",
                "administration",
                [
                    ("Hållbarhetsenheten", "unit", []),
                    ("Upphandlingsenheten", "unit", []),
                    ("Ekonomienheten", "unit", []),
                ],
            ),
        ],
    ),
    (
        "Miljö- och samhällsbyggnadsnämnden",
        "committee",
        [
            (
                "Miljö- och samhällsbyggnadsförvaltningen",
                "administration",
                [
                    ("Miljökontoret", "unit", []),
                    ("Plankontoret", "unit", []),
                ],
            ),
        ],
    ),
    (
        "Barn- och ungdomsnämnden",
        "committee",
        [
            (
                "Utbildningsförvaltningen",
                "administration",
                [
                    ("Förskoleenheten", "unit", []),
                    ("Måltidsservice", "unit", []),
                ],
            ),
        ],
    ),
    (
        "Äldrenämnden",
        "committee",
        [
            ("Vård- och omsorgsförvaltningen", "administration", []),
        ],
    ),
    (
        "Tekniska nämnden",
        "committee",
        [
            (
                "Tekniska förvaltningen",
                "administration",
                [
                    ("Fastighetsenheten", "unit", []),
                    ("Gata och park", "unit", []),
                ],
            ),
        ],
    ),
    (
        "Linköpings Stadshus AB",
        "company",
        [
            ("Tekniska verken i Linköping AB", "company", []),
            ("AB Stångåstaden", "company", []),
        ],
    ),
]

# (e-mail local part, name, title, role, unit name or None)
PEOPLE = [
    ("admin", "Alva Administratör", "Systemförvaltare", Role.ADMINISTRATOR, None),
    ("samordnare", "Sam Samordnare", "Hållbarhetsstrateg", Role.COORDINATOR, None),
    ("redaktor", "Ella Redaktör", "Miljöinspektör", Role.EDITOR, "Miljö- och samhällsbyggnadsförvaltningen"),
    ("lasare", "Lars Läsare", "Kommunalråd", Role.READER, None),
    ("revisor", "Rut Revisor", "Internrevisor", Role.AUDITOR, None),
    # Top management and a unit manager, for the management system (approvals, owners, independence).
    ("kommundirektor", "Kim Kommundirektör", "Kommundirektör", Role.COORDINATOR, None),
    ("forskolechef", "Frida Förskolechef", "Verksamhetschef förskola", Role.EDITOR, "Förskoleenheten"),
]


@cache
def _password_hash() -> str:
    """The demo password, hashed once for every demo login (hashing is slow on purpose)."""
    return make_password(DEMO_PASSWORD)


def demo_user(local: str, name: str, title: str) -> User:
    """The demo login ``local@demo.hallbar.se`` with the demo password (made once)."""
    user, created = User.objects.get_or_create(
        email=f"{local}@{DEMO_DOMAIN}", defaults={"full_name": name, "title": title}
    )
    if created:
        user.password = _password_hash()
        user.save()
    return user


def build_units(organisation: Organisation, nodes, parent=None) -> None:
    """The unit tree ``nodes`` ((name, kind, children) …) under ``parent``; units that exist are kept."""
    for name, kind, children in nodes:
        unit, _ = OrganisationUnit.objects.get_or_create(
            organisation=organisation, name=name, defaults={"kind": kind, "parent": parent}
        )
        build_units(organisation, children, unit)


@transaction.atomic
def build_organisation() -> list[tuple[str, str, str]]:
    """Create the demo organisation and people; returns (e-mail, role, where) for every login."""
    operator, created = User.objects.get_or_create(
        email=f"drift@{DEMO_DOMAIN}",
        defaults={"full_name": "Drift Driftsson", "is_staff": True, "is_superuser": True},
    )
    if created:
        operator.password = _password_hash()
        operator.save()
    with acting_as(operator):
        organisation = Organisation.objects.filter(official_code="0580").first()
        if organisation is None:
            organisation = create_organisation(
                Organisation.Kind.MUNICIPALITY,
                municipality=Municipality.objects.get(code="0580"),
                org_number="212000-0449",
            )
        build_units(organisation, UNIT_TREE)
        county = County.objects.get(code="05")
        county_board = Organisation.objects.filter(kind=Organisation.Kind.COUNTY_BOARD, county=county).first()
        if county_board is None:
            county_board = create_organisation(Organisation.Kind.COUNTY_BOARD, county=county)
        logins = [(operator.email, "Drift (superuser)", "—")]
        for local, name, title, role, unit_name in PEOPLE:
            user = demo_user(local, name, title)
            unit = OrganisationUnit.objects.get(organisation=organisation, name=unit_name) if unit_name else None
            Membership.objects.get_or_create(user=user, organisation=organisation, unit=unit, defaults={"role": role})
            logins.append((user.email, str(role.label), unit_name or organisation.name))
        coordinator = User.objects.get(email=f"samordnare@{DEMO_DOMAIN}")
        Membership.objects.get_or_create(
            user=coordinator, organisation=county_board, unit=None, defaults={"role": Role.READER}
        )
    return logins
