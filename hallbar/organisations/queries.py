"""Read models for organisation pages and the API."""

from django.db.models import Count, Q

from hallbar.core.trees import nest

from .models import Organisation, OrganisationUnit


def organisation_overview(organisation: Organisation) -> dict[str, int]:
    units = OrganisationUnit.objects.filter(organisation=organisation, is_active=True).aggregate(
        units=Count("pk"),
        committees=Count("pk", filter=Q(kind=OrganisationUnit.Kind.COMMITTEE)),
        companies=Count("pk", filter=Q(kind=OrganisationUnit.Kind.COMPANY)),
    )
    people = organisation.memberships.filter(is_active=True, user__is_active=True).values("user").distinct().count()
    return {**units, "people": people}


def unit_tree(units) -> list[dict]:
    """Nest a queryset of units (ordered by path) into ``[{unit, children: [...]}, ...]``."""
    return nest(units.order_by("path"), "unit")
