"""The procurement register: the filtered list, the procurement page, create, edit, status, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

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
    ScopedQuerysetMixin,
    may_create,
    organisation_units,
)

from .. import queries, services
from ..exports import PROCUREMENT_COLUMNS
from ..forms import ProcurementFilterForm, ProcurementForm
from ..models import Procurement

PAGE_SIZE = 50


class ProcurementListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "procurement/procurement_list.html"
    context_object_name = "procurements"
    paginate_by = PAGE_SIZE
    export_filename = "procurements"
    export_title = gettext_lazy("Procurements")
    export_columns = PROCUREMENT_COLUMNS
    filter_form_class = ProcurementFilterForm

    def get_filter_form_kwargs(self):
        return {"years": queries.years(self.scope), "units": organisation_units(self)}

    def get_queryset(self):
        return queries.procurement_list(self.scope, **self.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=may_create(self), **kwargs)


class ProcurementDetailView(ScopedObjectMixin, DetailView):
    model = Procurement
    template_name = "procurement/procurement_detail.html"

    def get_queryset(self):
        return queries.listed(super().get_queryset())

    def get_context_data(self, **kwargs):
        can_change = self.scope.has(Permission.CHANGE, self.object)
        return super().get_context_data(
            checks=queries.checks_of(self.object),
            nonconformities=queries.nonconformities_of(self.object),
            can_change=can_change,
            transitions=services.allowed_transitions(self.object) if can_change else [],
            **kwargs,
        )


class ProcurementFormMixin(ResponsibleUnitFormMixin):
    model = Procurement
    form_class = ProcurementForm

    def save(self, form):
        return services.save_procurement(
            form.instance, cpv_codes=form.cleaned_data["cpv_codes"], criteria=form.cleaned_data["criteria"]
        )


class ProcurementCreateView(ProcurementFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    page_title = gettext_lazy("New procurement")
    cancel_url = reverse_lazy("procurement:list")


class ProcurementUpdateView(EditPageMixin, ProcurementFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class ProcurementStatusView(ScopedQuerysetMixin, View):
    """``POST /procurement/<pk>/status/`` with ``status``: a step in the workflow, or a message saying why not."""

    model = Procurement
    http_method_names = ["post"]

    def post(self, request, pk):
        procurement = get_object_or_404(self.get_queryset(), pk=pk)
        self.scope.require(Permission.CHANGE, procurement)
        try:
            services.change_status(procurement, request.POST.get("status", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The status is now: %(status)s.") % {"status": procurement.get_status_display()}
            )
        return HttpResponseRedirect(procurement.get_absolute_url())


class ProcurementDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Procurement
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("procurement:list")
    delete_object = staticmethod(services.delete_procurement)  # also refused while actions follow it up
