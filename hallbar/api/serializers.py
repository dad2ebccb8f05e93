"""Serializer building blocks shared by the domain modules of the API."""

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from .errors import refusals


class ModelCleanSerializer(serializers.ModelSerializer):
    """Runs the model's own ``clean()`` on the object as it would be saved, so the API refuses what
    the forms refuse, with the same messages. ``fixed_fields`` cannot change after creation."""

    fixed_fields: tuple[str, ...] = ()

    def validate(self, attrs):
        if self.instance is not None:
            for name in self.fixed_fields:
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise ValidationError({name: _("This cannot be changed once it is created.")})
        candidate = self.Meta.model(
            **{
                **self._current(),
                **{key: value for key, value in attrs.items() if key not in self._many_to_many()},
            }
        )
        with refusals():
            candidate.clean()
        return attrs

    def _many_to_many(self) -> set[str]:
        return {field.name for field in self.Meta.model._meta.many_to_many}

    def _current(self) -> dict:
        if self.instance is None:
            return {}
        return {
            field.name: getattr(self.instance, field.name)
            for field in self.instance._meta.concrete_fields
            if not field.primary_key
        } | {"pk": self.instance.pk}
