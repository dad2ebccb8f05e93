"""Controlled documents: the filtered list, the document page, create, edit, guarded delete, the policy."""

from django.contrib import messages
from django.http import HttpResponseRedirect
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
from ..exports import DOCUMENT_COLUMNS
from ..forms import DocumentFilterForm, DocumentForm
from ..models import ControlledDocument
from ..rules import VersionStatus

PAGE_SIZE = 50


class DocumentListView(ExportMixin, FilteredListMixin, OrganisationRequiredMixin, ListView):
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = PAGE_SIZE
    export_filename = "documents"
    export_title = gettext_lazy("Controlled documents")
    export_columns = DOCUMENT_COLUMNS
    filter_form_class = DocumentFilterForm

    def get_filter_form_kwargs(self):
        return {"units": organisation_units(self, active_only=True)}

    def get_queryset(self):
        return queries.document_list(self.scope, **self.filters())

    def get_export_rows(self):
        return queries.flag(self.get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents"] = context["object_list"] = queries.flag(context["object_list"])
        context.update(can_create=may_create(self))
        return context


class DocumentDetailView(ScopedObjectMixin, DetailView):
    model = ControlledDocument
    template_name = "documents/document_detail.html"

    def get_queryset(self):
        return queries.listed(super().get_queryset()).prefetch_related("clauses__library")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queries.flag([self.object])
        versions = list(queries.versions_of(self.object))
        can_change = self.scope.has(Permission.CHANGE, self.object)
        context.update(
            versions=versions,
            current=next((v for v in versions if v.status == VersionStatus.APPROVED), None),
            has_draft=any(v.status == VersionStatus.DRAFT for v in versions),
            can_change=can_change,
        )
        return context


class DocumentFormMixin(ResponsibleUnitFormMixin):
    model = ControlledDocument
    form_class = DocumentForm

    def save(self, form):
        return services.save_document(form.instance, clauses=form.cleaned_data["clauses"])


class DocumentCreateView(DocumentFormMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    page_title = gettext_lazy("New controlled document")
    page_intro = gettext_lazy("Describe the document here; write its text or attach its file as its first version.")
    cancel_url = reverse_lazy("documents:list")

    def get_initial(self):
        return {"owner": self.request.user.pk}


class DocumentUpdateView(EditPageMixin, DocumentFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE


class DocumentDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    """Refused, with the reason, for documents with approved versions, evidence or actions
    (services.deletion_refusal); the guarded delete covers the rest."""

    model = ControlledDocument
    object_permission = Permission.CHANGE
    template_name = "documents/document_confirm_delete.html"
    success_url = reverse_lazy("documents:list")

    def form_valid(self, form):
        self.object = self.get_object()
        refusal = services.deletion_refusal(self.object)
        if refusal:
            messages.error(self.request, refusal)
            return HttpResponseRedirect(self.get_refused_url())
        return super().form_valid(form)


class PolicyView(OrganisationRequiredMixin, TemplateView):
    """The organisation's policy in force, for every member."""

    template_name = "documents/policy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(policy=queries.current_policy(self.organisation), **kwargs)
