"""Interested parties: the filtered list, the party page, create, edit, guarded delete."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

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
from ..exports import PARTY_COLUMNS
from ..forms import InterestedPartyForm, PartyFilterForm
from ..models import InterestedParty
from .common import ContextDeleteMixin


class PartyListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "context/party_list.html"
    context_object_name = "parties"
    paginate_by = 100
    export_filename = "interested-parties"
    export_title = gettext_lazy("Interested parties")
    export_columns = PARTY_COLUMNS

    filter_form_class = PartyFilterForm

    def get_queryset(self):
        return queries.party_list(self.scope, **self.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=may_create(self), **kwargs)


class PartyDetailView(ScopedObjectMixin, DetailView):
    model = InterestedParty
    template_name = "context/party_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related(*queries.LISTED)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_change=self.scope.has(Permission.CHANGE, self.object), **kwargs)


class PartyFormMixin(ResponsibleUnitFormMixin):
    model = InterestedParty
    form_class = InterestedPartyForm

    def save(self, form):
        return services.save_party(form.instance)


class PartyCreateView(PartyFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    page_title = gettext_lazy("New interested party")
    cancel_url = reverse_lazy("context:parties")


class PartyUpdateView(EditPageMixin, PartyFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class PartyDeleteView(ContextDeleteMixin, ScopedObjectMixin, DeleteView):
    model = InterestedParty
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("context:parties")
