"""Registering, editing, the root-cause analysis, corrective actions and the guarded delete."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.web.forms import add_errors
from hallbar.web.mixins import (
    ChangeCheckMixin,
    ChildCreateMixin,
    EditPageMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ResponsibleUnitFormMixin,
    ScopedObjectMixin,
    units_for,
)

from .. import permissions, services
from ..forms import AnalysisForm, CorrectiveActionForm, NonconformityForm
from ..models import Nonconformity


class NonconformityCreateView(FormPageMixin, OrganisationRequiredMixin, CreateView):
    """Registering a complaint, an incident or another nonconformity by hand (others are raised from
    their audit finding, evaluation … by the app that owns it)."""

    model = Nonconformity
    form_class = NonconformityForm
    page_title = gettext_lazy("Register a nonconformity")
    submit_label = gettext_lazy("Register")
    cancel_url = reverse_lazy("nonconformities:list")

    def check_permission(self) -> None:
        super().check_permission()
        if not permissions.may_register(self.scope, self.organisation):
            raise PermissionDenied

    def get_form_kwargs(self):
        units = permissions.registrable_units(self.scope, self.organisation)
        return {**super().get_form_kwargs(), "organisation": self.organisation, "units": units}

    def form_valid(self, form):
        nonconformity = form.instance
        nonconformity.reported_by = self.request.user
        if not permissions.may_register_for(self.scope, nonconformity):
            form.add_error("responsible_unit", _("You may only make it the responsibility of a unit you work in."))
            return self.form_invalid(form)
        try:
            self.object = services.create_nonconformity(nonconformity, user=self.request.user)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was registered.") % {"object": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())


class NonconformityUpdateView(EditPageMixin, ResponsibleUnitFormMixin, ScopedObjectMixin, UpdateView):
    model = Nonconformity
    form_class = NonconformityForm
    object_permission = Permission.CHANGE

    def save(self, form):
        return services.update_nonconformity(form.instance)


class AnalysisView(EditPageMixin, ChangeCheckMixin, ScopedObjectMixin, UpdateView):
    model = Nonconformity
    form_class = AnalysisForm
    object_permission = Permission.CHANGE
    page_intro = gettext_lazy(
        "Find the cause, so that the corrective actions remove it and the nonconformity does not recur. "
        "With the five whys, ask “why?” of each answer until you reach a cause you can act on."
    )

    def get_page_title(self) -> str:
        return _("Root-cause analysis: %(name)s") % {"name": self.object}

    def save(self, form):
        return services.save_analysis(form.instance, form.answers())

    def get_success_url(self) -> str:
        return f"{self.object.get_absolute_url()}#analysis"


class CorrectiveActionCreateView(ChildCreateMixin, CreateView):
    """``/nonconformities/<pk>/actions/new/``: an action with the nonconformity as its reason."""

    model = Nonconformity
    form_class = CorrectiveActionForm
    submit_label = gettext_lazy("Add the corrective action")

    def get_page_title(self) -> str:
        return _("New corrective action: %(name)s") % {"name": self.parent}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return {**kwargs, "nonconformity": self.parent, "units": units_for(self, self.parent.responsible_unit)}

    def save(self, form):
        fields = {name: value for name, value in form.cleaned_data.items() if name != "title"}
        return services.add_corrective_action(self.parent, title=form.cleaned_data["title"], **fields)

    def get_success_url(self) -> str:
        return f"{self.parent.get_absolute_url()}#actions"


class NonconformityDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    model = Nonconformity
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("nonconformities:list")

    def form_valid(self, form):
        self.object = self.get_object()
        reason = services.deletion_refusal(self.object)
        if reason is not None:
            messages.error(
                self.request, _("%(object)s cannot be deleted: %(reason)s") % {"object": self.object, "reason": reason}
            )
            return HttpResponseRedirect(self.object.get_absolute_url())
        return super().form_valid(form)
