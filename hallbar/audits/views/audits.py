"""Audits: the audit page with its workflow, create (in a programme), edit, guarded delete, status steps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import ChangeCheckMixin, ChildCreateMixin, EditPageMixin, ScopedObjectMixin

from .. import queries, services, workflow
from ..forms import AuditForm
from ..models import Audit, AuditProgramme, Status
from .base import RuleCheckedDeleteMixin


class AuditDetailView(ScopedObjectMixin, DetailView):
    model = Audit
    template_name = "audits/audit_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related(*queries.AUDIT_RELATED)

    def get_context_data(self, **kwargs):
        audit = self.object
        may_conduct = self.scope.has(Permission.WRITE_FINDINGS, audit)
        steps = [
            {"transition": step, "problems": workflow.problems(audit, step.name)} for step in workflow.available(audit)
        ]
        context = {
            **queries.audit_page(audit),
            "steps": steps if may_conduct else [],
            "can_change": self.scope.has(Permission.CHANGE, audit) and workflow.editable(audit, "audit"),
            "can_delete": self.scope.has(Permission.CHANGE, audit) and audit.status == Status.PLANNED,
            "can_edit_checklist": may_conduct and workflow.editable(audit, "checklist"),
            "can_record_findings": may_conduct and workflow.editable(audit, "findings"),
        }
        context["missing_nonconformities"] = may_conduct and any(
            finding.is_nonconformity and not finding.nonconformities for finding in context["findings"]
        )
        return super().get_context_data(**context, **kwargs)


class AuditFormMixin(ChangeCheckMixin):
    form_class = AuditForm
    unit_field = None

    def save(self, form):
        links = {name: form.cleaned_data[name] for name in ("units", "clauses", "team")}
        return services.save_audit(form.instance, **links)


class AuditCreateView(AuditFormMixin, ChildCreateMixin, CreateView):
    model = AuditProgramme  # the parent named in the URL
    page_title = gettext_lazy("New audit")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.parent}


class AuditUpdateView(EditPageMixin, AuditFormMixin, ScopedObjectMixin, UpdateView):
    model = Audit
    object_permission = Permission.CHANGE

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.object.programme}


class AuditDeleteView(RuleCheckedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Audit
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"

    def get_success_url(self) -> str:
        return reverse("audits:programme-detail", args=[self.object.programme_id])


class AuditPostView(ScopedObjectMixin, SingleObjectMixin, View):
    """A button on the audit page (POST only); the answer goes back to the audit page with a message."""

    model = Audit
    object_permission = Permission.WRITE_FINDINGS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        audit = self.get_object()
        try:
            message = self.act(audit)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect(audit)


class AuditTransitionView(AuditPostView):
    """``POST /audits/<pk>/status/`` with ``transition`` = start, write_report, reopen or close."""

    def act(self, audit: Audit) -> str:
        workflow.transition(audit, self.request.POST.get("transition", ""))
        return _("The audit is now “%(status)s”.") % {"status": audit.get_status_display()}


class RaiseNonconformitiesView(AuditPostView):
    """Raise the nonconformities that major and minor findings are missing (e.g. one was deleted)."""

    def act(self, audit: Audit) -> str:
        count = services.raise_missing_nonconformities(audit, user=self.request.user)
        return _("Nonconformities raised: %(count)s.") % {"count": count}
