"""Base viewsets: every queryset goes through the Scope, every write through a permission check."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied

from hallbar.accounts.scoping import organisation_id_of, unit_of

from .permissions import scope_for


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    def get_queryset(self):
        return scope_for(self.request).filter(super().get_queryset())


class ScopedModelViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, ScopedReadOnlyViewSet
):
    """Create checks the permission on the new object before it is saved."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def perform_create(self, serializer):
        instance = serializer.Meta.model(**serializer.validated_data)
        scope = scope_for(self.request)
        if not scope.has(self.write_permission, organisation_id=organisation_id_of(instance), unit=unit_of(instance)):
            raise PermissionDenied
        serializer.save()

    def perform_update(self, serializer):
        try:
            super().perform_update(serializer)
        except DjangoPermissionDenied as error:
            raise PermissionDenied from error
