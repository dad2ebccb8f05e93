"""The aspects register: activities, aspects (with their significance), scorings, criteria and reviews.

Every write goes through ``hallbar.aspects.services``. Editors change activities, aspects and reviews of
their units; the significance criteria need the right to manage follow-up (coordinators). An aspect's
``is_significant`` is computed, never written: score it with ``POST /aspects/{id}/score/``.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.aspects import queries, rules, services
from hallbar.aspects.calculations import SCALE_MAX, SCALE_MIN
from hallbar.aspects.models import Activity, Aspect, AspectReview, SignificanceCriterion
from hallbar.core.deletion import DeletionRefused
from hallbar.documents.models import ControlledDocument
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import Goal, Target

from .actions import MAX_ID, MemberField
from .errors import refusals
from .fields import ScopedRelatedField
from .query import QueryParameters, validated_query
from .serializers import ModelCleanSerializer
from .viewsets import GuardedDestroyMixin, ScopedModelViewSet


def _save(write, instance):
    with refusals():
        return write(instance)


def _apply(instance, validated_data):
    for name, value in validated_data.items():
        setattr(instance, name, value)
    return instance


# Activities -------------------------------------------------------------------------------------------


class ActivitySerializer(ModelCleanSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    fixed_fields = ("organisation",)

    class Meta:
        model = Activity
        fields = ["id", "organisation", "unit", "name", "kind", "description", "created_at"]
        read_only_fields = ["created_at"]

    def create(self, validated_data):
        return _save(services.save_activity, Activity(**validated_data))

    def update(self, instance, validated_data):
        return _save(services.save_activity, _apply(instance, validated_data))


class ActivityQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    unit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    kind = serializers.ChoiceField(choices=Activity.Kind.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[ActivityQuery]))
class ActivityViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """Activities, products and services of an organisation's units. One with aspects cannot be deleted."""

    queryset = Activity.objects.select_related("unit")
    serializer_class = ActivitySerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        activities = super().get_queryset()
        if self.action != "list":
            return activities
        query = validated_query(self.request, ActivityQuery)
        for name in ("organisation", "unit"):
            if name in query:
                activities = activities.filter(**{f"{name}_id": query[name]})
        if "kind" in query:
            activities = activities.filter(kind=query["kind"])
        return activities


# Aspects ----------------------------------------------------------------------------------------------


class ScoreSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    score = serializers.IntegerField(min_value=SCALE_MIN, max_value=SCALE_MAX)


class ScoringSerializer(serializers.Serializer):
    scores = ScoreSerializer(many=True, help_text="One score from 1 to 5 for every active criterion.")
    rationale = serializers.CharField(help_text="Why the aspect gets these scores (required).")


class AspectSerializer(serializers.ModelSerializer):
    activity = ScopedRelatedField(queryset=Activity.objects.all())
    goals = ScopedRelatedField(queryset=Goal.objects.all(), many=True, required=False)
    targets = ScopedRelatedField(queryset=Target.objects.all(), many=True, required=False)
    controlled_document = ScopedRelatedField(queryset=ControlledDocument.objects.all(), allow_null=True, required=False)
    scores = serializers.SerializerMethodField(help_text="The stored scores: criterion id and score (1–5).")
    result = serializers.SerializerMethodField(
        help_text="The scores of the active criteria combined by the organisation's method (sum or highest); "
        "null when not scored. See docs/methods/aspect-significance.md."
    )
    is_handled = serializers.SerializerMethodField(
        help_text="Linked to a goal or target, or with an operational control or a decision."
    )

    class Meta:
        model = Aspect
        fields = [
            "id",
            "activity",
            "name",
            "impact",
            "dimension",
            "effect",
            "influence",
            "channel",
            "occurs_abroad",
            "life_cycle_stage",
            "condition",
            "is_significant",
            "result",
            "scores",
            "rationale",
            "scored_on",
            "scored_by",
            "goals",
            "targets",
            "operational_control",
            "controlled_document",
            "decision",
            "decision_date",
            "decided_by",
            "is_handled",
            "created_at",
        ]
        read_only_fields = ["is_significant", "rationale", "scored_on", "scored_by", "created_at"]

    @extend_schema_field(ScoreSerializer(many=True))
    def get_scores(self, aspect) -> list[dict]:
        return [{"criterion": score.criterion_id, "score": score.score} for score in aspect.scores.all()]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_result(self, aspect) -> int | None:
        if not hasattr(aspect, "assessment"):
            queries.assess([aspect])
        return aspect.assessment.score

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_handled(self, aspect) -> bool:
        return aspect.is_handled if hasattr(aspect, "is_handled") else rules.is_handled(aspect)

    def create(self, validated_data):
        links = {name: validated_data.pop(name, []) for name in ("goals", "targets")}
        return self._save(Aspect(**validated_data), links)

    def update(self, instance, validated_data):
        links = {name: validated_data.pop(name, None) for name in ("goals", "targets")}
        return self._save(_apply(instance, validated_data), links)

    def _save(self, aspect, links) -> Aspect:
        """Save through the service and answer with the aspect as read (handled, scores) afresh."""
        with refusals():
            services.save_aspect(aspect, **links)
        return queries.listed(Aspect.objects.filter(pk=aspect.pk)).get()


