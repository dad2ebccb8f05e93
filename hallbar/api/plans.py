"""Plans, focus areas, goals and targets; a target's computed status is part of it (read-only)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hallbar.accounts.roles import Permission
from hallbar.frameworks.models import FrameworkItem
from hallbar.indicators.models import Indicator
from hallbar.indicators.queries import assess_targets
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import FocusArea, Goal, Plan, Target

from .fields import ScopedRelatedField, UrnRelatedField
from .serializers import ModelCleanSerializer
from .viewsets import GuardedDestroyMixin, ScopedModelViewSet


def item_field():
    """Framework items by URN (reference data, the same for every organisation)."""
    return UrnRelatedField(queryset=FrameworkItem.objects.all(), many=True, required=False)


class PlanSerializer(ModelCleanSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    fixed_fields = ("organisation",)

    class Meta:
        model = Plan
        fields = [
            "id",
            "organisation",
            "title",
            "kind",
            "status",
            "description",
            "adopted_by",
            "adopted_on",
            "valid_from_year",
            "valid_to_year",
            "responsible_unit",
        ]


class FocusAreaSerializer(ModelCleanSerializer):
    plan = ScopedRelatedField(queryset=Plan.objects.all())
    fixed_fields = ("plan",)

    class Meta:
        model = FocusArea
        fields = ["id", "plan", "title", "description", "order"]


class GoalSerializer(ModelCleanSerializer):
    plan = ScopedRelatedField(queryset=Plan.objects.all())
    focus_area = ScopedRelatedField(queryset=FocusArea.objects.all(), allow_null=True, required=False)
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    framework_items = item_field()
    fixed_fields = ("plan",)

    class Meta:
        model = Goal
        fields = ["id", "plan", "focus_area", "title", "description", "responsible_unit", "order", "framework_items"]


class TargetSerializer(ModelCleanSerializer):
    goal = ScopedRelatedField(queryset=Goal.objects.all())
    indicator = ScopedRelatedField(queryset=Indicator.objects.all(), allow_null=True, required=False)
    framework_items = item_field()
    status = serializers.SerializerMethodField(
        help_text="Computed from the indicator's trend: on_track, at_risk, off_track, not_enough_data; "
        "null without an indicator. See docs/methods/target-status.md."
    )
    fixed_fields = ("goal",)

    class Meta:
        model = Target
        fields = [
            "id",
            "goal",
            "title",
            "unit",
            "baseline_year",
            "baseline_value",
            "target_year",
            "target_value",
            "direction",
            "indicator",
            "order",
            "framework_items",
            "status",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_status(self, target) -> str | None:
        assessments = self.context.get("assessments")
        if assessments is None:
            assessments = assess_targets([target])
        assessment = assessments.get(target.pk)
        return str(assessment.status) if assessment else None


class PlanViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """Plans (environmental programmes, climate plans …). Editors change those of their units."""

    queryset = Plan.objects.order_by("-valid_from_year", "title", "pk")
    serializer_class = PlanSerializer
    write_permission = Permission.CHANGE


class FocusAreaViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    queryset = FocusArea.objects.select_related("plan").order_by("plan", "order", "pk")
    serializer_class = FocusAreaSerializer
    write_permission = Permission.CHANGE


class GoalViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    queryset = Goal.objects.select_related("plan").prefetch_related("framework_items").order_by("plan", "order", "pk")
    serializer_class = GoalSerializer
    write_permission = Permission.CHANGE


class TargetViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """Measurable targets with their computed status (one read of the indicator values per page)."""

    queryset = (
        Target.objects.select_related("goal__plan").prefetch_related("framework_items").order_by("goal", "order", "pk")
    )
    serializer_class = TargetSerializer
    write_permission = Permission.CHANGE

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self.assessments = assess_targets(page)
        return page

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if hasattr(self, "assessments"):
            context["assessments"] = self.assessments
        return context
