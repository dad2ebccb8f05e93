"""Who hears about a report: the people who report for a unit, and the coordinators who review."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from hallbar.accounts.models import Membership
from hallbar.accounts.roles import ROLE_PERMISSIONS, Permission

from .models import UnitReport


def _roles_with(permission: str) -> list[str]:
    return [role for role, permissions in ROLE_PERMISSIONS.items() if permission in permissions]


def reporters(report: UnitReport):
    """Active members with a change role on the report's unit or a unit above it (not organisation-wide
    roles: coordinators and administrators are told through the round page, not every reminder)."""
    unit = report.unit
    ancestors = [unit.path[:end] for end in range(1, len(unit.path) + 1) if unit.path[end - 1] == "/"]
    memberships = Membership.objects.filter(
        organisation_id=unit.organisation_id,
        is_active=True,
        role__in=_roles_with(Permission.CHANGE),
        unit__path__in=ancestors,
    )
    return get_user_model().objects.filter(pk__in=memberships.values("user_id"), is_active=True).order_by("email")


def reviewers(organisation_id: int):
    """Active members who may approve reports: a follow-up role on the whole organisation."""
    memberships = Membership.objects.filter(
        Q(unit__isnull=True),
        organisation_id=organisation_id,
        is_active=True,
        role__in=_roles_with(Permission.MANAGE_FOLLOW_UP),
    )
    return get_user_model().objects.filter(pk__in=memberships.values("user_id"), is_active=True).order_by("email")