class AspectQuery(QueryParameters):
    activity = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    unit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text="The activity's unit.")
    influence = serializers.ChoiceField(choices=Aspect.Influence.choices, required=False)
    channel = serializers.ChoiceField(choices=Aspect.Channel.choices, required=False)
    condition = serializers.ChoiceField(choices=Aspect.Condition.choices, required=False)
    dimension = serializers.ChoiceField(choices=Aspect.Dimension.choices, required=False)
    is_significant = serializers.BooleanField(required=False, default=None, allow_null=True)
    is_handled = serializers.BooleanField(required=False, default=None, allow_null=True)
    occurs_abroad = serializers.BooleanField(required=False, default=None, allow_null=True)


@extend_schema_view(list=extend_schema(parameters=[AspectQuery]))
class AspectViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """Sustainability aspects with their impacts, significance and handling. A significant aspect must
    stay handled; an aspect that actions or risks refer to cannot be deleted."""

    queryset = queries.listed(Aspect.objects.all()).prefetch_related("goals", "targets")
    serializer_class = AspectSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        aspects = super().get_queryset()
        if self.action != "list":
            return aspects
        query = validated_query(self.request, AspectQuery)
        if "activity" in query:
            aspects = aspects.filter(activity_id=query["activity"])
        if "unit" in query:
            aspects = aspects.filter(activity__unit_id=query["unit"])
        for name in ("influence", "channel", "condition", "dimension", "is_significant", "occurs_abroad"):
            if name in query:
                aspects = aspects.filter(**{name: query[name]})
        if "is_handled" in query:
            aspects = aspects.filter(rules.handled_q()) if query["is_handled"] else aspects.exclude(rules.handled_q())
        return aspects

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return queries.assess(page) if page is not None else page

    @extend_schema(request=ScoringSerializer, responses=AspectSerializer)
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        """Score the aspect: every active criterion of its organisation gets a score, with a rationale."""
        aspect = self.get_object()  # checks the caller may change it
        scoring = ScoringSerializer(data=request.data)
        scoring.is_valid(raise_exception=True)
        scores = {row["criterion"]: row["score"] for row in scoring.validated_data["scores"]}
        with refusals(request.user):
            services.score_aspect(aspect, scores, rationale=scoring.validated_data["rationale"], user=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=aspect.pk)).data)


# Criteria ---------------------------------------------------------------------------------------------


class CriterionSerializer(ModelCleanSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    key = serializers.CharField(
        read_only=True, help_text="The key of a default criterion; empty for the organisation's own."
    )
    fixed_fields = ("organisation",)

    class Meta:
        model = SignificanceCriterion
        fields = [
            "id",
            "organisation",
            "key",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "order",
            "active",
        ]

    def create(self, validated_data):
        return _save(services.save_criterion, SignificanceCriterion(**validated_data))

    def update(self, instance, validated_data):
        return _save(services.save_criterion, _apply(instance, validated_data))


class CriterionViewSet(ScopedModelViewSet):
    """The significance criteria of each organisation (each scored 1–5). Changing them recomputes every
    aspect's significance; they are changed by those who manage follow-up. A criterion used in a
    scoring cannot be deleted: make it inactive."""

    queryset = SignificanceCriterion.objects.all()
    serializer_class = CriterionSerializer
    write_permission = Permission.MANAGE_FOLLOW_UP

    def destroy_instance(self, instance) -> None:
        try:
            services.delete_criterion(instance)
        except DeletionRefused as refusal:
            raise ValidationError({"detail": refusal.message, "dependents": refusal.dependents}) from refusal
        except DjangoValidationError as error:
            raise ValidationError({"detail": " ".join(error.messages)}) from error


# Reviews ----------------------------------------------------------------------------------------------


class AspectReviewSerializer(ModelCleanSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    reviewed_by = MemberField(required=False, help_text="The caller when left out.")

    class Meta:
        model = AspectReview
        fields = ["id", "organisation", "unit", "date", "reviewed_by", "notes", "created_at"]
        read_only_fields = ["created_at"]

    def validate(self, attrs):
        attrs.setdefault("reviewed_by", self.context["request"].user)
        return super().validate(attrs)

    def create(self, validated_data):
        return _save(services.record_review, AspectReview(**validated_data))


class ReviewViewSet(ScopedModelViewSet):
    """Reviews of the aspects register (the whole organisation's, or a unit's part). A record: posted
    and read, not changed."""

    http_method_names = ["get", "post", "head", "options"]
    queryset = AspectReview.objects.select_related("unit")
    serializer_class = AspectReviewSerializer
    write_permission = Permission.CHANGE
