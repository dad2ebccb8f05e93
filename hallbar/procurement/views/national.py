"""The national comparison: the organisation's shares in Upphandlingsmyndigheten's statistics
against all buyers, all municipalities and its peers."""

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import OrganisationRequiredMixin

from .. import queries
from ..exports import COMPARISON_COLUMNS
from ..forms import YearFilterForm


class NationalComparisonView(ExportMixin, OrganisationRequiredMixin, TemplateView):
    template_name = "procurement/national.html"
    export_filename = "procurement-national-comparison"
    export_title = gettext_lazy("Procurement compared nationally")
    export_columns = COMPARISON_COLUMNS

    def comparison(self) -> dict:
        if not hasattr(self, "_comparison"):
            self.form = YearFilterForm(self.request.GET or None, years=queries.statistics_years())
            self._comparison = queries.national_comparison(self.organisation, **self.form.filters())
        return self._comparison

    def get_export_rows(self):
        return self.comparison()["rows"]

    def get_context_data(self, **kwargs):
        comparison = self.comparison()
        register = queries.requirement_shares(self.scope, year=comparison["year"]) if comparison["year"] else []
        return super().get_context_data(
            comparison=comparison,
            organisation=self.organisation,
            form=self.form,
            register=register[0] if register else None,
            **kwargs,
        )
