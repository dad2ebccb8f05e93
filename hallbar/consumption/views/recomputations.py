"""Recomputing the footprint in the background: the button on the results page and its progress there."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import OrganisationRequiredMixin, ScopedObjectMixin

from .. import services
from ..models import Recomputation


class RecomputeView(OrganisationRequiredMixin, View):
    permission = Permission.CHANGE

    def post(self, request):
        try:
            services.start_recompute(self.organisation, request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, _("The footprint is being recomputed with the current mappings and conversion."))
        return HttpResponseRedirect(reverse("consumption:overview"))


class RecomputationView(ScopedObjectMixin, DetailView):
    """The results page polls this while a recomputation runs; when it has ended, the page reloads to show the
    new figures and how it ended."""

    model = Recomputation
    template_name = "consumption/includes/recomputation.html"
    context_object_name = "recomputation"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.headers.get("HX-Request"):
            return HttpResponseRedirect(reverse("consumption:overview"))
        if self.object.is_finished:
            return HttpResponse(headers={"HX-Refresh": "true"})
        return super().get(request, *args, **kwargs)
