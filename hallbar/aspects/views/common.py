"""Building blocks shared by the aspects pages."""

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import FilteredListMixin, ResponsibleUnitFormMixin, organisation_units, units_for


class UnitFormMixin(ResponsibleUnitFormMixin):
    """:class:`ResponsibleUnitFormMixin` for models whose unit field is called ``unit``."""

    unit_field = "unit"

    def get_form_kwargs(self):
        current = getattr(getattr(self, "object", None), "unit", None)
        return {**super().get_form_kwargs(), "units": units_for(self, current)}


class UnitFiltersMixin(FilteredListMixin):
    """:class:`FilteredListMixin` for the aspects' filter forms, which all offer the organisation's units."""

    def get_filter_form_kwargs(self):
        return {"units": organisation_units(self)}


def can_manage(view) -> bool:
    return view.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=view.organisation.pk)
