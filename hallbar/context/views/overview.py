"""The context landing page and the PESTLE overview of the environmental scan."""

from django.views.generic import TemplateView

from hallbar.web.mixins import OrganisationRequiredMixin

from .. import queries


class ContextIndexView(OrganisationRequiredMixin, TemplateView):
    template_name = "context/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**queries.overview(self.scope), **kwargs)


class PestleOverviewView(OrganisationRequiredMixin, TemplateView):
    template_name = "context/pestle.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(matrix=queries.pestle_matrix(self.scope), **kwargs)
