"""The register (filtered list with export), the compliance overview, the obligation page with its
evaluation history, create, edit and guarded delete."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, TemplateView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    EditPageMixin,
    FilteredListMixin,
    GuardedDeleteMixin,
    MayCreateMixin,
    OrganisationRequiredMixin,
    ResponsibleUnitFormMixin,
    ScopedObjectMixin,
    may_create,
    organisation_units,
)

from .. import queries, services
from ..exports import OBLIGATION_COLUMNS
from ..forms import ObligationFilterForm, ObligationForm
from ..models import Obligation
from ..queries import NOT_EVALUATED
from ..rules import Result

PAGE_SIZE = 50


class ObligationListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "obligations/obligation_list.html"
    context_object_name = "obligations"
    paginate_by = PAGE_SIZE
    export_filename = "compliance-obligations"
    export_title = gettext_lazy("Compliance obligations")
    export_columns = OBLIGATION_COLUMNS
    filter_form_class = ObligationFilterForm

    def get_filter_form_kwargs(self):
        return {"units": organisation_units(self, active_only=True)}

    def get_queryset(self):
        return queries.register(self.scope, **self.filters())

    def get_export_rows(self):
        return queries.flag(self.get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["obligations"] = context["object_list"] = queries.flag(context["object_list"])
        context.update(can_create=may_create(self))
        return context


class OverviewView(OrganisationRequiredMixin, TemplateView):
    template_name = "obligations/overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overview=queries.overview(self.scope),
            result_columns=[*Result.choices, (NOT_EVALUATED, gettext_lazy("Not evaluated yet"))],
            **kwargs,
        )


class ObligationDetailView(ScopedObjectMixin, DetailView):
    model = Obligation
    template_name = "obligations/obligation_detail.html"

    def get_queryset(self):
        return queries.listed(super().get_queryset()).prefetch_related("aspects__activity")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queries.flag([self.object])
        can_change = services.can_change(self.scope, self.object)
        context.update(
            evaluations=queries.evaluations_of(self.object),
            can_change=can_change,
            can_evaluate=can_change and self.object.status == Obligation.Status.ACTIVE,
        )
        return context


class ObligationFormMixin(ResponsibleUnitFormMixin):
    model = Obligation
    form_class = ObligationForm

    def save(self, form):
        links = {name: form.cleaned_data[name] for name in services.LINKS}
        return services.save_obligation(form.instance, **links)


class ObligationCreateView(ObligationFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    page_title = gettext_lazy("New compliance obligation")
    page_intro = gettext_lazy(
        "Refer to the source with its reference and a link; do not copy the text of the law. Describe in your "
        "own words what it requires of the organisation."
    )
    cancel_url = reverse_lazy("obligations:list")


class ObligationUpdateView(EditPageMixin, ObligationFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class ObligationDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Obligation
    object_permission = Permission.CHANGE
    template_name = "obligations/obligation_confirm_delete.html"
    success_url = reverse_lazy("obligations:list")
