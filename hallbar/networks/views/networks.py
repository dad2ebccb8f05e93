"""The network list, a network's page (members, shared examples, news feed) and its management."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from hallbar.accounts.roles import Permission
from hallbar.web.forms import add_errors
from hallbar.web.mixins import FormPageMixin, OrganisationRequiredMixin

from .. import queries, services
from ..forms import InviteForm, NetworkForm, SharingForm
from ..models import NetworkMembership
from .base import NetworkMixin


class NetworkListView(OrganisationRequiredMixin, TemplateView):
    template_name = "networks/network_list.html"

    def get_context_data(self, **kwargs):
        memberships = list(queries.networks_of(self.organisation))
        return super().get_context_data(
            memberships=[m for m in memberships if m.status == NetworkMembership.Status.ACTIVE],
            invitations=[m for m in memberships if m.status == NetworkMembership.Status.INVITED],
            can_create=self.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=self.organisation.pk),
            **kwargs,
        )


class NetworkCreateView(FormPageMixin, OrganisationRequiredMixin, FormView):
    permission = Permission.MANAGE_FOLLOW_UP
    form_class = NetworkForm
    page_title = gettext_lazy("Set up a network")
    page_intro = gettext_lazy(
        "Your organisation manages the network and is its first member. Invite other organisations on its page."
    )
    submit_label = gettext_lazy("Set up the network")

    def get_cancel_url(self) -> str:
        return reverse("networks:list")

    def form_valid(self, form):
        form.instance.organisation = self.organisation
        try:
            network = services.create_network(form.instance, user=self.request.user)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": network})
        return HttpResponseRedirect(network.get_absolute_url())


class NetworkDetailView(NetworkMixin, TemplateView):
    template_name = "networks/network_detail.html"
    invited_may_see = True

    def get_context_data(self, **kwargs):
        context = {"members": list(queries.members(self.network)), "examples_available": queries.examples_available()}
        if self.membership.is_active:
            context.update(
                feed=queries.feed(self.network),
                examples=queries.shared_examples(self.network),
                shared_count=self.membership.shared_indicators.count(),
            )
        return super().get_context_data(**context, **kwargs)


class NetworkUpdateView(FormPageMixin, NetworkMixin, FormView):
    form_class = NetworkForm
    manage = "owner"

    def get_page_title(self) -> str:
        return _("Edit %(name)s") % {"name": self.network}

    def get_cancel_url(self) -> str:
        return self.network.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.network}

    def form_valid(self, form):
        try:
            services.save_network(form.instance)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(object)s was saved.") % {"object": self.network})
        return HttpResponseRedirect(self.network.get_absolute_url())


class InviteView(FormPageMixin, NetworkMixin, FormView):
    form_class = InviteForm
    manage = "owner"
    submit_label = gettext_lazy("Invite")
    page_intro = gettext_lazy(
        "An invited organisation sees the network's name, description and members, and becomes a member when "
        "its coordinator accepts. Members see only what each member chooses to share."
    )

    def get_page_title(self) -> str:
        return _("Invite organisations to %(network)s") % {"network": self.network}

    def get_cancel_url(self) -> str:
        return self.network.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "candidates": queries.invitable(self.network)}

    def form_valid(self, form):
        try:
            invited = services.invite(self.network, form.cleaned_data["invitees"], user=self.request.user)
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Invitations sent: %(count)d.") % {"count": len(invited)})
        return HttpResponseRedirect(self.network.get_absolute_url())


class RespondView(NetworkMixin, View):
    """Accept or decline the active organisation's invitation (its coordinators)."""

    http_method_names = ["post"]
    invited_may_see = True
    manage = "member"

    def post(self, request, *args, **kwargs):
        answer = request.POST.get("answer")
        try:
            if answer == "accept":
                services.accept(self.membership)
                messages.success(request, _("You are now a member of %(network)s.") % {"network": self.network})
                return HttpResponseRedirect(self.network.get_absolute_url())
            if answer == "decline":
                services.decline(self.membership)
                messages.success(request, _("The invitation was declined."))
                return HttpResponseRedirect(reverse("networks:list"))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("networks:list"))
        messages.error(request, _("Choose whether to accept or decline the invitation."))
        return HttpResponseRedirect(self.network.get_absolute_url())


class LeaveView(NetworkMixin, View):
    http_method_names = ["post"]
    manage = "member"

    def post(self, request, *args, **kwargs):
        try:
            services.leave(self.membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(self.network.get_absolute_url())
        messages.success(request, _("Your organisation left %(network)s.") % {"network": self.network})
        return HttpResponseRedirect(reverse("networks:list"))


class RemoveMemberView(OrganisationRequiredMixin, View):
    """The managing organisation's coordinators remove a member or withdraw an invitation."""

    http_method_names = ["post"]
    model = NetworkMembership

    def post(self, request, *args, **kwargs):
        membership = get_object_or_404(
            NetworkMembership.objects.select_related("network", "organisation"),
            pk=kwargs["pk"],
            network__organisation=self.organisation,
        )
        if not self.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=self.organisation.pk):
            raise PermissionDenied
        network = membership.network
        try:
            if membership.status == NetworkMembership.Status.INVITED:
                services.decline(membership)
            else:
                services.leave(membership)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(organisation)s is no longer in the network.") % {"organisation": membership.organisation}
            )
        return HttpResponseRedirect(network.get_absolute_url())


class SharingView(FormPageMixin, NetworkMixin, FormView):
    """Which of the active organisation's indicators it shares with the network."""

    form_class = SharingForm
    manage = "member"
    submit_label = gettext_lazy("Save what we share")
    page_intro = gettext_lazy(
        "Members of the network see the whole-organisation values of the indicators you share, in the shared "
        "indicator panel. Values for units, comments and everything else stay with you."
    )

    def get_page_title(self) -> str:
        return _("What we share with %(network)s") % {"network": self.network}

    def get_cancel_url(self) -> str:
        return self.network.get_absolute_url()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indicators": services.shareable_indicators(self.membership)}

    def get_initial(self):
        return {"indicators": [share.indicator_id for share in self.membership.shared_indicators.all()]}

    def form_valid(self, form):
        try:
            added, removed = services.save_sharing(
                self.membership, form.cleaned_data["indicators"], user=self.request.user
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Sharing saved: %(added)d indicators newly shared, %(removed)d no longer shared.")
            % {"added": added, "removed": removed},
        )
        return HttpResponseRedirect(self.network.get_absolute_url())
