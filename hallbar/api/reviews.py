"""Management reviews and their decisions (read only).

A review carries its ``inputs`` as they were assembled from the system when it was started or last
refreshed (see ``hallbar.reviews.inputs``: sections keyed as in ``hallbar.reviews.sections``, choices
as their stored values), its conclusions and status. The actions decided at a review are actions
(``/actions/``) whose ``reason_type`` is ``reviews.managementreview`` and ``reason_id`` the review.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from hallbar.reviews.models import Decision, ManagementReview, Status

from .actions import MAX_ID
from .query import QueryParameters, validated_query
from .viewsets import ScopedReadOnlyViewSet


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "review", "kind", "text", "created_at"]


class ManagementReviewSerializer(serializers.ModelSerializer):
    inputs = serializers.JSONField(
        read_only=True, help_text="The inputs as assembled: {version, period, assembled_at, sections: {key: …}}."
    )
    conclusions = serializers.JSONField(read_only=True, help_text="The conclusion per input section, by section key.")
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = ManagementReview
        fields = [
            "id",
            "organisation",
            "title",
            "date",
            "period_start",
            "period_end",
            "participants",
            "status",
            "inputs",
            "inputs_assembled_at",
            "resources_notes",
            "communication_notes",
            "improvement_notes",
            "conclusions",
            "suitability",
            "adequacy",
            "effectiveness",
            "decisions",
            "approved_by",
            "approved_at",
            "created_by",
            "created_at",
        ]


class ReviewQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    status = serializers.ChoiceField(choices=Status.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[ReviewQuery]))
class ReviewViewSet(ScopedReadOnlyViewSet):
    """Management reviews with their inputs, conclusions and decisions, newest first."""

    queryset = ManagementReview.objects.prefetch_related("decisions")
    serializer_class = ManagementReviewSerializer

    def get_queryset(self):
        reviews = super().get_queryset()
        if self.action == "list":
            query = validated_query(self.request, ReviewQuery)
            if "organisation" in query:
                reviews = reviews.filter(organisation_id=query["organisation"])
            if "year" in query:
                reviews = reviews.filter(date__year=query["year"])
            if "status" in query:
                reviews = reviews.filter(status=query["status"])
        return reviews


class DecisionQuery(QueryParameters):
    review = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    kind = serializers.ChoiceField(choices=Decision.Kind.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[DecisionQuery]))
class DecisionViewSet(ScopedReadOnlyViewSet):
    """Decisions of management reviews."""

    queryset = Decision.objects.all()
    serializer_class = DecisionSerializer

    def get_queryset(self):
        decisions = super().get_queryset()
        if self.action == "list":
            query = validated_query(self.request, DecisionQuery)
            if "review" in query:
                decisions = decisions.filter(review_id=query["review"])
            if "kind" in query:
                decisions = decisions.filter(kind=query["kind"])
        return decisions
