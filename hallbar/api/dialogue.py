"""Citizen dialogue, for the coordinators: contributions with their moderation state, and moderation.

Reading and moderating need ``MANAGE_FOLLOW_UP`` on the organisation (coordinators, administrators), as
the moderation pages do: contributions hold visitors' e-mail addresses. Every step goes through
``hallbar.dialogue.services`` (approve, reject with a reason, answer publicly, turn a proposal into an
action). There is no write of contributions here: visitors post on the spam-protected public form only.
"""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.dialogue import queries, services
from hallbar.dialogue.models import ANSWER_MAX, REASON_MAX, Contribution

from .actions import MAX_ID
from .errors import refusals
from .permissions import scope_for
from .query import QueryParameters, validated_query
from .viewsets import ScopedReadOnlyViewSet

MANAGE = Permission.MANAGE_FOLLOW_UP


class ContributionSerializer(serializers.ModelSerializer):
    goal_title = serializers.CharField(source="goal.title", read_only=True)
    action = serializers.SerializerMethodField(help_text="The action an approved proposal became (its id), or null.")

    class Meta:
        model = Contribution
        fields = [
            "id",
            "organisation",
            "goal",
            "goal_title",
            "kind",
            "name",
            "email",
            "text",
            "status",
            "rejection_reason",
            "answer",
            "answered_at",
            "moderated_by",
            "moderated_at",
            "created_at",
            "action",
        ]
        read_only_fields = fields

    def get_action(self, entry) -> int | None:
        made = entry.action if hasattr(entry, "action") else services.action_for(entry)
        return made.pk if made is not None else None


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX, help_text="Internal: never shown publicly.")


class PublicAnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(
        source="text",
        max_length=ANSWER_MAX,
        allow_blank=True,
        help_text="Shown on the public goal page; empty removes the answer.",
    )


class MakeActionSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)


class ContributionQuery(QueryParameters):
    goal = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    status = serializers.ChoiceField(choices=Contribution.Status.choices, required=False)
    kind = serializers.ChoiceField(choices=Contribution.Kind.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[ContributionQuery]))
class ContributionViewSet(ScopedReadOnlyViewSet):
    """Contributions on the organisation's goals, newest first; filter by goal, status and kind."""

    queryset = Contribution.objects.select_related("goal")
    serializer_class = ContributionSerializer
    write_permission = MANAGE

    def get_queryset(self):
        scope = scope_for(self.request)
        managed = [pk for pk in scope.organisation_ids if scope.has(MANAGE, organisation_id=pk)]
        if not managed:
            raise PermissionDenied
        entries = super().get_queryset().filter(organisation_id__in=managed)
        if self.action == "list":
            query = validated_query(self.request, ContributionQuery)
            for name in ("goal", "status", "kind"):
                if name in query:
                    entries = entries.filter(**{name: query[name]})
        return entries

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return queries.with_actions(list(page)) if page else page

    def _moderate(self, request, step, body_class=None, created: bool = False) -> Response:
        """Do ``step`` (a moderation service) on the contribution with the validated body; refusals say why."""
        entry = self.get_object()
        data = {}
        if body_class is not None:
            body = body_class(data=request.data)
            body.is_valid(raise_exception=True)
            data = body.validated_data
        with refusals(request.user):
            step(entry, user=request.user, **data)
        return Response(
            self.get_serializer(entry).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(request=None, responses=ContributionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Show the contribution on the public goal page."""
        return self._moderate(request, services.approve)

    @extend_schema(request=RejectSerializer, responses=ContributionSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Keep it off the public page, with an internal reason (refused once answered or an action)."""
        return self._moderate(request, services.reject, RejectSerializer)

    @extend_schema(request=PublicAnswerSerializer, responses=ContributionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """Answer an approved contribution publicly."""
        return self._moderate(request, services.answer, PublicAnswerSerializer)

    @extend_schema(request=MakeActionSerializer, responses={201: ContributionSerializer})
    @action(detail=True, methods=["post"], url_path="make-action")
    def make_action(self, request, pk=None):
        """Turn an approved proposal into an action linked to its goal (``action`` in the answer is its id)."""
        return self._moderate(request, services.make_action, MakeActionSerializer, created=True)
