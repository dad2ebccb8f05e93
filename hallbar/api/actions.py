"""Action plans, actions and progress updates. Every write goes through ``hallbar.actions.services``.

Editors change actions of their units; the contact person of an action may also post progress
updates on it. Progress updates are a record: they are posted and read, never changed or deleted.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError

from hallbar.accounts.roles import Permission
from hallbar.actions import rules, services
from hallbar.actions.models import Action, ActionPlan, FollowUpSettings, ProgressUpdate
from hallbar.history.context import acting_as
from hallbar.indicators.models import Indicator
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import Goal, Plan, Target

from .errors import refusals
from .fields import ScopedRelatedField
from .permissions import scope_for
from .query import QueryParameters, validated_query
from .viewsets import GuardedDestroyMixin, ScopedModelViewSet

MAX_ID = 2**63 - 1
LINKS = ("goals", "targets", "indicators")


class MemberField(serializers.PrimaryKeyRelatedField):
    """A user who is an active member of one of the caller's organisations."""

    def get_queryset(self):
        scope = scope_for(self.context["request"])
        return (
            get_user_model()
            .objects.filter(memberships__organisation_id__in=scope.organisation_ids, memberships__is_active=True)
            .distinct()
        )


def _refuse_move(instance, attrs) -> None:
    if instance is not None and "organisation" in attrs and attrs["organisation"].pk != instance.organisation_id:
        raise ValidationError({"organisation": _("It cannot move to another organisation.")})


# Action plans -----------------------------------------------------------------------------------------


class ActionPlanSerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    plan = ScopedRelatedField(queryset=Plan.objects.all(), allow_null=True, required=False)
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "organisation",
            "title",
            "plan",
            "valid_from_year",
            "valid_to_year",
            "responsible_unit",
            "description",
        ]

    def validate(self, attrs):
        _refuse_move(self.instance, attrs)
        return attrs

    def create(self, validated_data):
        with refusals():
            return services.save_action_plan(ActionPlan(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with refusals():
            return services.save_action_plan(instance)


class ActionPlanViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """Action plans: sets of actions adopted together. Editors change those of their units."""

    queryset = ActionPlan.objects.select_related("responsible_unit")
    serializer_class = ActionPlanSerializer
    write_permission = Permission.CHANGE


# Actions ----------------------------------------------------------------------------------------------


class ActionSerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    action_plan = ScopedRelatedField(queryset=ActionPlan.objects.all(), allow_null=True, required=False)
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    contact_person = MemberField(allow_null=True, required=False)
    goals = ScopedRelatedField(queryset=Goal.objects.all(), many=True, required=False)
    targets = ScopedRelatedField(queryset=Target.objects.all(), many=True, required=False)
    indicators = ScopedRelatedField(queryset=Indicator.objects.all(), many=True, required=False)
    reason_type = serializers.SerializerMethodField(
        help_text="What the action comes from, as app_label.model (e.g. a risk), or null."
    )
    is_overdue = serializers.SerializerMethodField(help_text="Open and past its end date.")

    class Meta:
        model = Action
        fields = [
            "id",
            "organisation",
            "action_plan",
            "title",
            "description",
            "responsible_unit",
            "contact_person",
            "status",
            "start_date",
            "end_date",
            "budget_sek",
            "outcome_sek",
            "percent_complete",
            "goals",
            "targets",
            "indicators",
            "reason_type",
            "reason_id",
            "last_progress_at",
            "is_overdue",
            "created_at",
        ]
        read_only_fields = ["percent_complete", "reason_id", "last_progress_at", "created_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_reason_type(self, action) -> str | None:
        if action.reason_type_id is None:
            return None
        return f"{action.reason_type.app_label}.{action.reason_type.model}"

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_overdue(self, action) -> bool:
        return rules.is_overdue(action)

    def validate(self, attrs):
        _refuse_move(self.instance, attrs)
        return attrs

    def create(self, validated_data):
        links = {name: validated_data.pop(name, []) for name in LINKS}
        with refusals():
            return services.save_action(Action(**validated_data), **links)

    def update(self, instance, validated_data):
        links = {name: validated_data.pop(name, None) for name in LINKS}
        with refusals():
            return services.update_action(instance, **links, **validated_data)


class ActionQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    action_plan = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    responsible_unit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    contact_person = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    status = serializers.ChoiceField(choices=rules.Status.choices, required=False)
    stale = serializers.BooleanField(
        required=False, default=None, allow_null=True, help_text="Only actions without a recent progress update."
    )


@extend_schema_view(list=extend_schema(parameters=[ActionQuery]))
class ActionViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """Actions from action plans and from other follow-up (risks, audits …). Editors change those of
    their units; progress is posted at ``/progress-updates/``."""

    queryset = Action.objects.select_related("reason_type").prefetch_related(*LINKS)
    serializer_class = ActionSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        actions = super().get_queryset()
        if self.action != "list":
            return actions
        query = validated_query(self.request, ActionQuery)
        for name in ("organisation", "action_plan", "responsible_unit", "contact_person"):
            if name in query:
                actions = actions.filter(**{f"{name}_id": query[name]})
        if "status" in query:
            actions = actions.filter(status=query["status"])
        if query.get("stale"):
            actions = actions.filter(self._stale_condition())
        return actions

    def _stale_condition(self) -> Q:
        """Each organisation has its own threshold: one condition per organisation of the caller."""
        now = timezone.now()
        ids = scope_for(self.request).organisation_ids
        saved = dict(
            FollowUpSettings.objects.filter(organisation_id__in=ids).values_list("organisation_id", "stale_after_days")
        )
        condition = Q(pk__in=[])
        for organisation_id in ids:
            days = saved.get(organisation_id, rules.DEFAULT_STALE_AFTER_DAYS)
            condition |= Q(organisation_id=organisation_id) & rules.stale_q(days, now)
        return condition

    def perform_create(self, serializer):
        data = {name: value for name, value in serializer.validated_data.items() if name not in LINKS}
        self.require_write(Action(**data))
        with acting_as(self.request.user):
            serializer.save()


# Progress updates -------------------------------------------------------------------------------------


class ProgressUpdateSerializer(serializers.ModelSerializer):
    action = ScopedRelatedField(queryset=Action.objects.all())
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    status = serializers.ChoiceField(
        choices=rules.Status.choices,
        required=False,
        help_text="The action's status after the update; unchanged if left out.",
    )
    date = serializers.DateField(required=False, help_text="The day the update describes; today if left out.")

    class Meta:
        model = ProgressUpdate
        fields = ["id", "action", "author", "author_name", "date", "text", "status", "percent_complete", "created_at"]
        read_only_fields = ["author", "created_at"]

    def create(self, validated_data):
        with refusals():
            return services.post_progress(author=self.context["request"].user, **validated_data)


class ProgressQuery(QueryParameters):
    action = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


@extend_schema_view(list=extend_schema(parameters=[ProgressQuery]))
class ProgressUpdateViewSet(ScopedModelViewSet):
    """Progress updates on actions, newest first. Posting one moves the action's status."""

    http_method_names = ["get", "post", "head", "options"]
    queryset = ProgressUpdate.objects.select_related("author")
    serializer_class = ProgressUpdateSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        updates = super().get_queryset()
        if self.action == "list":
            action = validated_query(self.request, ProgressQuery).get("action")
            if action is not None:
                updates = updates.filter(action_id=action)
        return updates

    def perform_create(self, serializer):
        if not services.can_post_progress(scope_for(self.request), serializer.validated_data["action"]):
            raise PermissionDenied
        with acting_as(self.request.user):
            serializer.save()
