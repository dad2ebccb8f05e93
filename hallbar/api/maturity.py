"""Maturity self-assessments, their answers and results. Every write goes through ``hallbar.maturity.services``.

An assessment is a draft until it is completed (``POST …/complete/``, which needs a stage for every
question); a completed one is reopened (``POST …/reopen/``) before it changes. ``GET …/result/``
gives the stage of each question, the change since the previous completed assessment of the same
organisation or unit, and the suggested next steps from the maturity library.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.frameworks.models import FrameworkItem
from hallbar.history.context import acting_as
from hallbar.maturity import queries, services
from hallbar.maturity.matrix import LIBRARY_URN
from hallbar.maturity.models import Answer, Assessment
from hallbar.organisations.models import Organisation, OrganisationUnit

from .actions import MemberField
from .errors import refusals
from .fields import ScopedRelatedField, UrnRelatedField
from .query import QueryParameters, validated_query
from .serializers import ModelCleanSerializer
from .viewsets import GuardedDestroyMixin, ScopedModelViewSet

MAX_ID = 2**63 - 1


# Assessments ------------------------------------------------------------------------------------------


class MaturityAssessmentSerializer(ModelCleanSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    unit = ScopedRelatedField(
        queryset=OrganisationUnit.objects.all(),
        allow_null=True,
        required=False,
        help_text="The assessed unit; null for the whole organisation.",
    )
    assessed_by = MemberField(allow_null=True, required=False)
    fixed_fields = ("organisation",)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "organisation",
            "unit",
            "year",
            "assessed_by",
            "participants",
            "notes",
            "status",
            "completed_at",
            "created_at",
        ]
        read_only_fields = ["status", "completed_at", "created_at"]
        validators = []  # one per organisation or unit and year: checked by the service, with a clear message

    def create(self, validated_data):
        with refusals():
            return services.save_assessment(Assessment(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with refusals():
            return services.save_assessment(instance)


class AssessmentQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    unit = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_ID, help_text="Unit id; 0 for assessments of the whole organisation."
    )
    year = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    status = serializers.ChoiceField(choices=Assessment.Status.choices, required=False)


class MaturitySummarySerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Questions in the questionnaire.")
    assessed = serializers.IntegerField(help_text="Questions with a chosen stage.")
    mean = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True)
    lowest = serializers.IntegerField(allow_null=True)
    highest = serializers.IntegerField(allow_null=True)


class MaturityQuestionResultSerializer(serializers.Serializer):
    urn = serializers.CharField(source="question.item.urn")
    ref = serializers.CharField(source="question.item.ref")
    name = serializers.CharField(source="question.item.name")
    stage = serializers.IntegerField(source="stage.number", allow_null=True, default=None)
    stage_name = serializers.CharField(source="stage.name", allow_null=True, default=None)
    comment = serializers.CharField()
    previous_stage = serializers.IntegerField(source="previous", allow_null=True)
    change = serializers.IntegerField(allow_null=True)
    next_stage = serializers.IntegerField(source="next.number", allow_null=True, default=None)
    next_stage_name = serializers.CharField(source="next.name", allow_null=True, default=None)
    next_step = serializers.CharField(
        source="stage.next_step",
        allow_null=True,
        default=None,
        help_text="A suggested step from the stage reached (towards the next one, or to keep the highest).",
    )


class MaturityPartResultSerializer(serializers.Serializer):
    urn = serializers.CharField(source="part.item.urn", allow_null=True, default=None)
    name = serializers.CharField(source="part.item.name", allow_null=True, default=None)
    summary = MaturitySummarySerializer()
    mean_change = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True)
    questions = MaturityQuestionResultSerializer(source="rows", many=True)


class MaturityPreviousSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    year = serializers.IntegerField()


class MaturityResultSerializer(serializers.Serializer):
    assessment = serializers.IntegerField(source="assessment.pk")
    summary = MaturitySummarySerializer()
    previous = MaturityPreviousSerializer(
        allow_null=True, help_text="The latest earlier completed assessment compared with."
    )
    mean_change = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True)
    parts = MaturityPartResultSerializer(many=True)


@extend_schema_view(list=extend_schema(parameters=[AssessmentQuery]))
class AssessmentViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """Maturity self-assessments, one per organisation or unit and year. Editors assess their units;
    only drafts change or are deleted."""

    queryset = Assessment.objects.order_by("-year", "pk")
    serializer_class = MaturityAssessmentSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        assessments = super().get_queryset()
        if self.action != "list":
            return assessments
        query = validated_query(self.request, AssessmentQuery)
        if "organisation" in query:
            assessments = assessments.filter(organisation_id=query["organisation"])
        if "unit" in query:
            unit = query["unit"]
            assessments = assessments.filter(unit__isnull=True) if unit == 0 else assessments.filter(unit_id=unit)
        for name in ("year", "status"):
            if name in query:
                assessments = assessments.filter(**{name: query[name]})
        return assessments

    def destroy_instance(self, instance):
        with refusals():
            services.require_deletable(instance)
        super().destroy_instance(instance)

    def _move(self, request, transition):
        assessment = self.get_object()  # checks the caller may change it
        try:
            with acting_as(request.user):
                transition(assessment)
        except DjangoValidationError as error:
            raise ValidationError({"detail": " ".join(error.messages)}) from error
        return Response(self.get_serializer(assessment).data)

    @extend_schema(request=None, responses=MaturityAssessmentSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """Complete a draft; refused, naming them, while questions have no stage."""
        return self._move(request, services.complete)

    @extend_schema(request=None, responses=MaturityAssessmentSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        """Make a completed assessment a draft again, so that it can be changed."""
        return self._move(request, services.reopen)

    @extend_schema(responses=MaturityResultSerializer)
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        """The stage of each question, the change since the previous assessment and the suggested next steps."""
        return Response(MaturityResultSerializer(queries.result(self.get_object())).data)


# Answers ----------------------------------------------------------------------------------------------


class MaturityAnswerSerializer(serializers.ModelSerializer):
    assessment = ScopedRelatedField(queryset=Assessment.objects.all())
    dimension = UrnRelatedField(
        queryset=FrameworkItem.objects.filter(library__urn=LIBRARY_URN),
        help_text="The question's URN in the maturity library (a dimension or a basic condition).",
    )

    class Meta:
        model = Answer
        fields = ["id", "assessment", "dimension", "stage", "comment"]
        validators = []  # one answer per question: the service updates the existing one

    def validate(self, attrs):
        if self.instance is not None:
            for name in ("assessment", "dimension"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise ValidationError({name: _("This cannot be changed once it is created.")})
        stage = attrs.get("stage", getattr(self.instance, "stage", None))
        comment = attrs.get("comment", getattr(self.instance, "comment", ""))
        if stage is None and not comment.strip():
            raise ValidationError(_("Give a stage, a comment or both."))
        return attrs

    def _save(self, assessment, dimension, stage, comment) -> Answer:
        with refusals():
            services.save_answers(assessment, {dimension.pk: (stage, comment)})
        return Answer.objects.get(assessment=assessment, dimension=dimension)

    def create(self, validated_data):
        data = validated_data
        return self._save(data["assessment"], data["dimension"], data.get("stage"), data.get("comment", ""))

    def update(self, instance, validated_data):
        stage = validated_data.get("stage", instance.stage)
        comment = validated_data.get("comment", instance.comment)
        return self._save(instance.assessment, instance.dimension, stage, comment)


class AnswerQuery(QueryParameters):
    assessment = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


@extend_schema_view(list=extend_schema(parameters=[AnswerQuery]))
class AnswerViewSet(ScopedModelViewSet):
    """The answers of assessments: per question a stage (1–4) and a comment. Posting an answer for a
    question that already has one updates it. Only drafts' answers change."""

    queryset = Answer.objects.select_related("dimension").order_by("assessment", "dimension__order", "pk")
    serializer_class = MaturityAnswerSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        answers = super().get_queryset()
        if self.action == "list":
            assessment = validated_query(self.request, AnswerQuery).get("assessment")
            if assessment is not None:
                answers = answers.filter(assessment_id=assessment)
        return answers

    def destroy_instance(self, instance):
        with refusals():
            services.save_answers(instance.assessment, {instance.dimension_id: (None, "")})
