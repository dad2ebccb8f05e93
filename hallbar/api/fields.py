from rest_framework import serializers

from .permissions import scope_for


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key whose choices are limited to the caller's scope: other ids 'do not exist'."""

    def get_queryset(self):
        return scope_for(self.context["request"]).filter(super().get_queryset())


class UrnRelatedField(serializers.SlugRelatedField):
    """Reference data (framework items …) named by URN. A value that cannot be a URN – with a NUL
    character, which PostgreSQL refuses in any query – is "not found" like any unknown URN."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="urn", **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", "\\0"))
        return super().to_internal_value(data)
