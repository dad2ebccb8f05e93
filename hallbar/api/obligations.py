"""Compliance obligations and their evaluations. Every write goes through ``hallbar.obligations.services``.

Editors change obligations of their units and record evaluations of them; an evaluation whose result
is "not met" raises a nonconformity (see the services' rules). Evaluations are a record: they are
recorded and read, never changed or deleted; an obligation that has been evaluated cannot be deleted.
"""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from hallbar.accounts.roles import Permission
from hallbar.context.models import InterestedParty
from hallbar.history.context import acting_as
from hallbar.obligations import queries, rules, services
from hallbar.obligations.models import Evaluation, Obligation
from hallbar.organisations.models import Organisation, OrganisationUnit

from .actions import MAX_ID, MemberField, _refuse_move
from .errors import refusals
from .fields import ScopedRelatedField
from .query import QueryParameters, validated_query
from .viewsets import GuardedDestroyMixin, ScopedModelViewSet

LINKS = tuple(services.LINKS)


class ObligationSerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    interested_party = ScopedRelatedField(queryset=InterestedParty.objects.all(), allow_null=True, required=False)
    applies_to_units = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), many=True, required=False)
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    responsible_person = MemberField(allow_null=True, required=False)
    last_result = serializers.ChoiceField(
        choices=rules.Result.choices,
        allow_blank=True,
        read_only=True,
        help_text="The result of the latest evaluation; empty when it has never been evaluated.",
    )
    is_overdue = serializers.SerializerMethodField(help_text="Active and its next evaluation date has passed.")

    class Meta:
        model = Obligation
        fields = [
            "id",
            "organisation",
            "kind",
            "reference",
            "url",
            "title",
            "summary",
            "interested_party",
            "applies_to_units",
            "responsible_unit",
            "responsible_person",
            "evaluation_interval_months",
            "next_evaluation_date",
            "status",
            "last_result",
            "last_evaluated_on",
            "is_overdue",
            "created_at",
        ]
        read_only_fields = ["last_evaluated_on", "created_at"]
        extra_kwargs = {
            "next_evaluation_date": {
                "help_text": "Set by each evaluation; when left empty on an active obligation, one interval from today."
            }
        }

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_overdue(self, obligation) -> bool:
        return rules.is_overdue(obligation)

    def validate(self, attrs):
        _refuse_move(self.instance, attrs)
        return attrs

    def create(self, validated_data):
        with refusals():
            return services.create_obligation(**validated_data)

    def update(self, instance, validated_data):
        with refusals():
            return services.update_obligation(instance, **validated_data)


class ObligationQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    responsible_unit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    kind = serializers.ChoiceField(choices=Obligation.Kind.choices, required=False)
    status = serializers.ChoiceField(choices=rules.Status.choices, required=False)
    last_result = serializers.ChoiceField(
        choices=[*rules.Result.choices, (queries.NOT_EVALUATED, "not evaluated yet")],
        required=False,
        help_text="The result of the latest evaluation; “none” for obligations never evaluated.",
    )
    overdue = serializers.BooleanField(
        required=False, default=None, allow_null=True, help_text="Only obligations whose evaluation is overdue."
    )


@extend_schema_view(list=extend_schema(parameters=[ObligationQuery]))
class ObligationViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """The register of compliance obligations. Editors change those of their units; an obligation
    that has been evaluated cannot be deleted (set its status to repealed)."""

    queryset = Obligation.objects.prefetch_related("applies_to_units")
    serializer_class = ObligationSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        obligations = super().get_queryset()
        if self.action != "list":
            return obligations
        query = validated_query(self.request, ObligationQuery)
        for name in ("organisation", "responsible_unit"):
            if name in query:
                obligations = obligations.filter(**{f"{name}_id": query[name]})
        for name in ("kind", "status"):
            if name in query:
                obligations = obligations.filter(**{name: query[name]})
        if "last_result" in query:
            result = query["last_result"]
            obligations = obligations.filter(last_result="" if result == queries.NOT_EVALUATED else result)
        if query.get("overdue"):
            obligations = obligations.filter(rules.overdue_q(timezone.localdate()))
        return obligations

    def perform_create(self, serializer):
        data = {name: value for name, value in serializer.validated_data.items() if name not in LINKS}
        self.require_write(Obligation(**data))
        with acting_as(self.request.user):
            serializer.save()


class EvaluationSerializer(serializers.ModelSerializer):
    obligation = ScopedRelatedField(queryset=Obligation.objects.all())
    evaluator = MemberField(required=False, help_text="Who evaluated; the caller if left out.")
    date = serializers.DateField(required=False, help_text="The day of the evaluation; today if left out.")
    next_evaluation_date = serializers.DateField(
        required=False, help_text="When to evaluate next; the date plus the obligation's interval if left out."
    )

    class Meta:
        model = Evaluation
        fields = ["id", "obligation", "date", "evaluator", "result", "findings", "next_evaluation_date", "created_at"]
        read_only_fields = ["created_at"]

    def create(self, validated_data):
        user = self.context["request"].user
        obligation = validated_data.pop("obligation")
        validated_data.setdefault("evaluator", user)
        with refusals():
            return services.record_evaluation(obligation, recorded_by=user, **validated_data)


class EvaluationQuery(QueryParameters):
    obligation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    result = serializers.ChoiceField(choices=rules.Result.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[EvaluationQuery]))
class EvaluationViewSet(ScopedModelViewSet):
    """Compliance evaluations, newest first. Recording one moves its obligation's next evaluation
    date; a "not met" result raises a nonconformity."""

    http_method_names = ["get", "post", "head", "options"]
    queryset = Evaluation.objects.all()
    serializer_class = EvaluationSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        evaluations = super().get_queryset()
        if self.action == "list":
            query = validated_query(self.request, EvaluationQuery)
            if "obligation" in query:
                evaluations = evaluations.filter(obligation_id=query["obligation"])
            if "result" in query:
                evaluations = evaluations.filter(result=query["result"])
        return evaluations

    def perform_create(self, serializer):
        self.require_write(Evaluation(obligation=serializer.validated_data["obligation"]))
        with acting_as(self.request.user):
            serializer.save()
