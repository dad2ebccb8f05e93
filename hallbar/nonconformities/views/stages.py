"""The stage changes: one small POST form per move (on the nonconformity's page), answered here.

A GET shows the same form on a page of its own, saying beforehand when the move is not allowed yet;
a refused POST comes back with the reason (see :mod:`hallbar.nonconformities.workflow`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import FormView

from hallbar.web.forms import add_errors
from hallbar.web.mixins import FormPageMixin, ScopedQuerysetMixin

from .. import workflow
from ..forms import TransitionForm
from ..models import Nonconformity


class TransitionView(FormPageMixin, ScopedQuerysetMixin, FormView):
    model = Nonconformity
    form_class = TransitionForm
    transition_name = ""  # one of workflow.TRANSITIONS, given in urls.py

    def check_permission(self) -> None:
        super().check_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.transition = workflow.TRANSITIONS[self.transition_name]
        if not workflow.may(self.scope, self.object, self.transition):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "transition": self.transition}

    def get_page_title(self) -> str:
        return f"{self.transition.label}: {self.object}"

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = self.transition.label
        if self.request.method == "GET":
            context["page_intro"] = workflow.refusal(self.object, self.transition.name, user=self.request.user) or ""
        return context

    def form_valid(self, form):
        try:
            workflow.move(
                self.object, self.transition.name, user=self.request.user, comment=form.cleaned_data["comment"]
            )
        except workflow.TransitionRefused as refusal:
            add_errors(form, refusal)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(object)s is now at the stage “%(stage)s”.")
            % {"object": self.object.reference, "stage": self.object.get_stage_display()},
        )
        return HttpResponseRedirect(f"{self.object.get_absolute_url()}#stages")
