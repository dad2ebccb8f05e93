"""Factories for the chemicals tests and the isolation test."""

import factory

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import Role
from hallbar.chemicals import services
from hallbar.chemicals.models import PhaseOutSubstance, Screening

# Entries of the bundled Candidate List (loaded after migrate).
D4_SILOXANE = {"cas": "141-62-8", "ec": "205-491-7", "name": "decamethyltetrasiloxane"}
DBDPE = {"cas": "84852-53-9", "ec": "284-366-9"}
# Not on the Candidate List: water.
WATER = {"cas": "7732-18-5", "ec": "231-791-2"}


class PhaseOutSubstanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhaseOutSubstance

    name = factory.Sequence(lambda n: f"Ämne {n}")
    cas_number = "7440-43-9"  # cadmium
    ec_number = ""
    reason = "Kommunens utfasningsbeslut"


def article(row, name, cas=(), ec=(), **fields) -> dict:
    return {
        "row": row,
        "name": name,
        "supplier": fields.get("supplier", "Leverantör AB"),
        "cas_numbers": list(cas),
        "ec_numbers": list(ec),
        "quantity": fields.get("quantity", 10),
        "quantity_unit": fields.get("quantity_unit", "st"),
    }


def screening_for(organisation, unit) -> Screening:
    """A screening of ``unit`` with a flagged article (Candidate List), a clean one and one without
    numbers; reused."""
    existing = Screening.objects.filter(organisation=organisation).first()
    if existing is not None:
        return existing
    membership = Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR).first()
    return services.create_screening(
        organisation=organisation,
        unit=unit,
        title="Artiklar 2026.xlsx",
        user=membership.user if membership else None,
        articles=[
            article(2, "Fogmassa", cas=[D4_SILOXANE["cas"]]),
            article(3, "Tvål", cas=[WATER["cas"]]),
            article(4, "Papper"),
        ],
    )


def flagged_article_for(organisation, unit):
    return screening_for(organisation, unit).articles.get(is_flagged=True)
