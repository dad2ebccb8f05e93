"""Nonconformities: read them, register complaints and incidents, and move them through their stages.

Every write goes through ``hallbar.nonconformities.services`` and ``.workflow``: a stage change is a
``POST /nonconformities/{id}/transition/`` naming the move, refused (400) with the reason the
workflow gives. Corrective actions are actions (``/actions/``) with the nonconformity as reason.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.history.context import acting_as
from hallbar.nonconformities import permissions, services, workflow
from hallbar.nonconformities.models import MANUAL_ORIGINS, Nonconformity, Origin, Severity, Stage, StageChange, Why
from hallbar.organisations.models import Organisation, OrganisationUnit

from .actions import MAX_ID, MemberField
from .errors import refusals
from .fields import ScopedRelatedField
from .permissions import scope_for
from .query import QueryParameters, validated_query
from .viewsets import ScopedReadOnlyViewSet


class WhySerializer(serializers.ModelSerializer):
    class Meta:
        model = Why
        fields = ["position", "answer"]


class StageChangeSerializer(serializers.ModelSerializer):
    # Plain text, so the schema has one enum of stages (the nonconformity's ``stage``).
    from_stage = serializers.CharField(read_only=True, help_text="A stage as in `stage`; empty when registered.")
    to_stage = serializers.CharField(read_only=True, help_text="A stage as in `stage`.")

    class Meta:
        model = StageChange
        fields = ["from_stage", "to_stage", "changed_by", "changed_at", "comment", "is_reopening"]


class NonconformitySerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    owner = MemberField(allow_null=True, required=False)
    origin = serializers.ChoiceField(
        choices=[(value, label) for value, label in Origin.choices if value in MANUAL_ORIGINS],
        help_text="Registered by hand: complaint, incident or other. Read: any origin.",
    )
    reference = serializers.CharField(read_only=True, help_text="Per organisation and year, e.g. AV-2026-003.")
    source_type = serializers.SerializerMethodField(help_text="The record it was raised from, as app_label.model.")
    effectiveness_result = serializers.ChoiceField(
        choices=Nonconformity.Effectiveness.choices,
        allow_blank=True,
        read_only=True,
        help_text="Empty until the effectiveness has been checked (a stage transition).",
    )
    whys = WhySerializer(many=True, read_only=True)
    stage_changes = StageChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Nonconformity
        fields = [
            "id",
            "organisation",
            "reference",
            "title",
            "description",
            "origin",
            "source_type",
            "source_id",
            "severity",
            "stage",
            "responsible_unit",
            "owner",
            "detected_on",
            "reported_by",
            "immediate_correction",
            "no_immediate_correction",
            "analysis_method",
            "analysis_notes",
            "root_cause",
            "whys",
            "effectiveness_due",
            "effectiveness_result",
            "effectiveness_verified_by",
            "effectiveness_verified_at",
            "effectiveness_comment",
            "stage_changes",
            "created_at",
        ]
        read_only_fields = ["reported_by", "created_at"]

    def get_source_type(self, nonconformity) -> str | None:
        if nonconformity.source_type_id is None:
            return None
        return f"{nonconformity.source_type.app_label}.{nonconformity.source_type.model}"

    def create(self, validated_data):
        with refusals():
            return services.create_nonconformity(Nonconformity(**validated_data), user=validated_data["reported_by"])


class TransitionSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=list(workflow.TRANSITIONS), help_text="The move to make.")
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class NonconformityQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    responsible_unit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    stage = serializers.ChoiceField(choices=Stage.choices, required=False)
    origin = serializers.ChoiceField(choices=Origin.choices, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[NonconformityQuery]))
class NonconformityViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Nonconformities with their five whys and stage changes. Those who may change data in a unit,
    and auditors, register them; ``transition`` moves them through the stages."""

    queryset = Nonconformity.objects.select_related("source_type").prefetch_related("whys", "stage_changes")
    serializer_class = NonconformitySerializer
    write_permission = Permission.VIEW  # each write checks its own permission below

    def get_queryset(self):
        rows = super().get_queryset()
        if self.action != "list":
            return rows
        query = validated_query(self.request, NonconformityQuery)
        for name in ("organisation", "responsible_unit"):
            if name in query:
                rows = rows.filter(**{f"{name}_id": query[name]})
        for name in ("stage", "origin", "severity"):
            if name in query:
                rows = rows.filter(**{name: query[name]})
        return rows

    def perform_create(self, serializer):
        candidate = Nonconformity(**serializer.validated_data)
        if not permissions.may_register_for(scope_for(self.request), candidate):
            raise PermissionDenied
        with acting_as(self.request.user):
            serializer.save(reported_by=self.request.user)

    @extend_schema(request=TransitionSerializer, responses=NonconformitySerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the nonconformity: analyse, plan, implement, verify, not-effective, close or reopen."""
        nonconformity = self.get_object()
        body = TransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        name = body.validated_data["transition"]
        if not workflow.may(scope_for(request), nonconformity, workflow.TRANSITIONS[name]):
            raise PermissionDenied
        try:
            with acting_as(request.user):
                workflow.move(nonconformity, name, user=request.user, comment=body.validated_data["comment"])
        except workflow.TransitionRefused as refusal:
            raise ValidationError({"detail": refusal.message}) from refusal
        fresh = self.get_queryset().get(pk=nonconformity.pk)
        return Response(self.get_serializer(fresh).data)
