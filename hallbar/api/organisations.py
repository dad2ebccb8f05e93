from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from hallbar.accounts.roles import Permission
from hallbar.core.deletion import DeletionRefused, guarded_delete
from hallbar.organisations.models import County, Municipality, Organisation, OrganisationUnit

from .errors import refusals
from .fields import ScopedRelatedField
from .query import QueryParameters, validated_query
from .viewsets import ScopedModelViewSet, ScopedReadOnlyViewSet


class OrganisationSerializer(serializers.ModelSerializer):
    municipality_code = serializers.CharField(source="municipality.code", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "slug", "kind", "official_code", "org_number", "municipality_code", "is_active"]


class UnitSerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    parent = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)

    class Meta:
        model = OrganisationUnit
        fields = ["id", "organisation", "parent", "name", "kind", "code", "org_number", "is_active", "depth"]
        read_only_fields = ["depth"]

    def validate(self, attrs):
        instance = OrganisationUnit(**{**self._current(), **attrs})
        if self.instance is not None:
            instance.pk, instance.path = self.instance.pk, self.instance.path
            if "organisation" in attrs and attrs["organisation"] != self.instance.organisation:
                raise ValidationError({"organisation": _("A unit cannot move to another organisation.")})
        with refusals():
            instance.clean()
        if attrs.get("org_number"):
            attrs["org_number"] = instance.org_number  # normalised by clean(): NNNNNN-NNNN
        return attrs

    def _current(self) -> dict:
        if self.instance is None:
            return {}
        return {"organisation": self.instance.organisation, "parent": self.instance.parent}


class UnitQuery(QueryParameters):
    organisation = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="Only units of this organisation (id)."
    )


@extend_schema_view(list=extend_schema(summary="Organisations you are a member of"))
class OrganisationViewSet(ScopedReadOnlyViewSet):
    queryset = Organisation.objects.select_related("municipality")
    serializer_class = OrganisationSerializer


@extend_schema_view(list=extend_schema(parameters=[UnitQuery]))
class UnitViewSet(ScopedModelViewSet):
    """The unit tree. Coordinators and administrators of the whole organisation change it; members read it."""

    queryset = OrganisationUnit.objects.all()
    serializer_class = UnitSerializer
    write_permission = Permission.MANAGE_STRUCTURE

    def get_queryset(self):
        units = super().get_queryset()
        if self.action == "list":
            organisation = validated_query(self.request, UnitQuery).get("organisation")
            if organisation is not None:
                units = units.filter(organisation_id=organisation)
        return units

    def permission_target(self, instance):
        """As in the UI, the unit tree is managed for the whole organisation, not from inside a unit."""
        return instance.organisation_id, None

    def destroy_instance(self, instance):
        try:
            guarded_delete(instance)
        except DeletionRefused as refusal:
            raise ValidationError({"detail": refusal.message, "dependents": refusal.dependents}) from refusal
        except ProtectedError as refusal:  # something started depending on it meanwhile
            raise ValidationError({"detail": _("Other records depend on this unit.")}) from refusal


class CountySerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["code", "name", "population"]


class MunicipalitySerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.code")

    class Meta:
        model = Municipality
        fields = ["code", "name", "county", "skr_group", "skr_group_name", "population"]


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    """Reference list of Sweden's 290 municipalities (SCB, SKR). Same for everyone."""

    queryset = Municipality.objects.select_related("county").order_by("code")
    serializer_class = MunicipalitySerializer
    lookup_field = "code"
    lookup_value_regex = r"\d{4}"


class CountyViewSet(viewsets.ReadOnlyModelViewSet):
    """Reference list of Sweden's 21 counties (SCB)."""

    queryset = County.objects.order_by("code")
    serializer_class = CountySerializer
    lookup_field = "code"
    lookup_value_regex = r"\d{2}"
