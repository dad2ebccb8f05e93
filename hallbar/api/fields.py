from rest_framework import serializers

from .permissions import scope_for


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key whose choices are limited to the caller's scope: other ids 'do not exist'."""

    def get_queryset(self):
        return scope_for(self.context["request"]).filter(super().get_queryset())


class ReferenceSlugField(serializers.SlugRelatedField):
    """Reference data (themes, counties …) named by a key. A value that cannot be one – with a NUL
    character, which PostgreSQL refuses in any query – is "not found" like any unknown key."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", "\\0"))
        return super().to_internal_value(data)


class UrnRelatedField(ReferenceSlugField):
    """Reference data (framework items …) named by URN."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="urn", **kwargs)
