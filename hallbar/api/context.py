"""Interested parties, the environmental scan and the scope versions. Every write goes through
``hallbar.context.services``.

Editors change interested parties and scan items of their units; the scope is the whole organisation's
(coordinators and administrators). A scope version is written as a draft or, with ``approved_by`` and
``approved_on``, approved at once; a draft is changed or approved with PATCH; approved versions are a
record and are neither changed nor deleted.
"""

from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from hallbar.accounts.roles import Permission
from hallbar.context import queries, services
from hallbar.context.models import InterestedParty, ScanItem, ScopeStatement
from hallbar.core.deletion import DeletionRefused
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.plans.models import Goal

from .actions import MAX_ID
from .errors import refusals
from .fields import ScopedRelatedField
from .query import QueryParameters, validated_query
from .serializers import ModelCleanSerializer
from .viewsets import GuardedDestroyMixin, ScopedModelViewSet


class ContextSerializer(ModelCleanSerializer):
    """Checks as the forms do, never moves to another organisation, and saves through ``service``
    (called with the instance and the many-to-many ``links`` given)."""

    fixed_fields = ("organisation",)
    links: tuple[str, ...] = ()
    service = None

    def create(self, validated_data):
        links = {name: validated_data.pop(name, []) for name in self.links}
        return self._save(self.Meta.model(**validated_data), links)

    def update(self, instance, validated_data):
        links = {name: validated_data.pop(name, None) for name in self.links}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(instance, links)

    def _save(self, instance, links):
        with refusals():
            return self.service(instance, **links)


class ContextDestroyMixin(GuardedDestroyMixin):
    """Deleting refused by :func:`hallbar.context.services.check_deletable` first, with its reason."""

    def destroy_instance(self, instance):
        try:
            services.check_deletable(instance)
        except DeletionRefused as refusal:
            raise ValidationError({"detail": refusal.message, "dependents": refusal.dependents}) from refusal
        super().destroy_instance(instance)


def filtered(queryset, query: dict, names: tuple[str, ...]):
    return queryset.filter(**{name: query[name] for name in names if name in query})


# Interested parties -----------------------------------------------------------------------------------


class InterestedPartySerializer(ContextSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)

    class Meta:
        model = InterestedParty
        fields = [
            "id",
            "organisation",
            "name",
            "category",
            "needs",
            "is_compliance_obligation",
            "obligation_note",
            "relevance",
            "responsible_unit",
            "last_reviewed_on",
        ]

    service = staticmethod(services.save_party)


class PartyQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    category = serializers.ChoiceField(choices=InterestedParty.Category.choices, required=False)
    relevance = serializers.ChoiceField(choices=InterestedParty.Relevance.choices, required=False)
    is_compliance_obligation = serializers.BooleanField(required=False, default=None, allow_null=True)


@extend_schema_view(list=extend_schema(parameters=[PartyQuery]))
class InterestedPartyViewSet(ContextDestroyMixin, ScopedModelViewSet):
    """Interested parties with their needs and expectations. Editors change those of their units."""

    queryset = InterestedParty.objects.select_related("responsible_unit")
    serializer_class = InterestedPartySerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        parties = super().get_queryset()
        if self.action == "list":
            query = validated_query(self.request, PartyQuery)
            parties = filtered(parties, query, ("organisation", "category", "relevance", "is_compliance_obligation"))
        return parties


# Scan items -------------------------------------------------------------------------------------------


class ScanItemSerializer(ContextSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    goals = ScopedRelatedField(queryset=Goal.objects.all(), many=True, required=False)
    links = ("goals",)
    service = staticmethod(services.save_scan_item)

    class Meta:
        model = ScanItem
        fields = [
            "id",
            "organisation",
            "title",
            "category",
            "description",
            "trend",
            "impact",
            "impact_size",
            "time_horizon",
            "source",
            "source_url",
            "noted_on",
            "status",
            "responsible_unit",
            "goals",
        ]


class ScanQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    category = serializers.ChoiceField(choices=ScanItem.Category.choices, required=False)
    time_horizon = serializers.ChoiceField(choices=ScanItem.Horizon.choices, required=False)
    status = serializers.ChoiceField(choices=ScanItem.Status.choices, required=False)
    trend = serializers.ChoiceField(choices=ScanItem.Trend.choices, required=False)
    impact = serializers.ChoiceField(choices=ScanItem.Impact.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[ScanQuery]))
class ScanItemViewSet(ContextDestroyMixin, ScopedModelViewSet):
    """The environmental scan (omvärldsanalys): trends by PESTLE category and time horizon, linked to local
    goals. Editors change those of their units; archive with ``status`` instead of deleting."""

    queryset = ScanItem.objects.select_related("responsible_unit").prefetch_related("goals")
    serializer_class = ScanItemSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        items = super().get_queryset()
        if self.action == "list":
            query = validated_query(self.request, ScanQuery)
            items = filtered(items, query, ("organisation", "category", "time_horizon", "status", "trend", "impact"))
        return items


# Scope statements -------------------------------------------------------------------------------------


class ScopeStatementSerializer(ContextSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    units = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), many=True, required=False)
    state = serializers.SerializerMethodField(help_text="current (the latest approved), draft or replaced.")
    links = ("units",)
    service = staticmethod(services.save_scope_statement)

    class Meta:
        model = ScopeStatement
        fields = [
            "id",
            "organisation",
            "version",
            "state",
            "text",
            "boundaries",
            "units",
            "exclusions",
            "valid_from",
            "approved_by",
            "approved_on",
            "created_at",
        ]
        read_only_fields = ["version", "created_at"]

    @extend_schema_field(serializers.ChoiceField(choices=["current", "draft", "replaced"]))
    def get_state(self, statement) -> str:
        if not hasattr(statement, "newer_approved"):  # just written: not from the annotated queryset
            queries.set_version_state(statement)
            return statement.state
        return "draft" if not statement.is_approved else "replaced" if statement.newer_approved else "current"


class ScopeQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


@extend_schema_view(list=extend_schema(parameters=[ScopeQuery]))
class ScopeStatementViewSet(ContextDestroyMixin, ScopedModelViewSet):
    """Versions of the scope of the management system, newest first. POST writes a new version (refused
    while a draft exists); PATCH changes or approves a draft; only drafts are deleted."""

    serializer_class = ScopeStatementSerializer
    write_permission = Permission.CHANGE
    queryset = ScopeStatement.objects.prefetch_related("units").annotate(
        newer_approved=Exists(
            ScopeStatement.objects.filter(
                organisation=OuterRef("organisation"), version__gt=OuterRef("version"), approved_on__isnull=False
            )
        )
    )

    def get_queryset(self):
        statements = super().get_queryset()
        if self.action == "list":
            statements = filtered(statements, validated_query(self.request, ScopeQuery), ("organisation",))
        return statements
