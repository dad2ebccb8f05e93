"""Who may do what with nonconformities, beyond the plain role table (``accounts.roles``):

* **register** one by hand — those who may change data in some unit (editors and up), and auditors
  (``WRITE_FINDINGS``), who raise nonconformities for any unit of the organisation;
* **edit**, analyse and add corrective actions — those who may change its responsible unit;
* **stage changes** — see :mod:`.workflow` (each transition names its permission).
"""

from django.db.models import Q

from hallbar.accounts.roles import Permission
from hallbar.organisations.models import OrganisationUnit

from .models import Stage


def may_report_anywhere(scope, organisation) -> bool:
    return scope.has(Permission.WRITE_FINDINGS, organisation_id=organisation.pk)


def may_register(scope, organisation) -> bool:
    return (
        may_report_anywhere(scope, organisation)
        or scope.has(Permission.CHANGE, organisation_id=organisation.pk)
        or scope.changeable_units(organisation.pk).exists()
    )


def may_register_for(scope, nonconformity) -> bool:
    """May the user register ``nonconformity`` (unsaved, with its responsible unit set)?"""
    return scope.has(Permission.WRITE_FINDINGS, nonconformity) or scope.has(Permission.CHANGE, nonconformity)


def registrable_units(scope, organisation, current=None):
    """Units a new nonconformity may be made the responsibility of (plus the current one)."""
    units = OrganisationUnit.objects.filter(organisation=organisation, is_active=True)
    if not may_report_anywhere(scope, organisation):
        condition = Q(pk__in=scope.changeable_units(organisation.pk).values("pk"))
        if current is not None:
            condition |= Q(pk=current.pk)
        units = OrganisationUnit.objects.filter(condition)
    return units.order_by("path")


def may_add_action(scope, nonconformity) -> bool:
    return scope.has(Permission.CHANGE, nonconformity) and nonconformity.stage not in (Stage.VERIFIED, Stage.CLOSED)
