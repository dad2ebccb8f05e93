"""The scope of the management system: the current scope with its versions, one version, a new version,
changing or discarding the draft. Only those who may change the whole organisation's data write here."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, TemplateView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.imports.exports import ExportMixin
from hallbar.web.mixins import (
    ChangeCheckMixin,
    EditPageMixin,
    FormPageMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
)

from .. import queries, services
from ..exports import SCOPE_COLUMNS
from ..forms import ScopeStatementForm
from ..models import ScopeStatement
from .common import ContextDeleteMixin


class ScopeView(ExportMixin, OrganisationRequiredMixin, TemplateView):
    template_name = "context/scope.html"
    export_filename = "scope-versions"
    export_title = gettext_lazy("Scope versions")
    export_columns = SCOPE_COLUMNS

    def get_export_rows(self):
        return queries.scope_versions(self.scope)["versions"]

    def get_context_data(self, **kwargs):
        can_change = self.scope.has(Permission.CHANGE, organisation_id=self.organisation.pk)
        return super().get_context_data(**queries.scope_versions(self.scope), can_change=can_change, **kwargs)


class ScopeVersionView(ScopedObjectMixin, DetailView):
    model = ScopeStatement
    template_name = "context/scopestatement_detail.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("units")

    def get_context_data(self, **kwargs):
        queries.set_version_state(self.object)
        return super().get_context_data(can_change=self.scope.has(Permission.CHANGE, self.object), **kwargs)


class ScopeFormMixin(ChangeCheckMixin, FormPageMixin):
    model = ScopeStatement
    form_class = ScopeStatementForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def save(self, form):
        return services.save_scope_statement(form.instance, units=form.cleaned_data["units"])


class ScopeVersionCreateView(ScopeFormMixin, OrganisationRequiredMixin, CreateView):
    """A new version, pre-filled from the newest one; while a draft exists, its edit page instead."""

    permission = Permission.CHANGE
    page_title = gettext_lazy("New version of the scope")
    page_intro = gettext_lazy(
        "The new version starts from the latest one. Fill in who approved it and when once it is approved; "
        "until then it is a draft, and the current scope stays as it is."
    )
    cancel_url = reverse_lazy("context:scope")

    def get(self, request, *args, **kwargs):
        try:
            services.check_new_version_allowed(self.organisation)
        except ValidationError as refusal:
            messages.info(request, refusal.messages[0])
            draft = ScopeStatement.objects.get(organisation=self.organisation, approved_on__isnull=True)
            return HttpResponseRedirect(reverse("context:scope-edit", args=[draft.pk]))
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return queries.new_version_initial(self.scope)


class DraftMixin(ScopedObjectMixin):
    """Only drafts are changed or deleted: an approved version is not found here."""

    model = ScopeStatement
    object_permission = Permission.CHANGE

    def get_queryset(self):
        return super().get_queryset().filter(approved_on__isnull=True)


class ScopeDraftUpdateView(EditPageMixin, ScopeFormMixin, DraftMixin, UpdateView):
    page_intro = gettext_lazy(
        "A draft is changed in place. Fill in who approved it and when once it is approved: it then becomes "
        "the current scope, and changes after that are made in a new version."
    )


class ScopeDraftDeleteView(ContextDeleteMixin, DraftMixin, DeleteView):
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("context:scope")
