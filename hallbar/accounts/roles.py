"""Roles and what each may do. The single source of truth for permissions.

A membership gives a role on a whole organisation or on one unit and everything below it.
Members of an organisation may read all of its internal data; what differs is who may write what.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    EDITOR = "editor", _("Editor")
    READER = "reader", _("Reader")
    AUDITOR = "auditor", _("Auditor")


class Permission(models.TextChoices):
    VIEW = "view", _("read the organisation's data")
    CHANGE = "change", _("create and change data")
    MANAGE_STRUCTURE = "manage_structure", _("change the unit tree")
    MANAGE_PEOPLE = "manage_people", _("invite people and change roles")
    WRITE_FINDINGS = "write_findings", _("record audit findings")
    MANAGE_FOLLOW_UP = "manage_follow_up", _("set how actions and reports are followed up")


ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset(Permission.values),
    Role.COORDINATOR: frozenset(
        {
            Permission.VIEW,
            Permission.CHANGE,
            Permission.MANAGE_STRUCTURE,
            Permission.MANAGE_PEOPLE,
            Permission.WRITE_FINDINGS,
            Permission.MANAGE_FOLLOW_UP,
        }
    ),
    Role.EDITOR: frozenset({Permission.VIEW, Permission.CHANGE}),
    Role.READER: frozenset({Permission.VIEW}),
    Role.AUDITOR: frozenset({Permission.VIEW, Permission.WRITE_FINDINGS}),
}

ROLE_DESCRIPTIONS = {
    Role.ADMINISTRATOR: _("Manages the organisation, its people and all data."),
    Role.COORDINATOR: _("Runs the management system: plans, follow-up and reports for the whole organisation."),
    Role.EDITOR: _("Reports and edits data for their own units."),
    Role.READER: _("Reads everything, changes nothing."),
    Role.AUDITOR: _("Reads everything and records audit findings."),
}

# Roles a person holding the key role may hand out through invitations or role changes.
GRANTABLE_ROLES: dict[str, frozenset[str]] = {
    Role.ADMINISTRATOR: frozenset(Role.values),
    Role.COORDINATOR: frozenset({Role.COORDINATOR, Role.EDITOR, Role.READER, Role.AUDITOR}),
}


def has_permission(role: str, permission: str) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())
