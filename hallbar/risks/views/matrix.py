"""The heat map of the matrix and the matrix settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.web.forms import add_errors
from hallbar.web.mixins import FormPageMixin, OrganisationRequiredMixin

from .. import defaults, queries, services
from ..forms import RiskMatrixForm
from ..models import Risk
from .filters import RiskFiltersMixin


class HeatMapView(RiskFiltersMixin, OrganisationRequiredMixin, TemplateView):
    """Counts per likelihood × consequence cell, before and after treatment; each count links to the
    register filtered to that cell. Without a choice it shows risks (not opportunities) that are not closed."""

    template_name = "risks/heat_map.html"
    DEFAULTS = {"kind": Risk.Kind.RISK, "status": queries.NOT_CLOSED}

    def get_filter_data(self):
        data = self.request.GET.copy()
        for name, value in self.DEFAULTS.items():
            data.setdefault(name, value)
        return data

    def get_context_data(self, **kwargs):
        filters = self.filters()
        risks = queries.risk_list(self.scope, filters)
        return super().get_context_data(
            filters=filters,
            matrix=self.matrix,
            maps=[queries.heat_map(risks, self.matrix, assessment) for assessment in queries.ASSESSMENTS],
            can_manage_matrix=self.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=self.organisation.pk),
            **kwargs,
        )


class RiskMatrixSettingsView(FormPageMixin, OrganisationRequiredMixin, UpdateView):
    """The active organisation's matrix (no id in the address: always one's own)."""

    permission = Permission.MANAGE_FOLLOW_UP
    form_class = RiskMatrixForm
    template_name = "risks/matrix_settings.html"
    page_title = gettext_lazy("Risk matrix")
    page_intro = gettext_lazy(
        "How likelihood and consequence are scaled, what each level is called, and which scores count as "
        "low, medium, high and very high. Saving recomputes the level of every risk and opportunity."
    )

    def get_object(self, queryset=None):
        return queries.matrix_for(self.organisation)

    def get_cancel_url(self) -> str:
        return reverse("risks:heat-map")

    def get_context_data(self, **kwargs):
        return super().get_context_data(data_version=defaults.version(), **kwargs)

    def form_valid(self, form):
        try:
            changed = services.save_matrix(form.instance)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The risk matrix was saved.")
            + " "
            + ngettext(
                "%(n)d risk or opportunity got a new score or level.",
                "%(n)d risks and opportunities got a new score or level.",
                changed,
            )
            % {"n": changed},
        )
        return HttpResponseRedirect(self.request.path)
