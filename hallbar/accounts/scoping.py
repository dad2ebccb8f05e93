"""The one scoping mechanism: which organisations' data a user sees, and what they may do there.

Every query for organisation data — views, API, exports, background jobs — goes through
:meth:`Scope.filter`, and every write is checked with :meth:`Scope.has` / :meth:`Scope.require`.

A model takes part by declaring ``organisation_lookup`` (the ORM path to its organisation, e.g.
``"organisation"`` or ``"plan__organisation"``) and, when its rows belong to a unit, ``unit_lookup``.
The isolation test discovers every such model and every URL that serves one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models

from hallbar.organisations.models import Organisation, OrganisationUnit

from .roles import GRANTABLE_ROLES, Permission, has_permission


@dataclass(frozen=True)
class Grant:
    """One active membership, reduced to what permission checks need."""

    organisation_id: int
    unit_id: int | None
    unit_path: str | None
    role: str

    def covers_unit(self, unit_path: str | None) -> bool:
        if self.unit_path is None:
            return True
        return unit_path is not None and unit_path.startswith(self.unit_path)


def _follow(obj, lookup: str):
    for part in lookup.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def organisation_id_of(obj: models.Model) -> int:
    lookup = getattr(type(obj), "organisation_lookup", None)
    if lookup is None:
        raise ImproperlyConfigured(f"{type(obj).__name__} does not declare organisation_lookup.")
    if lookup == "pk":
        return obj.pk
    path, _sep, last = lookup.rpartition("__")
    owner = _follow(obj, path) if path else obj  # the object holding the organisation's key: no query for it
    return None if owner is None else getattr(owner, f"{last}_id")


def unit_of(obj: models.Model) -> OrganisationUnit | None:
    lookup = getattr(type(obj), "unit_lookup", None)
    if lookup is None:
        return None
    if lookup == "pk":
        return obj if isinstance(obj, OrganisationUnit) else None
    return _follow(obj, lookup)


class Scope:
    """What one user may see and do, optionally narrowed to one active organisation."""

    def __init__(self, user, organisation: Organisation | None = None, focus: OrganisationUnit | None = None):
        self.user = user
        self.organisation = organisation
        self.focus = focus  # the unit chosen in the unit switcher: lists show its subtree

    @cached_property
    def grants(self) -> tuple[Grant, ...]:
        if not (self.user and self.user.is_authenticated and self.user.is_active):
            return ()
        from .models import Membership

        memberships = Membership.objects.filter(
            user=self.user, is_active=True, organisation__is_active=True
        ).select_related("unit")
        if self.organisation is not None:
            memberships = memberships.filter(organisation=self.organisation)
        return tuple(Grant(m.organisation_id, m.unit_id, m.unit.path if m.unit else None, m.role) for m in memberships)

    @cached_property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(grant.organisation_id for grant in self.grants)

    def organisations(self):
        return Organisation.objects.filter(pk__in=self.organisation_ids)

    # Reading -----------------------------------------------------------------------------------

    def filter(self, queryset: models.QuerySet) -> models.QuerySet:
        """Narrow any queryset of organisation data to what this scope may read."""
        lookup = getattr(queryset.model, "organisation_lookup", None)
        if lookup is None:
            raise ImproperlyConfigured(f"{queryset.model.__name__} has no organisation_lookup and cannot be scoped.")
        return queryset.filter(**{f"{lookup}__in": self.organisation_ids})

    def in_focus(self, queryset: models.QuerySet) -> models.QuerySet:
        """Narrow a scoped queryset further to the focused unit's subtree (when a unit is focused
        and the model belongs to units). Rows without a unit are organisation-wide and stay."""
        lookup = getattr(queryset.model, "unit_lookup", None)
        if self.focus is None or lookup is None:
            return queryset
        if lookup == "pk":
            return queryset.filter(path__startswith=self.focus.path)
        return queryset.filter(
            models.Q(**{f"{lookup}__path__startswith": self.focus.path}) | models.Q(**{f"{lookup}__isnull": True})
        )

    # Permissions -------------------------------------------------------------------------------

    def grants_in(self, organisation_id: int) -> Iterable[Grant]:
        return (grant for grant in self.grants if grant.organisation_id == organisation_id)

    def has(
        self,
        permission: str,
        obj: models.Model | None = None,
        *,
        organisation_id: int | None = None,
        unit: OrganisationUnit | None = None,
    ) -> bool:
        """May this user do ``permission`` on ``obj`` (or in the organisation / unit given)?

        Reading is open to every member of the organisation. Other permissions need a role that
        carries them, held on the whole organisation or on a unit above the object's unit.
        """
        if obj is not None:
            organisation_id = organisation_id_of(obj)
            unit = unit_of(obj)
        elif organisation_id is None:
            organisation_id = self.organisation.pk if self.organisation else None
        if organisation_id is None:
            return False
        unit_path = unit.path if unit is not None else None
        for grant in self.grants_in(organisation_id):
            if permission == Permission.VIEW:
                return True
            if has_permission(grant.role, permission) and grant.covers_unit(unit_path):
                return True
        return False

    def require(self, permission: str, obj: models.Model | None = None, **kwargs) -> None:
        if not self.has(permission, obj, **kwargs):
            raise PermissionDenied

    def roles_in(self, organisation_id: int) -> set[str]:
        return {grant.role for grant in self.grants_in(organisation_id)}

    def grantable_roles(self, organisation_id: int) -> set[str]:
        roles: set[str] = set()
        for grant in self.grants_in(organisation_id):
            if grant.unit_id is None:
                roles |= GRANTABLE_ROLES.get(grant.role, frozenset())
        return roles

    def changeable_units(self, organisation_id: int):
        """Units in which this user may create or change data."""
        units = OrganisationUnit.objects.filter(organisation_id=organisation_id, is_active=True)
        paths = []
        for grant in self.grants_in(organisation_id):
            if has_permission(grant.role, Permission.CHANGE):
                if grant.unit_path is None:
                    return units
                paths.append(grant.unit_path)
        if not paths:
            return units.none()
        condition = models.Q()
        for path in paths:
            condition |= models.Q(path__startswith=path)
        return units.filter(condition)
