"""Networks between organisations: the ones the caller's organisations are invited to or members of.

What a member sees of the others comes from ``hallbar.networks.queries`` only (the members, the indicators
they chose to share, the news feed); a network the caller's organisations are not in is not found. Writes
go through ``hallbar.networks.services`` with the pages' roles: the managing organisation's coordinators
set the network up, change it and invite; a member's coordinators answer its invitation, choose what it
shares and leave. When the caller manages more than one member organisation, ``organisation`` says which.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.history.context import acting_as
from hallbar.indicators.models import Indicator
from hallbar.networks import queries, services
from hallbar.networks.models import Network, NetworkMembership
from hallbar.organisations.models import Organisation

from .actions import MAX_ID
from .errors import refusals
from .fields import ScopedRelatedField
from .permissions import scope_for
from .query import QueryParameters, validated_query
from .serializers import ModelCleanSerializer

MANAGE = Permission.MANAGE_FOLLOW_UP
Status = NetworkMembership.Status


class NetworkSerializer(ModelCleanSerializer):
    organisation = ScopedRelatedField(
        queryset=Organisation.objects.all(),
        help_text="The managing organisation (its coordinators manage the network); fixed once set up.",
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    fixed_fields = ("organisation",)

    class Meta:
        model = Network
        fields = ["id", "organisation", "organisation_name", "name", "description", "created_at"]
        read_only_fields = ["created_at"]


class MemberSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = NetworkMembership
        fields = ["id", "organisation", "organisation_name", "status", "invited_at", "joined_at"]
        read_only_fields = fields


class WhoQuery(QueryParameters):
    organisation = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="Which of the caller's organisations acts."
    )


class InviteSerializer(serializers.Serializer):
    organisations = serializers.PrimaryKeyRelatedField(many=True, queryset=Organisation.objects.filter(is_active=True))


class InvitationAnswerSerializer(serializers.Serializer):
    answer = serializers.ChoiceField(choices=["accept", "decline"])


class SharingSerializer(serializers.Serializer):
    indicators = ScopedRelatedField(
        queryset=Indicator.objects.all(), many=True, help_text="The member's own indicators to share: the whole list."
    )


class PanelQuery(QueryParameters):
    measure = serializers.CharField(max_length=400, help_text="A measure's key, from ``…/measures/``.")


class MeasureSerializer(serializers.Serializer):
    measure = serializers.CharField(source="key")
    label = serializers.CharField()


class PanelRowSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    shares_own = serializers.BooleanField(help_text="The member shares an indicator of this measure.")
    kolada_code = serializers.CharField(allow_null=True)
    own = serializers.ListField(
        child=serializers.FloatField(allow_null=True), help_text="Own values per year of ``years`` (shared only)."
    )
    kolada = serializers.ListField(child=serializers.FloatField(allow_null=True), help_text="Kolada values per year.")


class PanelSerializer(serializers.Serializer):
    """``queries.panel`` as JSON numbers: per member, one value (or null) for each of ``years``."""

    measure = serializers.CharField(source="key")
    kpi = serializers.CharField(source="kpi_id", allow_null=True)
    unit = serializers.CharField()
    years = serializers.ListField(child=serializers.IntegerField())
    rows = PanelRowSerializer(many=True)

    def to_representation(self, panel):
        years = panel["years"]
        rows = [
            {**vars(row), "own": [row.own.get(y) for y in years], "kolada": [row.kolada.get(y) for y in years]}
            for row in panel["rows"]
        ]
        return super().to_representation({**panel, "rows": rows})


class FeedItemSerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    organisation = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, item) -> str:
        return self.context["request"].build_absolute_uri(item.url)


class NetworkViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Networks the caller's organisations are in or invited to; members, panel and feed per network."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    queryset = Network.objects.select_related("organisation")
    serializer_class = NetworkSerializer

    def get_queryset(self):
        visible = NetworkMembership.objects.filter(
            organisation_id__in=scope_for(self.request).organisation_ids, status__in=queries.VISIBLE
        )
        return super().get_queryset().filter(pk__in=visible.values("network_id")).order_by("name", "pk")

    def check_object_permissions(self, request, obj):
        """Reading: any visible network. Managing it: the managing organisation's coordinators."""
        if self.action in ("partial_update", "invite") and not scope_for(request).has(MANAGE, obj):
            raise PermissionDenied

    def _membership(self, network: Network, statuses=(Status.ACTIVE,), permission=None) -> NetworkMembership:
        """The membership of one of the caller's organisations (``?organisation=`` chooses; with ``permission``,
        one where the caller holds it), else 404 or 403."""
        scope = scope_for(self.request)
        chosen = validated_query(self.request, WhoQuery).get("organisation")
        memberships = network.memberships.filter(organisation_id__in=scope.organisation_ids, status__in=statuses)
        if chosen is not None:
            memberships = memberships.filter(organisation_id=chosen)
        memberships = list(memberships.select_related("organisation").order_by("organisation__name"))
        if not memberships:
            raise NotFound
        if permission is None:
            return memberships[0]
        for membership in memberships:
            if scope.has(permission, organisation_id=membership.organisation_id):
                return membership
        raise PermissionDenied

    def perform_create(self, serializer):
        if not scope_for(self.request).has(MANAGE, organisation_id=serializer.validated_data["organisation"].pk):
            raise PermissionDenied
        with refusals(self.request.user):
            serializer.instance = services.create_network(Network(**serializer.validated_data), user=self.request.user)

    def perform_update(self, serializer):
        for name, value in serializer.validated_data.items():
            setattr(serializer.instance, name, value)
        with refusals(self.request.user):
            services.save_network(serializer.instance)

    @extend_schema(parameters=[WhoQuery], responses=MemberSerializer(many=True))
    @action(detail=True, pagination_class=None)
    def members(self, request, pk=None):
        """Members and open invitations (an invitation is enough to see them)."""
        network = self.get_object()
        self._membership(network, statuses=queries.VISIBLE)
        return Response(MemberSerializer(queries.members(network), many=True).data)

    @extend_schema(parameters=[WhoQuery], responses=MeasureSerializer(many=True))
    @action(detail=True, pagination_class=None)
    def measures(self, request, pk=None):
        """The measures the members share, for the panel."""
        network = self.get_object()
        self._membership(network)
        return Response(MeasureSerializer(queries.measures(network), many=True).data)

    @extend_schema(parameters=[WhoQuery, PanelQuery], responses=PanelSerializer)
    @action(detail=True, pagination_class=None)
    def panel(self, request, pk=None):
        """The shared indicator panel of one measure: each member's values per year as numbers (own values
        only from indicators it shared; Kolada values)."""
        network = self.get_object()
        self._membership(network)
        key = validated_query(request, PanelQuery)["measure"]
        if key not in {measure.key for measure in queries.measures(network)}:
            raise NotFound(_("No member shares this measure with the network."))
        return Response(PanelSerializer(queries.panel(network, key)).data)

    @extend_schema(parameters=[WhoQuery], responses=FeedItemSerializer(many=True))
    @action(detail=True, pagination_class=None)
    def feed(self, request, pk=None):
        """What the members published and shared, newest first."""
        network = self.get_object()
        self._membership(network)
        return Response(FeedItemSerializer(queries.feed(network), many=True, context={"request": request}).data)

    @extend_schema(request=InviteSerializer, responses=MemberSerializer(many=True))
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Invite organisations (those already in the network are skipped)."""
        network = self.get_object()
        body = InviteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with refusals(request.user):
            invited = services.invite(network, body.validated_data["organisations"], user=request.user)
        return Response(MemberSerializer(invited, many=True).data)

    @extend_schema(
        parameters=[WhoQuery], request=InvitationAnswerSerializer, responses={200: MemberSerializer, 204: None}
    )
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        """Accept or decline the invitation of the caller's organisation (its coordinators)."""
        membership = self._membership(self.get_object(), statuses=(Status.INVITED,), permission=MANAGE)
        body = InvitationAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with acting_as(request.user):
            if body.validated_data["answer"] == "decline":
                services.decline(membership)
                return Response(status=status.HTTP_204_NO_CONTENT)
            services.accept(membership)
        return Response(MemberSerializer(membership).data)

    @extend_schema(parameters=[WhoQuery], request=None, responses=MemberSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        """The caller's organisation leaves the network and stops sharing at once."""
        membership = self._membership(self.get_object(), permission=MANAGE)
        with refusals(request.user):
            services.leave(membership)
        return Response(MemberSerializer(membership).data)

    @extend_schema(parameters=[WhoQuery], request=SharingSerializer, responses=SharingSerializer)
    @action(detail=True, methods=["get", "post"])
    def sharing(self, request, pk=None):
        """The indicators the caller's organisation shares; ``POST`` the whole new list."""
        if request.method == "GET":
            membership = self._membership(self.get_object())
        else:
            membership = self._membership(self.get_object(), permission=MANAGE)
            body = SharingSerializer(data=request.data, context={"request": request})
            body.is_valid(raise_exception=True)
            with refusals(request.user):
                services.save_sharing(membership, body.validated_data["indicators"], user=request.user)
        shared = membership.shared_indicators.values_list("indicator_id", flat=True)
        return Response({"indicators": sorted(shared)})
