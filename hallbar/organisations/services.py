"""Writes for organisations and their unit trees."""

from django.db import transaction
from django.utils.text import slugify

from .models import Municipality, Organisation


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def municipality_organisation_name(municipality: Municipality) -> str:
    """The usual name of a municipality as an organisation: 'Linköpings kommun', 'Borås kommun'."""
    if municipality.code == "0980":
        return "Region Gotland"
    name = municipality.name
    genitive = name if name[-1].lower() in "sxz" else f"{name}s"
    return f"{genitive} kommun"


@transaction.atomic
def create_municipality_organisation(municipality: Municipality, org_number: str = "") -> Organisation:
    """Create the organisation for a municipality picked from the reference list."""
    organisation = Organisation(
        name=municipality_organisation_name(municipality),
        slug=unique_slug(municipality.name),
        kind=Organisation.Kind.MUNICIPALITY,
        municipality=municipality,
        county=municipality.county,
        official_code=municipality.code,
        org_number=org_number,
    )
    organisation.full_clean()
    organisation.save()
    return organisation
