"""Attach the user's :class:`~hallbar.accounts.scoping.Scope` and active organisation to each request."""

from django.utils.functional import SimpleLazyObject

from hallbar.organisations.models import Organisation, OrganisationUnit

from .scoping import Scope

SESSION_KEY = "hallbar_organisation_id"
FOCUS_SESSION_KEY = "hallbar_focus_unit_id"


def active_organisation(request) -> Organisation | None:
    """The organisation chosen in the switcher, or the user's first one."""
    user = request.user
    if not user.is_authenticated:
        return None
    member_of = Organisation.objects.filter(
        is_active=True, memberships__user=user, memberships__is_active=True
    ).distinct()
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        organisation = member_of.filter(pk=chosen).first()
        if organisation is not None:
            return organisation
    return member_of.order_by("name").first()


def focus_unit(request) -> OrganisationUnit | None:
    """The unit chosen in the unit switcher, if it belongs to the active organisation."""
    chosen = request.session.get(FOCUS_SESSION_KEY)
    if chosen is None or not request.organisation:
        return None
    return OrganisationUnit.objects.filter(organisation=request.organisation, pk=chosen).first()


class ScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = SimpleLazyObject(lambda: active_organisation(request))
        request.scope = SimpleLazyObject(
            lambda: Scope(request.user, request.organisation or None, focus=focus_unit(request))
        )
        return self.get_response(request)
