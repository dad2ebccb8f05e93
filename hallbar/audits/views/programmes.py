"""Audit programmes: the list by year (filtered, exported), the programme page, create, edit, guarded delete."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

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
from ..exports import PROGRAMME_COLUMNS
from ..forms import ProgrammeFilterForm, ProgrammeForm
from ..models import AuditProgramme


class ProgrammeListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "audits/programme_list.html"
    context_object_name = "programmes"
    export_filename = "audit-programmes"
    export_title = gettext_lazy("Audit programmes")
    export_columns = PROGRAMME_COLUMNS
    filter_form_class = ProgrammeFilterForm

    def get_filter_form_kwargs(self):
        return {"years": queries.programme_years(self.scope)}

    def get_queryset(self):
        return queries.programme_list(self.scope, **self.filters())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_create=self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk),
            **kwargs,
        )


class ProgrammeDetailView(ScopedObjectMixin, DetailView):
    model = AuditProgramme
    template_name = "audits/programme_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            audits=queries.audits_of(self.object),
            can_change=self.scope.has(Permission.CHANGE, self.object),
            **kwargs,
        )


class ProgrammeFormMixin(ChangeCheckMixin, FormPageMixin):
    model = AuditProgramme
    form_class = ProgrammeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def save(self, form):
        return services.save_programme(form.instance)


class ProgrammeCreateView(ProgrammeFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.CHANGE
    page_title = gettext_lazy("New audit programme")
    cancel_url = reverse_lazy("audits:list")


class ProgrammeUpdateView(EditPageMixin, ProgrammeFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class ProgrammeDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = AuditProgramme
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("audits:list")
