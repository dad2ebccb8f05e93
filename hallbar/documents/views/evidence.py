"""Evidence: the upload page (also the target of the include's form), download and delete."""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DeleteView, FormView

from hallbar.web.forms import add_errors
from hallbar.web.mixins import FormPageMixin, OrganisationRequiredMixin, ScopedObjectMixin

from .. import services
from ..forms import EvidenceForm
from ..models import Evidence
from .files import FileDownloadView


def subject_or_404(scope, label: str, pk: int):
    """The object named ``app_label.model`` and ``pk``, if it is in the scope and has a page."""
    try:
        model = apps.get_model(label)
    except (ValueError, LookupError) as unknown:
        raise Http404 from unknown
    if getattr(model, "organisation_lookup", None) is None or not hasattr(model, "get_absolute_url"):
        raise Http404
    return get_object_or_404(scope.filter(model._default_manager.all()), pk=pk)


def subject_url(subject) -> str:
    return f"{subject.get_absolute_url()}#evidence" if subject is not None else reverse("documents:list")


class EvidenceUploadView(FormPageMixin, OrganisationRequiredMixin, FormView):
    """``/documents/evidence-for/<app_label.model>/<pk>/``: attach a file to the object."""

    form_class = EvidenceForm
    template_name = "documents/evidence_form.html"
    submit_label = gettext_lazy("Upload")

    def check_permission(self) -> None:
        super().check_permission()
        self.subject = subject_or_404(self.scope, self.kwargs["label"], self.kwargs["pk"])
        self.scope.require(services.evidence_permission(self.subject), self.subject)

    def get_page_title(self) -> str:
        return _("Add evidence to %(subject)s") % {"subject": self.subject}

    def get_cancel_url(self) -> str:
        return subject_url(self.subject)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            evidence = services.attach_evidence(
                self.subject,
                data["file"],
                user=self.request.user,
                description=data["description"],
                clauses=data["clauses"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(file)s was uploaded.") % {"file": evidence.original_name})
        return HttpResponseRedirect(subject_url(self.subject))


class SubjectPermissionMixin:
    """Evidence is changed by those who may change (or, for findings, write) its subject."""

    def get_object(self, queryset=None):
        evidence = super().get_object(queryset)
        subject = evidence.subject
        if subject is None:
            self.scope.require(services.evidence_permission(evidence), organisation_id=evidence.organisation_id)
        else:
            self.scope.require(services.evidence_permission(subject), subject)
        return evidence


class EvidenceDownloadView(FileDownloadView):
    model = Evidence


class EvidenceDeleteView(SubjectPermissionMixin, ScopedObjectMixin, DeleteView):
    model = Evidence
    template_name = "documents/evidence_confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=subject_url(self.object.subject), **kwargs)

    def form_valid(self, form):
        subject = self.object.subject
        services.delete_evidence(self.object)
        messages.success(self.request, _("%(object)s was deleted.") % {"object": self.object})
        return HttpResponseRedirect(subject_url(subject))
