"""Reference pages: the searchable CPV list and the criteria library."""

from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import OrganisationRequiredMixin

from .. import queries
from ..exports import CPV_COLUMNS, CRITERION_COLUMNS
from ..forms import CpvSearchForm, CriteriaFilterForm
from ..reference import criteria_library


class CpvSearchView(ExportMixin, OrganisationRequiredMixin, TemplateView):
    template_name = "procurement/cpv_search.html"
    export_filename = "cpv-codes"
    export_title = gettext_lazy("CPV codes")
    export_columns = CPV_COLUMNS

    def search(self):
        self.form = CpvSearchForm(self.request.GET or None)
        return queries.search_cpv(**self.form.filters())

    def get_export_rows(self):
        return self.search()

    def get_context_data(self, **kwargs):
        codes = self.search()
        return super().get_context_data(form=self.form, codes=codes, limit=queries.CPV_SEARCH_LIMIT, **kwargs)


class CriteriaListView(ExportMixin, OrganisationRequiredMixin, TemplateView):
    template_name = "procurement/criteria_list.html"
    export_filename = "procurement-criteria"
    export_title = gettext_lazy("Criteria library")
    export_columns = CRITERION_COLUMNS

    def criteria(self):
        self.form = CriteriaFilterForm(self.request.GET or None)
        return queries.criteria(**self.form.filters())

    def get_export_rows(self):
        return self.criteria()

    def get_context_data(self, **kwargs):
        criteria = self.criteria()
        return super().get_context_data(
            form=self.form, criteria=criteria, version=criteria_library()["version"], **kwargs
        )
