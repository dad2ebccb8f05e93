"""Building blocks shared by the aspects pages."""

from hallbar.accounts.roles import Permission
from hallbar.organisations.models import OrganisationUnit
from hallbar.web.mixins import ResponsibleUnitFormMixin, units_for


class UnitFormMixin(ResponsibleUnitFormMixin):
    """:class:`ResponsibleUnitFormMixin` for models whose unit field is called ``unit``."""

    unit_field = "unit"

    def get_form_kwargs(self):
        current = getattr(getattr(self, "object", None), "unit", None)
        return {**super().get_form_kwargs(), "units": units_for(self, current)}


def organisation_units(view):
    """The units of the active organisation, for the filters."""
    return OrganisationUnit.objects.filter(organisation=view.organisation).order_by("path")


def can_manage(view) -> bool:
    return view.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=view.organisation.pk)
