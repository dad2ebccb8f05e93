"""The independence rule: nobody audits their own unit.

A person belongs to a unit when they have an active membership on it (any role). They may not be
lead auditor or team member of an audit whose scope includes that unit, a unit above it (their unit
is part of what is audited) or a unit below it (what is audited is part of their unit). A membership
on the whole organisation ties nobody to a unit, so organisation-wide auditors and coordinators may
audit any unit; an audit without units in its scope covers the organisation as a whole and has no
unit to conflict with.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from hallbar.accounts.models import Membership
from hallbar.organisations.models import OrganisationUnit


@dataclass(frozen=True)
class Conflict:
    person: object  # a User
    audited: OrganisationUnit  # the unit in the audit's scope
    own: OrganisationUnit  # the unit the person belongs to

    @property
    def message(self) -> str:
        values = {"person": self.person, "unit": self.audited.name, "own": self.own.name}
        if self.own.pk == self.audited.pk:
            text = _("%(person)s cannot audit %(unit)s: it is their own unit.")
        elif self.own.path.startswith(self.audited.path):
            text = _("%(person)s cannot audit %(unit)s: they belong to %(own)s, which is part of %(unit)s.")
        else:
            text = _("%(person)s cannot audit %(unit)s: they belong to %(own)s, which %(unit)s is part of.")
        rule = _("Auditors may not audit their own work.")
        return f"{text % values} {rule}"


def conflicts(organisation_id: int, people: Iterable, units: Iterable[OrganisationUnit]) -> list[Conflict]:
    """Every (person, audited unit) pair that breaks the rule, in the order of the people given (one query)."""
    people = [person for person in people if person is not None]
    units = list(units)
    if not people or not units:
        return []
    memberships = Membership.objects.filter(
        organisation_id=organisation_id, user__in=people, is_active=True, unit__isnull=False
    ).select_related("unit")
    own_units: dict[int, list[OrganisationUnit]] = {}
    for membership in memberships:
        own_units.setdefault(membership.user_id, []).append(membership.unit)
    found = []
    for person in people:
        for own in own_units.get(person.pk, []):
            for audited in units:
                if own.path.startswith(audited.path) or audited.path.startswith(own.path):
                    found.append(Conflict(person, audited, own))
    return found
