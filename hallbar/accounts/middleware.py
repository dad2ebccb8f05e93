"""Attach the user's :class:`~hallbar.accounts.scoping.Scope` and active organisation to each request."""

from django.utils.functional import SimpleLazyObject

from hallbar.organisations.models import Organisation, OrganisationUnit

from .scoping import Scope

SESSION_KEY = "hallbar_organisation_id"
FOCUS_SESSION_KEY = "hallbar_focus_unit_id"


def member_of(user):
    """The active organisations where the user has an active membership (the organisation switcher's list)."""
    return Organisation.objects.filter(is_active=True, memberships__user=user, memberships__is_active=True).distinct()


def active_organisation(request) -> Organisation | None:
    """The organisation chosen in the switcher, or the user's first one (with its content version)."""
    user = request.user
    if not user.is_authenticated:
        return None
    organisations = member_of(user).select_related("content_version")
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        organisation = organisations.filter(pk=chosen).first()
        if organisation is not None:
            return organisation
    return organisations.order_by("name").first()


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
