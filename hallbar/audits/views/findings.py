"""Findings: record one (in an audit in progress), its page with evidence and nonconformities, edit, delete."""

from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import ChildCreateMixin, EditPageMixin, ScopedObjectMixin

from .. import services, workflow
from ..forms import FindingForm
from ..models import Audit, Finding
from .base import RuleCheckedDeleteMixin, ServiceFormMixin


class FindingDetailView(ScopedObjectMixin, DetailView):
    model = Finding
    template_name = "audits/finding_detail.html"

    def get_queryset(self):
        related = ("audit__programme", "clause__library", "unit", "checklist_item__clause", "recorded_by")
        return super().get_queryset().select_related(*related)

    def get_context_data(self, **kwargs):
        finding = self.object
        editable = self.scope.has(Permission.WRITE_FINDINGS, finding) and workflow.editable(finding.audit, "findings")
        return super().get_context_data(can_change=editable, **kwargs)


class FindingCreateView(ServiceFormMixin, ChildCreateMixin, CreateView):
    model = Audit  # the parent named in the URL
    form_class = FindingForm
    parent_permission = Permission.WRITE_FINDINGS
    page_title = gettext_lazy("New finding")

    def get_initial(self):
        """``?item=<id>`` preselects the checklist question (only one of this audit's)."""
        item = self.request.GET.get("item", "")
        if item.isdigit() and self.parent.checklist.filter(pk=int(item)).exists():
            return {"checklist_item": int(item)}
        return {}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "audit": self.parent}

    def save(self, form):
        return services.save_finding(form.instance, user=self.request.user)


class FindingUpdateView(EditPageMixin, ServiceFormMixin, ScopedObjectMixin, UpdateView):
    model = Finding
    form_class = FindingForm
    object_permission = Permission.WRITE_FINDINGS

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "audit": self.object.audit}

    def save(self, form):
        return services.save_finding(form.instance, user=self.request.user)


class FindingDeleteView(RuleCheckedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Finding
    object_permission = Permission.WRITE_FINDINGS
    template_name = "web/confirm_delete.html"

    def get_success_url(self) -> str:
        return self.object.audit.get_absolute_url() + "#findings"
