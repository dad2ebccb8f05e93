"""The sharing organisation's side: share an action, edit, withdraw, add and remove files."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, FormView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from hallbar.accounts.roles import Permission
from hallbar.actions.models import Action
from hallbar.web.forms import add_errors
from hallbar.web.mixins import EditPageMixin, FormPageMixin, MayCreateMixin, OrganisationRequiredMixin

from .. import services
from ..forms import AttachmentForm, ExampleForm, ShareForm
from ..models import Example
from .common import OwnAttachmentMixin, OwnExampleMixin, changeable

RELATIONS = ("goals", "framework_items", "themes")


def _links(form) -> dict:
    return {name: form.cleaned_data[name] for name in RELATIONS}


def _fields(form, exclude=("action", *RELATIONS)) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name not in exclude}


class ShareView(FormPageMixin, MayCreateMixin, OrganisationRequiredMixin, CreateView):
    """Share one of the organisation's actions (``?action=<pk>`` chooses it) as a good example."""

    model = Example
    form_class = ShareForm
    page_title = gettext_lazy("Share an action as a good example")
    page_intro = gettext_lazy(
        "Every organisation using Hållbar will be able to read the example, save it and copy it into its own "
        "action plan. The contact person's name and e-mail are shown to signed-in users only, never publicly."
    )
    submit_label = gettext_lazy("Share")

    def get_cancel_url(self) -> str:
        return reverse("examples:library")

    def _actions(self):
        return changeable(self, Action.objects.all()).order_by("title")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation, "actions": self._actions()}

    def get_initial(self):
        action_id = self.request.GET.get("action", "")
        if not action_id.isdigit():
            return {}
        action = self._actions().filter(pk=action_id).first()
        return {"action": action, **services.initial_from_action(action)} if action else {}

    def form_valid(self, form):
        try:
            self.object = services.share_action(
                form.cleaned_data["action"], user=self.request.user, **_links(form), **_fields(form)
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("“%(title)s” is now in the library of good examples.") % {"title": self.object}
        )
        return HttpResponseRedirect(self.object.get_absolute_url())


class ExampleUpdateView(EditPageMixin, OwnExampleMixin, UpdateView):
    form_class = ExampleForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def form_valid(self, form):
        example = Example.objects.get(pk=self.object.pk)  # the form changed self.object already
        try:
            self.object = services.update_example(example, **_links(form), **_fields(form))
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())


class WithdrawView(OwnExampleMixin, DeleteView):
    """Withdraw (``POST``) after a confirmation page: the example leaves the library for good."""

    template_name = "examples/withdraw.html"

    def form_valid(self, form):
        services.withdraw(self.object)
        messages.success(self.request, _("“%(title)s” was withdrawn from the library.") % {"title": self.object})
        return HttpResponseRedirect(reverse("examples:library"))


class AttachmentUploadView(FormPageMixin, OwnExampleMixin, SingleObjectMixin, FormView):
    form_class = AttachmentForm
    template_name = "examples/attachment_form.html"
    submit_label = gettext_lazy("Upload")

    def check_permission(self) -> None:
        super().check_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.scope.require(Permission.CHANGE, self.object)

    def get_page_title(self) -> str:
        return _("Add a file to “%(title)s”") % {"title": self.object.title}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()

    def form_valid(self, form):
        try:
            services.add_attachment(self.object, form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The file was added."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class AttachmentDeleteView(OwnAttachmentMixin, DeleteView):
    template_name = "web/confirm_delete.html"

    def form_valid(self, form):
        example = self.object.example
        services.delete_attachment(self.object)
        messages.success(self.request, _("%(object)s was deleted.") % {"object": self.object})
        return HttpResponseRedirect(example.get_absolute_url())
