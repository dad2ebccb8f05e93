"""The environmental scan: the filtered list, the scan item page, create, edit, archive, guarded delete."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    EditPageMixin,
    FilteredListMixin,
    MayCreateMixin,
    OrganisationRequiredMixin,
    ResponsibleUnitFormMixin,
    ScopedObjectMixin,
    may_create,
)

from .. import queries, services
from ..exports import SCAN_COLUMNS
from ..forms import ScanFilterForm, ScanItemForm
from ..models import ScanItem
from .common import ContextDeleteMixin


class ScanListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "context/scan_list.html"
    context_object_name = "items"
    paginate_by = 100
    export_filename = "environmental-scan"
    export_title = gettext_lazy("Environmental scan")
    export_columns = SCAN_COLUMNS

    filter_form_class = ScanFilterForm

    def get_queryset(self):
        return queries.scan_list(self.scope, **self.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=may_create(self), **kwargs)


class ScanItemDetailView(ScopedObjectMixin, DetailView):
    model = ScanItem
    template_name = "context/scanitem_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related(*queries.LISTED).prefetch_related("goals__plan")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_change=self.scope.has(Permission.CHANGE, self.object),
            **kwargs,
        )


class ScanItemFormMixin(ResponsibleUnitFormMixin):
    model = ScanItem
    form_class = ScanItemForm

    def save(self, form):
        return services.save_scan_item(form.instance, goals=form.cleaned_data["goals"])


class ScanItemCreateView(ScanItemFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    page_title = gettext_lazy("New scan item")
    cancel_url = reverse_lazy("context:scan")


class ScanItemUpdateView(EditPageMixin, ScanItemFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class ScanItemArchiveView(ScopedObjectMixin, SingleObjectMixin, View):
    """``POST``: archive the scan item (it leaves the active list and the PESTLE overview)."""

    model = ScanItem
    object_permission = Permission.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = services.archive_scan_item(self.get_object())
        messages.success(request, _("%(object)s was archived.") % {"object": item})
        return HttpResponseRedirect(item.get_absolute_url())


class ScanItemDeleteView(ContextDeleteMixin, ScopedObjectMixin, DeleteView):
    model = ScanItem
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("context:scan")
