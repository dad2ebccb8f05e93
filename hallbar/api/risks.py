"""Risks and opportunities, and each organisation's risk matrix. Every write goes through
``hallbar.risks.services``: scores and levels are computed there, never sent.

Editors change risks of their units; the status moves only through ``POST /risks/<id>/status/``
(the workflow's guards apply). The matrix is changed by those who manage follow-up, and changing it
recomputes the stored levels of the organisation's risks. Actions treating a risk are at
``/actions/`` (their ``reason_type`` is ``risks.risk``).
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.core.deletion import DeletionRefused
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.risks import services
from hallbar.risks.models import Level, Risk, RiskMatrix

from .actions import MAX_ID, MemberField
from .errors import refusals
from .fields import ScopedRelatedField
from .query import QueryParameters, validated_query
from .viewsets import ScopedModelViewSet

LEVEL_FIELDS = ["inherent_score", "inherent_level", "residual_score", "residual_level"]


def _refuse_move(instance, attrs) -> None:
    if instance is not None and "organisation" in attrs and attrs["organisation"].pk != instance.organisation_id:
        raise ValidationError({"organisation": _("It cannot move to another organisation.")})


class RiskSerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    owner = MemberField(allow_null=True, required=False)
    inherent_likelihood = serializers.IntegerField(min_value=1, max_value=5, help_text="1 to the matrix's size.")
    inherent_consequence = serializers.IntegerField(min_value=1, max_value=5, help_text="1 to the matrix's size.")
    residual_likelihood = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, required=False)
    residual_consequence = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, required=False)
    review_overdue = serializers.SerializerMethodField(help_text="Not closed, and the review date has passed.")

    class Meta:
        model = Risk
        fields = [
            "id",
            "organisation",
            "kind",
            "title",
            "description",
            "cause",
            "effect",
            "category",
            "responsible_unit",
            "owner",
            "inherent_likelihood",
            "inherent_consequence",
            "treatment_strategy",
            "residual_likelihood",
            "residual_consequence",
            "review_date",
            "status",
            *LEVEL_FIELDS,
            "review_overdue",
            *services.LINKS,
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", *LEVEL_FIELDS, "created_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        for name in services.LINKS:
            model = Risk._meta.get_field(name).related_model
            fields[name] = ScopedRelatedField(queryset=model.objects.all(), many=True, required=False)
        return fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_review_overdue(self, risk) -> bool:
        return risk.is_review_overdue(timezone.localdate())

    def validate(self, attrs):
        _refuse_move(self.instance, attrs)
        return attrs

    def create(self, validated_data):
        links = {name: validated_data.pop(name, []) for name in services.LINKS}
        with refusals():
            return services.save_risk(Risk(**validated_data), **links)

    def update(self, instance, validated_data):
        with refusals():
            return services.update_risk(instance, **validated_data)


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Risk.Status.choices)


class RiskQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    responsible_unit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    kind = serializers.ChoiceField(choices=Risk.Kind.choices, required=False)
    status = serializers.ChoiceField(choices=Risk.Status.choices, required=False)
    category = serializers.ChoiceField(choices=Risk.Category.choices, required=False)
    level = serializers.ChoiceField(choices=Level.choices, required=False, help_text="The level before treatment.")
    residual_level = serializers.ChoiceField(choices=Level.choices, required=False)
    review_overdue = serializers.BooleanField(
        required=False, default=None, allow_null=True, help_text="Only those due for review."
    )


@extend_schema_view(list=extend_schema(parameters=[RiskQuery]))
class RiskViewSet(ScopedModelViewSet):
    """Risks and opportunities. Scores and levels are computed from the organisation's matrix."""

    queryset = Risk.objects.prefetch_related(*services.LINKS)
    serializer_class = RiskSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        risks = super().get_queryset()
        if self.action != "list":
            return risks
        query = validated_query(self.request, RiskQuery)
        for name in ("organisation", "responsible_unit"):
            if name in query:
                risks = risks.filter(**{f"{name}_id": query[name]})
        for name, field in (("kind", "kind"), ("status", "status"), ("category", "category")):
            if name in query:
                risks = risks.filter(**{field: query[name]})
        if "level" in query:
            risks = risks.filter(inherent_level=query["level"])
        if "residual_level" in query:
            risks = risks.filter(residual_level=query["residual_level"])
        if query.get("review_overdue"):
            risks = risks.review_overdue(timezone.localdate())
        return risks

    def destroy_instance(self, instance) -> None:
        try:
            services.delete_risk(instance)
        except DeletionRefused as refusal:
            raise ValidationError({"detail": refusal.message, "dependents": refusal.dependents}) from refusal

    @extend_schema(request=StatusSerializer, responses=RiskSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Move the risk in its workflow: open, treated or closed (refused with the reason when a guard fails)."""
        risk = self.get_object()
        body = StatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with refusals(request.user, detail=True):
            services.change_status(risk, body.validated_data["status"])
        return Response(self.get_serializer(risk).data)


class RiskMatrixSerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    likelihood_labels = serializers.ListField(
        child=serializers.CharField(allow_blank=True, max_length=60),
        required=False,
        help_text="One label per level, lowest first; an empty label is the default.",
    )
    consequence_labels = serializers.ListField(
        child=serializers.CharField(allow_blank=True, max_length=60), required=False
    )
    cell_levels = serializers.ListField(
        child=serializers.ListField(child=serializers.ChoiceField(choices=Level.choices)),
        required=False,
        help_text="With band_method 'cells': a level per cell, [likelihood - 1][consequence - 1].",
    )
    thresholds = serializers.SerializerMethodField(help_text="The thresholds in use (the defaults when none are set).")

    class Meta:
        model = RiskMatrix
        fields = [
            "id",
            "organisation",
            "likelihood_levels",
            "consequence_levels",
            "likelihood_labels",
            "consequence_labels",
            "band_method",
            "medium_from",
            "high_from",
            "very_high_from",
            "thresholds",
            "cell_levels",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_thresholds(self, matrix) -> list[int]:
        return list(matrix.thresholds)

    def validate(self, attrs):
        _refuse_move(self.instance, attrs)
        return attrs

    def create(self, validated_data):
        matrix = RiskMatrix(**validated_data)
        return self._save(matrix)

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(instance)

    def _save(self, matrix):
        with refusals():
            services.save_matrix(matrix)
        return matrix


class RiskMatrixViewSet(ScopedModelViewSet):
    """Each organisation's saved risk matrix (an organisation without one uses the default 5 × 5).
    Saving recomputes the levels of the organisation's risks."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = RiskMatrix.objects.all()
    serializer_class = RiskMatrixSerializer
    write_permission = Permission.MANAGE_FOLLOW_UP
