"""The good examples library, read by every organisation on purpose (decision 0018).

Reading, saving and copying are open to the signed-in members of every organisation (only shared
examples: withdrawn ones are not found); the filters are the library page's (``examples.queries.library``).
Sharing an action, changing and withdrawing (``DELETE``) an example go through ``hallbar.examples.services``
and need ``CHANGE`` on the action's or the example's unit in the sharing organisation. Copying makes a new
action of one of the caller's organisations (``CHANGE`` on its unit, or on the organisation) with the link
back to the example.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.actions.models import Action, ActionPlan
from hallbar.examples import queries, services
from hallbar.examples.forms import DESCRIPTION_FIELDS
from hallbar.examples.models import Example, Theme
from hallbar.frameworks.models import FrameworkItem
from hallbar.history.context import acting_as
from hallbar.organisations.models import County, Organisation, OrganisationUnit
from hallbar.plans.models import Goal

from .errors import refusals
from .fields import ReferenceSlugField, ScopedRelatedField, UrnRelatedField
from .permissions import scope_for
from .query import QueryParameters, validated_query
from .viewsets import ScopedModelViewSet

LINKS = ("themes", "goals", "framework_items")


class ExampleSerializer(serializers.ModelSerializer):
    action = ScopedRelatedField(
        queryset=Action.objects.all(), write_only=True, help_text="The own action to share (only when sharing)."
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    themes = ReferenceSlugField(
        slug_field="key", many=True, queryset=Theme.objects.filter(is_active=True), help_text="At least one."
    )
    goals = ScopedRelatedField(
        queryset=Goal.objects.all(),
        many=True,
        required=False,
        write_only=True,
        help_text="The sharing organisation's own goals.",
    )
    goal_titles = serializers.SerializerMethodField(help_text="The goals' titles, as other organisations see them.")
    framework_items = UrnRelatedField(queryset=FrameworkItem.objects.all(), many=True, required=False)
    attachments = serializers.SerializerMethodField(help_text="Shared files: name and download address.")
    is_saved = serializers.SerializerMethodField(help_text="On the caller's saved list.")

    class Meta:
        model = Example
        fields = [
            "id",
            "action",
            "organisation",
            "organisation_name",
            "unit",
            *DESCRIPTION_FIELDS,
            *LINKS,
            "goal_titles",
            "attachments",
            "is_saved",
            "shared_at",
            "updated_at",
        ]
        read_only_fields = ["organisation", "unit", "shared_at", "updated_at"]

    def get_fields(self):
        fields = super().get_fields()
        if isinstance(self.instance, Example):
            fields["action"].required = False  # the shared action is fixed once shared
            fields["action"].read_only = True
        return fields

    def get_goal_titles(self, example) -> list[str]:
        return [goal.title for goal in example.goals.all()]

    def get_attachments(self, example) -> list[dict]:
        request = self.context["request"]
        return [
            {
                "name": attachment.original_name,
                "url": request.build_absolute_uri(reverse("examples:attachment", args=[attachment.pk])),
            }
            for attachment in example.attachments.all()
        ]

    def get_is_saved(self, example) -> bool:
        return example.pk in self.context["saved"]

    def create(self, validated_data):
        with refusals():
            return services.share_action(
                validated_data.pop("action"), user=self.context["request"].user, **validated_data
            )

    def update(self, instance, validated_data):
        with refusals():
            return services.update_example(instance, **validated_data)


class CopyResultSerializer(serializers.Serializer):
    action = serializers.IntegerField(help_text="The new action's id.")
    example = serializers.IntegerField(help_text="The example it came from.")


class CopySerializer(serializers.Serializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all(), help_text="Whose action plan.")
    title = serializers.CharField(max_length=300)
    action_plan = ScopedRelatedField(queryset=ActionPlan.objects.all(), allow_null=True, required=False)
    responsible_unit = ScopedRelatedField(
        queryset=OrganisationUnit.objects.all(), allow_null=True, required=False, help_text="Null: organisation-wide."
    )


class LibraryQuery(QueryParameters):
    q = serializers.CharField(required=False, max_length=200, help_text="Words in the title, text or organisation.")
    theme = ReferenceSlugField(slug_field="key", queryset=Theme.objects.all(), required=False)
    framework_item = UrnRelatedField(
        queryset=FrameworkItem.objects.all(), required=False, help_text="An SDG target or framework item (URN)."
    )
    skr_group = serializers.CharField(required=False, max_length=10, help_text="The SKR municipality group code.")
    county = ReferenceSlugField(slug_field="code", queryset=County.objects.all(), required=False)


@extend_schema_view(list=extend_schema(parameters=[LibraryQuery]))
class ExampleViewSet(ScopedModelViewSet):
    """Shared good examples of every organisation; share one of your actions with ``POST``."""

    open_to_all_organisations = True  # reading, saving and copying; see tests/test_isolation.py
    queryset = Example.objects.all()
    serializer_class = ExampleSerializer
    write_permission = Permission.CHANGE
    library_actions = ("list", "retrieve", "save", "copy", "saved")

    def get_queryset(self):
        if self.action == "list":
            query = dict(validated_query(self.request, LibraryQuery))
            examples = queries.library(text=query.pop("q", "").strip(), **query)
        elif self.action == "saved":
            examples = queries.saved_for(self.request.user)
        elif self.action in self.library_actions:
            examples = queries.listed()
        else:  # the sharing organisation's own, for changing and withdrawing
            examples = scope_for(self.request).filter(Example.objects.filter(withdrawn_at__isnull=True))
        return examples.prefetch_related("goals", "framework_items", "attachments")

    def check_object_permissions(self, request, obj):
        if self.action not in self.library_actions:
            super().check_object_permissions(request, obj)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "saved": queries.saved_ids(self.request.user)}

    def perform_create(self, serializer):
        self.require_write(serializer.validated_data["action"])  # sharing: where the action is
        with acting_as(self.request.user):
            serializer.save()

    def destroy_instance(self, instance) -> None:
        services.withdraw(instance)

    @extend_schema(responses=ExampleSerializer(many=True))
    @action(detail=False, pagination_class=None)
    def saved(self, request):
        """The caller's saved examples, last saved first."""
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    @extend_schema(request=None, responses=ExampleSerializer, methods=["POST", "DELETE"])
    @action(detail=True, methods=["post", "delete"])
    def save(self, request, pk=None):
        """``POST`` puts the example on the caller's saved list, ``DELETE`` takes it off (both idempotent)."""
        example = self.get_object()
        wanted = request.method == "POST"
        if (example.pk in queries.saved_ids(request.user)) != wanted:
            services.toggle_saved(request.user, example)
        return Response(self.get_serializer(example).data)

    @extend_schema(request=CopySerializer, responses={201: CopyResultSerializer})
    @action(detail=True, methods=["post"])
    def copy(self, request, pk=None):
        """Copy the example into an action plan of the caller's organisation: a new action linked back to it."""
        example = self.get_object()
        body = CopySerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        organisation, unit = data["organisation"], data.get("responsible_unit")
        scope, action_plan = scope_for(request), data.get("action_plan")
        if not scope.has(Permission.CHANGE, organisation_id=organisation.pk, unit=unit) or (
            action_plan is not None and not scope.has(Permission.CHANGE, action_plan)
        ):
            raise PermissionDenied
        with refusals(request.user):
            copied = services.copy_to_plan(
                example,
                organisation=organisation,
                title=data["title"],
                action_plan=action_plan,
                responsible_unit=unit,
            )
        return Response({"action": copied.pk, "example": example.pk}, status=status.HTTP_201_CREATED)
