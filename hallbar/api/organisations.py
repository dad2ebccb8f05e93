from django.db.models import ProtectedError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from hallbar.accounts.roles import Permission
from hallbar.core.deletion import DeletionRefused, guarded_delete
from hallbar.organisations.models import County, Municipality, Organisation, OrganisationUnit

from .fields import ScopedRelatedField
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
                raise ValidationError({"organisation": "A unit cannot move to another organisation."})
        try:
            instance.clean()
        except Exception as error:  # django ValidationError → DRF
            raise ValidationError(getattr(error, "message_dict", {"non_field_errors": [str(error)]})) from error
        return attrs

    def _current(self) -> dict:
        if self.instance is None:
            return {}
        return {"organisation": self.instance.organisation, "parent": self.instance.parent}


@extend_schema_view(list=extend_schema(summary="Organisations you are a member of"))
class OrganisationViewSet(ScopedReadOnlyViewSet):
    queryset = Organisation.objects.select_related("municipality")
    serializer_class = OrganisationSerializer


class UnitViewSet(ScopedModelViewSet):
    """The unit tree. Coordinators and administrators change it; members read it."""

    queryset = OrganisationUnit.objects.all()
    serializer_class = UnitSerializer
    write_permission = Permission.MANAGE_STRUCTURE
    filterset_fields = ["organisation"]

    def get_queryset(self):
        units = super().get_queryset()
        organisation = self.request.query_params.get("organisation")
        if organisation and organisation.isdigit():
            units = units.filter(organisation_id=int(organisation))
        return units

    def perform_destroy(self, instance):
        try:
            guarded_delete(instance)
        except (DeletionRefused, ProtectedError) as refusal:
            raise ValidationError({"detail": getattr(refusal, "message", str(refusal))}) from refusal


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
