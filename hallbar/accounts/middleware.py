"""Attach the user's :class:`~hallbar.accounts.scoping.Scope` and active organisation to each request."""

from django.utils.functional import SimpleLazyObject

from hallbar.organisations.models import Organisation

from .scoping import Scope

SESSION_KEY = "hallbar_organisation_id"


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


class ScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organisation = SimpleLazyObject(lambda: active_organisation(request))
        request.scope = SimpleLazyObject(lambda: Scope(request.user, request.organisation or None))
        return self.get_response(request)
