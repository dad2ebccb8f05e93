"""The checklist page (every question, answer and conclusion at once, and the audit's conclusions),
adding a free question and deleting one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import modelformset_factory
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView

from hallbar.accounts.roles import Permission
from hallbar.web.forms import add_errors
from hallbar.web.mixins import ChildCreateMixin, ScopedObjectMixin

from .. import queries, services, workflow
from ..forms import ChecklistItemForm, ConclusionsForm, QuestionForm
from ..models import Audit, ChecklistItem
from .base import RuleCheckedDeleteMixin, ServiceFormMixin

ChecklistFormSet = modelformset_factory(ChecklistItem, form=ChecklistItemForm, extra=0)


class ChecklistView(ScopedObjectMixin, DetailView):
    """``GET``: the checklist as a form; ``POST``: saves every question and the conclusions at once."""

    model = Audit
    object_permission = Permission.WRITE_FINDINGS
    template_name = "audits/checklist.html"

    def get_queryset(self):
        return super().get_queryset().select_related(*queries.AUDIT_RELATED)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not workflow.editable(self.object, "checklist"):
            try:
                workflow.require_editable(self.object, "checklist")
            except ValidationError as error:
                messages.error(request, error.messages[0])
            return HttpResponseRedirect(self.object.get_absolute_url())
        return self.show(self.formset(), ConclusionsForm(instance=self.object, prefix="audit"))

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        formset = self.formset(request.POST)
        conclusions = ConclusionsForm(request.POST, instance=self.object, prefix="audit")
        if formset.is_valid() and conclusions.is_valid():
            items = [form.instance for form in formset.forms if form.has_changed()]
            try:
                services.save_checklist(self.object, items, conclusions=conclusions.cleaned_data["conclusions"])
            except ValidationError as error:
                add_errors(conclusions, error)
            else:
                messages.success(request, _("The checklist was saved."))
                return HttpResponseRedirect(self.object.get_absolute_url() + "#checklist")
        return self.show(formset, conclusions)

    def formset(self, data=None):
        return ChecklistFormSet(data, queryset=self.object.checklist.select_related("clause"), prefix="items")

    def show(self, formset, conclusions_form):
        context = self.get_context_data(formset=formset, conclusions_form=conclusions_form)
        return render(self.request, self.template_name, context)


class QuestionCreateView(ServiceFormMixin, ChildCreateMixin, CreateView):
    model = Audit  # the parent named in the URL
    form_class = QuestionForm
    parent_permission = Permission.WRITE_FINDINGS
    page_title = gettext_lazy("New checklist question")
    page_intro = gettext_lazy("A question of your own, in addition to those generated from the audit's clauses.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "audit": self.parent}

    def save(self, form):
        return services.add_question(self.parent, form.cleaned_data["question"])

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class QuestionDeleteView(RuleCheckedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = ChecklistItem
    object_permission = Permission.WRITE_FINDINGS
    template_name = "web/confirm_delete.html"

    def get_success_url(self) -> str:
        return self.object.audit.get_absolute_url() + "#checklist"
