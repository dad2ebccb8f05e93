"""API permissions, delegating every decision to the user's Scope."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from hallbar.accounts.roles import Permission
from hallbar.accounts.scoping import Scope


def scope_for(request) -> Scope:
    """The API scope covers every organisation the user is a member of."""
    if not hasattr(request, "_api_scope"):
        request._api_scope = Scope(request.user)
    return request._api_scope


class ScopedPermission(BasePermission):
    """Authenticated; writes need the view's ``write_permission`` on the object (unit-aware)."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        if getattr(type(obj), "organisation_lookup", None) is None:
            return request.method in SAFE_METHODS
        permission = (
            Permission.VIEW if request.method in SAFE_METHODS else getattr(view, "write_permission", Permission.CHANGE)
        )
        return scope_for(request).has(permission, obj)
