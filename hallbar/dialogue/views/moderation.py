"""For coordinators: the moderation queue and one contribution's page (approve, reject with a reason,
answer publicly, turn a proposal into an action)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, TemplateView

from hallbar.accounts.roles import Permission
from hallbar.portal.publishable import public_url
from hallbar.web.mixins import OrganisationRequiredMixin, ScopedObjectMixin

from .. import queries, services
from ..forms import ActionForm, AnswerForm, RejectForm
from ..models import Contribution


class QueueView(OrganisationRequiredMixin, TemplateView):
    permission = Permission.MANAGE_FOLLOW_UP
    template_name = "dialogue/moderation/queue.html"
    page_title = gettext_lazy("Citizen dialogue")

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", Contribution.Status.PENDING)
        if status not in Contribution.Status.values:
            status = Contribution.Status.PENDING
        counts = queries.counts(self.scope)
        tabs = [(value, label, counts.get(value, 0)) for value, label in Contribution.Status.choices]
        return super().get_context_data(
            page_title=self.page_title, status=status, tabs=tabs, entries=queries.queue(self.scope, status), **kwargs
        )


class EntryView(ScopedObjectMixin, DetailView):
    model = Contribution
    permission = Permission.MANAGE_FOLLOW_UP
    object_permission = Permission.MANAGE_FOLLOW_UP
    template_name = "dialogue/moderation/entry.html"
    context_object_name = "entry"
    FORMS = {"reject": RejectForm, "answer": AnswerForm, "action": ActionForm}

    def get_queryset(self):
        return super().get_queryset().select_related("goal__plan__organisation", "moderated_by")

    def get_context_data(self, **kwargs):
        entry = self.object
        forms = kwargs.pop("forms", {})
        context = {
            "page_title": str(entry),
            "action": services.action_for(entry),
            "reject_form": forms.get("reject") or RejectForm(initial={"reason": entry.rejection_reason}),
            "answer_form": forms.get("answer") or AnswerForm(initial={"answer": entry.answer}),
            "action_form": forms.get("action") or ActionForm(initial={"title": entry.text[:120]}),
            "goal_public_url": public_url(entry.goal, entry.organisation),
        }
        return super().get_context_data(**context, **kwargs)

    def post(self, request, pk: int):
        self.object = entry = self.get_object()
        operation = request.POST.get("operation", "")
        form = self.FORMS[operation](request.POST) if operation in self.FORMS else None
        if form is not None and not form.is_valid():
            return self.render_to_response(self.get_context_data(forms={operation: form}), status=400)
        try:
            message = self.perform(operation, entry, form)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(entry.get_absolute_url())
        messages.success(request, message)
        return HttpResponseRedirect(entry.get_absolute_url())

    def perform(self, operation: str, entry: Contribution, form) -> str:
        user = self.request.user
        if operation == "approve":
            services.approve(entry, user=user)
            return _("The contribution is approved and shown on the public goal page.")
        if operation == "reject":
            services.reject(entry, user=user, reason=form.cleaned_data["reason"])
            return _("The contribution is rejected; it is not shown publicly.")
        if operation == "answer":
            services.answer(entry, user=user, text=form.cleaned_data["answer"])
            return _("The public answer is saved.")
        if operation == "action":
            action = services.make_action(entry, user=user, title=form.cleaned_data["title"])
            return _("The proposal became the action “%(action)s”.") % {"action": action.title}
        raise ValidationError(_("Unknown operation."))
