"""For coordinators: the portal settings page (with every publishable record and its toggle), and the
publish/unpublish action used there and on the records' own pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import UpdateView

from hallbar.accounts.roles import Permission
from hallbar.web.forms import add_errors
from hallbar.web.mixins import FormPageMixin, OrganisationRequiredMixin

from .. import queries, services
from ..forms import PortalSettingsForm
from ..publishable import KINDS, home_url, public_url


class PortalSettingsView(FormPageMixin, OrganisationRequiredMixin, UpdateView):
    """The active organisation's portal settings (no id in the address: always one's own)."""

    permission = Permission.MANAGE_FOLLOW_UP
    form_class = PortalSettingsForm
    template_name = "portal/settings.html"
    page_title = gettext_lazy("Public portal")

    def get_object(self, queryset=None):
        return services.settings_for(self.organisation)

    def get_context_data(self, **kwargs):
        ids = queries.published_ids(self.organisation)
        groups = []
        for kind in KINDS.values():
            records = list(self.scope.filter(kind.model._default_manager.filter(**kind.public_filter)).order_by("pk"))
            for record in records:
                record.internal_url = (
                    reverse(kind.internal_url_name) if kind.internal_url_name else record.get_absolute_url()
                )
                record.is_published = record.pk in ids[kind.model]
                record.public_url = public_url(record, self.organisation) if record.is_published else None
            groups.append({"kind": kind, "records": records})
        return super().get_context_data(
            groups=groups, public_home=home_url(self.organisation), next_url=self.request.path, **kwargs
        )

    def form_valid(self, form):
        try:
            services.save_settings(form.instance)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The portal settings were saved."))
        return HttpResponseRedirect(self.request.path)


class PublishView(OrganisationRequiredMixin, View):
    """POST ``publish=1`` publishes the record named by its model label and id, ``publish=0`` takes it down."""

    http_method_names = ["post"]
    permission = Permission.MANAGE_FOLLOW_UP

    def post(self, request, label: str, pk: int):
        kind = KINDS.get(label)
        if kind is None:
            raise Http404
        obj = get_object_or_404(self.scope.filter(kind.model._default_manager.all()), pk=pk)
        if request.POST.get("publish") == "1":
            try:
                services.publish(obj, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("%(object)s is published on the public portal.") % {"object": obj})
        else:
            services.unpublish(obj)
            messages.success(request, _("%(object)s is no longer on the public portal.") % {"object": obj})
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("portal:settings")
        return HttpResponseRedirect(target)
