"""Writes for organisations: setting one up from the reference lists."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import County, Municipality, Organisation


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def municipality_organisation_name(municipality: Municipality) -> str:
    """The usual name of a municipality as an organisation: 'Linköpings kommun', 'Borås kommun', 'Motala kommun'
    (no genitive s after s, x, z or a vowel)."""
    if municipality.code == "0980":
        return "Region Gotland"
    name = municipality.name
    genitive = name if name[-1].lower() in "sxzaeiouyåäö" else f"{name}s"
    return f"{genitive} kommun"


def county_short_name(county: County) -> str:
    """'Stockholms län' → 'Stockholm', 'Skåne län' → 'Skåne', 'Västra Götalands län' → 'Västra Götaland'."""
    name = county.name.removesuffix(" län")
    return name[:-1] if name.endswith("s") else name


def county_organisation_name(county: County, kind: str) -> str:
    if kind == Organisation.Kind.REGION:
        return f"Region {county_short_name(county)}"
    return f"Länsstyrelsen i {county.name}"


@transaction.atomic
def create_organisation(
    kind: str, *, municipality: Municipality | None = None, county: County | None = None, org_number: str = ""
) -> Organisation:
    """Create an organisation picked from the reference lists: a municipality from the 290, or a
    region or county administrative board from the 21 counties."""
    if kind == Organisation.Kind.MUNICIPALITY:
        if municipality is None:
            raise ValidationError({"municipality": _("Choose the municipality.")})
        name, county, code = municipality_organisation_name(municipality), municipality.county, municipality.code
    elif kind in (Organisation.Kind.REGION, Organisation.Kind.COUNTY_BOARD):
        if county is None:
            raise ValidationError({"county": _("Choose the county.")})
        if Organisation.objects.filter(kind=kind, county=county).exists():
            raise ValidationError({"county": _("This county already has one set up.")})
        name, municipality, code = county_organisation_name(county, kind), None, county.code
    else:
        raise ValidationError({"kind": _("Only municipalities, regions and county boards are set up from the lists.")})
    organisation = Organisation(
        name=name,
        slug=unique_slug(name),
        kind=kind,
        municipality=municipality,
        county=county,
        official_code=code,
        org_number=org_number,
    )
    organisation.full_clean()
    organisation.save()
    return organisation
