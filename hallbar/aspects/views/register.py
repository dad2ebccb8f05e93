"""The aspects overview and the register (the filtered list of every aspect, with its export)."""

from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import OrganisationRequiredMixin, may_create

from .. import queries
from ..exports import ASPECT_COLUMNS
from ..forms import AspectFilterForm
from .common import UnitFiltersMixin, can_manage

PAGE_SIZE = 50


class OverviewView(OrganisationRequiredMixin, TemplateView):
    template_name = "aspects/overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=queries.overview(self.scope),
            settings=queries.aspect_settings(self.organisation),
            can_create=may_create(self),
            can_manage=can_manage(self),
            **kwargs,
        )


class RegisterView(ExportMixin, UnitFiltersMixin, OrganisationRequiredMixin, ListView):
    template_name = "aspects/register.html"
    context_object_name = "aspects"
    paginate_by = PAGE_SIZE
    export_filename = "aspects"
    export_title = gettext_lazy("Sustainability aspects")
    export_columns = ASPECT_COLUMNS

    filter_form_class = AspectFilterForm

    def get_queryset(self):
        return queries.register(self.scope, **self.filters())

    def get_export_rows(self):
        return queries.assess(self.get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["aspects"] = context["object_list"] = queries.assess(context["object_list"])
        context.update(
            settings=queries.aspect_settings(self.organisation),
            review=queries.review_status(self.organisation),
        )
        return context
