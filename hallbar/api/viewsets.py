"""Base viewsets: every queryset goes through the Scope, every write through a permission check."""

import copy

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import models
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError

from hallbar.accounts.scoping import organisation_id_of, unit_of
from hallbar.core.deletion import DeletionRefused, guarded_delete
from hallbar.history.context import acting_as
from hallbar.organisations.models import OrganisationUnit

from .permissions import scope_for


def _with_changes(instance: models.Model, changes: dict) -> models.Model:
    """A copy of ``instance`` with the validated changes applied, for checking; nothing is saved."""
    candidate = copy.copy(instance)
    many_to_many = {field.name for field in instance._meta.many_to_many}
    for name, value in changes.items():
        if name not in many_to_many:
            setattr(candidate, name, value)
    return candidate


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    def get_queryset(self):
        return scope_for(self.request).filter(super().get_queryset())


class ScopedModelViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ScopedReadOnlyViewSet
):
    """Writes are checked against the object as it will be, and recorded with the API caller as actor.

    :class:`~hallbar.api.permissions.ScopedPermission` checks the object as it is (update, delete);
    create and update additionally check the object as it will be, so nothing can be created in,
    or moved into, a unit or organisation the caller may not change.

    The history middleware only knows session users: DRF authenticates tokens inside the view, so
    every write here runs under :func:`~hallbar.history.context.acting_as` the authenticated user.
    """

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    write_permission: str

    def permission_target(self, instance: models.Model) -> tuple[int, OrganisationUnit | None]:
        """The organisation and unit a write of ``instance`` (in its new state) must be allowed in."""
        return organisation_id_of(instance), unit_of(instance)

    def require_write(self, instance: models.Model) -> None:
        organisation_id, unit = self.permission_target(instance)
        if not scope_for(self.request).has(self.write_permission, organisation_id=organisation_id, unit=unit):
            raise PermissionDenied

    def perform_create(self, serializer):
        self.require_write(_with_changes(serializer.Meta.model(), serializer.validated_data))
        with acting_as(self.request.user):
            serializer.save()

    def perform_update(self, serializer):
        self.require_write(_with_changes(serializer.instance, serializer.validated_data))
        try:
            with acting_as(self.request.user):
                serializer.save()
        except DjangoPermissionDenied as error:
            raise PermissionDenied from error

    def perform_destroy(self, instance):
        self.require_write(instance)
        with acting_as(self.request.user):
            self.destroy_instance(instance)

    def destroy_instance(self, instance) -> None:
        instance.delete()


class GuardedDestroyMixin:
    """Delete through :func:`~hallbar.core.deletion.guarded_delete`: refused with the dependents named."""

    def destroy_instance(self, instance):
        try:
            guarded_delete(instance)
        except DeletionRefused as refusal:
            raise ValidationError({"detail": refusal.message, "dependents": refusal.dependents}) from refusal
        except ProtectedError as refusal:  # something started depending on it meanwhile
            raise ValidationError({"detail": _("Other records depend on it.")}) from refusal
