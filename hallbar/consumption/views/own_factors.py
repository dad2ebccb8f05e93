"""The organisation's own activity factors: create, edit, delete (listed on the factor page)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, UpdateView

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import (
    ChangeCheckMixin,
    EditPageMixin,
    FormPageMixin,
    OrganisationRequiredMixin,
    ScopedObjectMixin,
)

from .. import services
from ..forms import OwnFactorForm
from ..models import OwnFactor

RECOMPUTING = gettext_lazy("The footprint is being recomputed with it.")


class OwnFactorFormMixin(ChangeCheckMixin, FormPageMixin):
    model = OwnFactor
    form_class = OwnFactorForm
    success_url = reverse_lazy("consumption:factor-sets")
    cancel_url = reverse_lazy("consumption:factor-sets")
    unit_field = None
    page_intro = gettext_lazy(
        "Your own figure, for example your district-heating supplier's kg CO2e per kWh, is used instead of the "
        "shipped factor in every mapping that names it, for all your ledgers. Its source is shown wherever it is used."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def save(self, form):
        factor = services.save_own_factor(form.instance)
        messages.info(self.request, RECOMPUTING)
        return factor


class OwnFactorCreateView(OwnFactorFormMixin, OrganisationRequiredMixin, CreateView):
    permission = Permission.CHANGE
    page_title = gettext_lazy("New own activity factor")


class OwnFactorUpdateView(EditPageMixin, OwnFactorFormMixin, ScopedObjectMixin, UpdateView):
    object_permission = Permission.CHANGE

    def get_cancel_url(self) -> str:
        return str(self.cancel_url)


class OwnFactorDeleteView(ScopedObjectMixin, DeleteView):
    model = OwnFactor
    object_permission = Permission.CHANGE
    template_name = "web/confirm_delete.html"
    success_url = reverse_lazy("consumption:factor-sets")

    def form_valid(self, form):
        self.object = self.get_object()
        services.delete_own_factor(self.object)
        messages.success(self.request, _("%(object)s was deleted.") % {"object": self.object})
        messages.info(self.request, _("The footprint is being recomputed with the shipped factor."))
        return HttpResponseRedirect(self.success_url)
