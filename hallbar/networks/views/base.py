"""The view base of every network page: the active organisation's own membership decides what is seen."""

from django.core.exceptions import PermissionDenied

from hallbar.accounts.roles import Permission
from hallbar.web.mixins import OrganisationRequiredMixin

from .. import queries
from ..models import Network


class NetworkMixin(OrganisationRequiredMixin):
    """``self.network`` and ``self.membership`` (the active organisation's) from ``pk``; a network the
    organisation is not a member of is 404 (with ``invited_may_see``, an open invitation is enough)."""

    model = Network
    invited_may_see = False
    manage = None  # "owner": the network's organisation manages; "member": the member's own choices

    def check_permission(self) -> None:
        super().check_permission()
        self.membership = queries.membership_or_404(
            self.organisation, self.kwargs["pk"], active=not self.invited_may_see
        )
        self.network = self.membership.network
        self.is_owner = self.network.organisation_id == self.organisation.pk
        may_manage = self.scope.has(Permission.MANAGE_FOLLOW_UP, organisation_id=self.organisation.pk)
        self.can_manage = self.is_owner and may_manage
        self.can_answer = may_manage
        if self.manage == "owner" and not self.can_manage:
            raise PermissionDenied
        if self.manage == "member" and not may_manage:
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            network=self.network,
            membership=self.membership,
            is_owner=self.is_owner,
            can_manage=self.can_manage,
            can_answer=self.can_answer,
            **kwargs,
        )
