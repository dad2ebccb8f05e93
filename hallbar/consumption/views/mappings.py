"""The organisation's account → factor mapping: list, create, edit, delete."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    ChangeCheckMixin,
    EditPageMixin,
    FilteredListMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
)

from .. import queries, services
from ..exports import MAPPING_COLUMNS
from ..forms import AccountMappingForm, MappingFilterForm
from ..models import AccountMapping


class MappingListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "consumption/mapping_list.html"
    context_object_name = "mappings"
    export_filename = "account-mappings"
    export_title = gettext_lazy("Account mappings")
    export_columns = MAPPING_COLUMNS
    filter_form_class = MappingFilterForm

    def get_queryset(self):
        services.install_default_mappings(self.organisation)
        return queries.mappings(self.scope, **self.filters())

    def own_factors(self):
        return queries.own_factors(self.scope, self.organisation.pk)

    def get_export_rows(self):
        return queries.with_own_factors(self.get_queryset(), self.own_factors())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            can_change=self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk),
            **kwargs,
        )
        context["mappings"] = queries.with_own_factors(context["mappings"], self.own_factors())
        return context


class MappingFormMixin(ChangeCheckMixin, FormPageMixin):
    model = AccountMapping
    form_class = AccountMappingForm
    success_url = reverse_lazy("consumption:mappings")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def save(self, form):
        return services.save_mapping(form.instance)


class MappingCreateView(MappingFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.CHANGE
    page_title = gettext_lazy("New account mapping")
    cancel_url = reverse_lazy("consumption:mappings")


class MappingUpdateView(EditPageMixin, MappingFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class MappingDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = AccountMapping
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("consumption:mappings")
