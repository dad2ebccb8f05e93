from rest_framework import serializers

from .permissions import scope_for


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key whose choices are limited to the caller's scope: other ids 'do not exist'."""

    def get_queryset(self):
        return scope_for(self.context["request"]).filter(super().get_queryset())
