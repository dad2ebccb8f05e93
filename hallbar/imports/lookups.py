"""What a REFERENCE column names within the import's organisation: its lookup (cell text → pk, see
:class:`hallbar.imports.registry.Column`) and the preview's text for the ids it found."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from hallbar.organisations.models import OrganisationUnit

from .matching import keys_by_name
from .registry import normalise


@dataclass(frozen=True)
class Named:
    """Objects named by a field or by their id: ``queryset(organisation)`` and the field read as the name."""

    queryset: Callable[[object], QuerySet]
    field: str

    def keys(self, context) -> dict[str, int | None]:
        """The column's lookup: {normalised name or id: pk} of the organisation's objects."""
        return keys_by_name(self.queryset(context.organisation).values_list("pk", self.field))

    def names(self, context) -> dict:
        """The preview's names for the column's ids."""
        return dict(self.queryset(context.organisation).values_list("pk", self.field))


ACTIVE_UNITS = Named(
    lambda organisation: OrganisationUnit.objects.filter(organisation=organisation, is_active=True), "name"
)


def members(context) -> QuerySet:
    """Active users with an active membership in the organisation: the people a row may name."""
    return get_user_model().objects.filter(
        is_active=True, memberships__organisation=context.organisation, memberships__is_active=True
    )


def member_keys(context) -> dict[str, int | None]:
    """{normalised e-mail: pk} of the organisation's active members (only e-mail addresses, no ids)."""
    keys: dict[str, int | None] = {}
    for pk, email in members(context).values_list("pk", "email").distinct():
        key = normalise(email)
        keys[key] = None if key in keys and keys[key] != pk else pk
    return keys


def member_emails(context) -> dict:
    """The preview's e-mail addresses for the column's user ids."""
    return dict(members(context).values_list("pk", "email"))
