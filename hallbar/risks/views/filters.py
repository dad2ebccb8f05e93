"""The register's filters, shared by the register and the heat map."""

from django.utils.functional import cached_property

from hallbar.web.mixins import FilteredListMixin

from .. import queries
from ..forms import RiskFilterForm


class RiskFiltersMixin(FilteredListMixin):
    """:class:`FilteredListMixin` with the organisation's matrix (its scales are filter choices)."""

    filter_form_class = RiskFilterForm

    @cached_property
    def matrix(self):
        return queries.matrix_for(self.organisation)

    def get_filter_form_kwargs(self):
        return {"organisation": self.organisation, "matrix": self.matrix}
