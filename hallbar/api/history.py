from rest_framework import serializers

from hallbar.history.models import ChangeRecord

from .viewsets import ScopedReadOnlyViewSet


class ChangeSerializer(serializers.ModelSerializer):
    model = serializers.SerializerMethodField()
    actor = serializers.EmailField(source="actor.email", read_only=True, allow_null=True)

    class Meta:
        model = ChangeRecord
        fields = ["id", "organisation", "model", "object_id", "object_repr", "action", "changes", "actor", "created_at"]

    def get_model(self, record) -> str:
        return f"{record.content_type.app_label}.{record.content_type.model}"


class ChangeViewSet(ScopedReadOnlyViewSet):
    """The audit trail: every create, update and delete, with field-level changes."""

    queryset = ChangeRecord.objects.select_related("content_type", "actor")
    serializer_class = ChangeSerializer
