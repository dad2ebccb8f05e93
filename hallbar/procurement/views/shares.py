"""The shares of procurements and of value with each kind of requirement, per buying unit and year."""

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import OrganisationRequiredMixin

from .. import queries
from ..exports import SHARE_COLUMNS
from ..forms import YearFilterForm


class SharesView(ExportMixin, OrganisationRequiredMixin, TemplateView):
    template_name = "procurement/shares.html"
    export_filename = "procurement-requirement-shares"
    export_title = gettext_lazy("Sustainability requirements in procurement")
    export_columns = SHARE_COLUMNS

    def rows(self):
        self.form = YearFilterForm(self.request.GET or None, years=queries.years(self.scope))
        return queries.requirement_shares(self.scope, **self.form.filters())

    def get_export_rows(self):
        return self.rows()

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=self.rows(), form=self.form, **kwargs)
