"""Posting progress updates (in place with htmx, or as a plain form post) and the follow-up settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.web.forms import add_errors
from hallbar.web.mixins import FormPageMixin, OrganisationRequiredMixin, ScopedQuerysetMixin

from .. import queries, services
from ..forms import FollowUpSettingsForm, ProgressUpdateForm
from ..models import Action

PARTIAL = "actions/includes/progress.html"


class ProgressCreateView(FormPageMixin, ScopedQuerysetMixin, FormView):
    """``POST /actions/<pk>/progress/``: with htmx the progress section is answered in place; without
    JavaScript the browser goes back to the action page (or gets this form again, with the errors)."""

    model = Action
    form_class = ProgressUpdateForm
    submit_label = gettext_lazy("Post the update")

    def check_permission(self) -> None:
        super().check_permission()
        self.action = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not services.can_post_progress(self.scope, self.action):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "action": self.action, "author": self.request.user}

    def get_page_title(self) -> str:
        return _("Progress update: %(action)s") % {"action": self.action}

    def get_cancel_url(self) -> str:
        return self.action.get_absolute_url()

    def form_valid(self, form):
        try:
            services.post_progress(self.action, author=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        if self.request.htmx:
            fresh = ProgressUpdateForm(action=self.action, author=self.request.user)
            return self.partial(fresh, posted=True)
        messages.success(self.request, _("The progress update was posted."))
        return HttpResponseRedirect(f"{self.action.get_absolute_url()}#progress")

    def form_invalid(self, form):
        if self.request.htmx:
            return self.partial(form)
        return super().form_invalid(form)

    def partial(self, form, posted: bool = False):
        queries.flag([self.action], queries.follow_up_settings(self.action.organisation))
        context = {
            "action": self.action,
            "updates": queries.timeline(self.action),
            "progress_form": form,
            "can_post": True,
            "posted": posted,
        }
        return render(self.request, PARTIAL, context)


class FollowUpSettingsView(FormPageMixin, OrganisationRequiredMixin, UpdateView):
    """The active organisation's follow-up settings (no id in the address: always one's own)."""

    permission = Permission.MANAGE_FOLLOW_UP
    form_class = FollowUpSettingsForm
    page_title = gettext_lazy("Follow-up settings")
    page_intro = gettext_lazy(
        "When an action counts as stale, how often its contact person is reminded, and how long before a "
        "reporting deadline units are reminded."
    )

    def get_object(self, queryset=None):
        return queries.follow_up_settings(self.organisation)

    def get_cancel_url(self) -> str:
        return reverse("actions:list")

    def form_valid(self, form):
        try:
            services.save_follow_up_settings(form.instance)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The follow-up settings were saved."))
        return HttpResponseRedirect(self.request.path)
