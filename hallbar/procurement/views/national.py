"""The national comparison: the organisation's shares in Upphandlingsmyndigheten's statistics
against all buyers, all municipalities and its peers."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView

from hallbar.imports.exports import ExportMixin
from hallbar.web.forms import add_errors
from hallbar.web.mixins import FormPageMixin, OrganisationRequiredMixin

from .. import national, queries
from ..exports import COMPARISON_COLUMNS
from ..forms import NationalStatisticsUploadForm, YearFilterForm


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
            may_load=self.request.user.is_superuser,
            **kwargs,
        )


class StatisticsUploadView(LoginRequiredMixin, UserPassesTestMixin, FormPageMixin, FormView):
    """Only the installation's operators (superusers): the statistics are shared by every organisation."""

    form_class = NationalStatisticsUploadForm
    template_name = "procurement/national_load.html"
    page_title = gettext_lazy("Load the national procurement statistics")
    page_intro = gettext_lazy(
        "Load Upphandlingsmyndigheten's statistics for every organisation. The whole file is checked first; "
        "if any row is wrong, nothing is loaded and every problem is listed by its row. The years in the "
        "file replace those already loaded."
    )
    submit_label = gettext_lazy("Load")
    cancel_url = reverse_lazy("procurement:national")

    def test_func(self) -> bool:
        return self.request.user.is_superuser

    def get_context_data(self, **kwargs):
        return super().get_context_data(columns=list(national.COLUMNS.values()), **kwargs)

    def form_valid(self, form):
        try:
            report = national.load(form.cleaned_data["file"].read())
        except ValidationError as error:
            add_errors(form, ValidationError({"file": error.messages}))
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext("%(rows)d row was read.", "%(rows)d rows were read.", report.rows) % {"rows": report.rows},
        )
        for year, (buyers, procurements) in report.years.items():
            messages.success(
                self.request,
                _("%(year)d: %(procurements)d procurements of %(buyers)d buyers loaded.")
                % {"year": year, "procurements": procurements, "buyers": buyers},
            )
        return HttpResponseRedirect(reverse("procurement:national"))
