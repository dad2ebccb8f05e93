"""The significance settings (method, threshold, review interval) and the criteria, for coordinators."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import (
    ChangeCheckMixin,
    EditPageMixin,
    FormPageMixin,
    GuardedDeleteMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
)

from .. import queries, services
from ..forms import AspectSettingsForm, CriterionForm
from ..models import SignificanceCriterion

SETTINGS_URL = reverse_lazy("aspects:settings")


class SettingsView(ChangeCheckMixin, FormPageMixin, OrganisationRequiredMixin, UpdateView):
    """The active organisation's settings (no id in the address: always one's own). Opening the page
    the first time loads the default criteria (``services.ensure_settings``)."""

    permission = Permission.MANAGE_FOLLOW_UP
    form_class = AspectSettingsForm
    template_name = "aspects/settings.html"
    page_title = gettext_lazy("Settings for sustainability aspects")
    cancel_url = reverse_lazy("aspects:overview")

    def get_object(self, queryset=None):
        return services.ensure_settings(self.organisation)

    def save(self, form):
        return services.save_settings(form.instance)

    def get_success_url(self) -> str:
        return self.request.path

    def get_context_data(self, **kwargs):
        return super().get_context_data(criteria=queries.criteria(self.organisation), **kwargs)


class CriterionFormMixin(ChangeCheckMixin, FormPageMixin):
    model = SignificanceCriterion
    form_class = CriterionForm
    cancel_url = SETTINGS_URL
    success_url = SETTINGS_URL

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def save(self, form):
        return services.save_criterion(form.instance)


class CriterionCreateView(CriterionFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.MANAGE_FOLLOW_UP
    page_title = gettext_lazy("New significance criterion")


class CriterionUpdateView(EditPageMixin, CriterionFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.MANAGE_FOLLOW_UP

    def get_cancel_url(self) -> str:
        return str(SETTINGS_URL)


class CriterionDeleteView(GuardedDeleteMixin, ScopedObjectMixin, DeleteView):
    """Refused, with the reason, for a criterion used in scorings or the last active one."""

    model = SignificanceCriterion
    object_permission = Permission.MANAGE_FOLLOW_UP
    template_name = "aspects/criterion_confirm_delete.html"
    delete_object = staticmethod(services.delete_criterion)
    success_url = reverse_lazy("aspects:settings")

    def get_refused_url(self) -> str:
        return self.success_url
