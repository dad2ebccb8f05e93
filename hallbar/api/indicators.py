"""Indicators and their values. Values are filtered by indicator, unit and years."""

from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from hallbar.accounts.roles import Permission
from hallbar.indicators.models import Indicator, IndicatorValue
from hallbar.organisations.models import Organisation, OrganisationUnit

from .fields import ScopedRelatedField
from .query import QueryParameters, validated_query
from .serializers import ModelCleanSerializer
from .viewsets import GuardedDestroyMixin, ScopedModelViewSet

MAX_ID = 2**63 - 1


class IndicatorSerializer(ModelCleanSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    responsible_unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    fixed_fields = ("organisation",)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "organisation",
            "title",
            "description",
            "unit",
            "direction",
            "frequency",
            "source",
            "method_note",
            "split_by_gender",
            "kolada_kpi",
            "responsible_unit",
        ]


class IndicatorValueSerializer(ModelCleanSerializer):
    indicator = ScopedRelatedField(queryset=Indicator.objects.all())
    unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)
    fixed_fields = ("indicator",)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "unit",
            "year",
            "period",
            "value",
            "value_women",
            "value_men",
            "status",
            "source",
            "comment",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        validators = []  # the partial unique constraints are checked by IndicatorValue.clean(), with a clear message

    def validate(self, attrs):
        indicator = attrs.get("indicator") or self.instance.indicator
        attrs["organisation"] = indicator.organisation
        return super().validate(attrs)  # IndicatorValue.clean(): period, gender split, unit, one per period


class IndicatorQuery(QueryParameters):
    kolada_kpi = serializers.CharField(required=False, max_length=16, help_text="Only indicators linked to this KPI.")
    search = serializers.CharField(required=False, max_length=200, help_text="Words in the title or description.")


class ValueQuery(QueryParameters):
    indicator = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text="Indicator id.")
    unit = serializers.IntegerField(
        required=False, min_value=0, max_value=MAX_ID, help_text="Unit id; 0 for whole-organisation values."
    )
    year_from = serializers.IntegerField(required=False, min_value=0, max_value=32767)
    year_to = serializers.IntegerField(required=False, min_value=0, max_value=32767)


@extend_schema_view(list=extend_schema(parameters=[IndicatorQuery]))
class IndicatorViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """Indicator definitions. Editors change those their units are responsible for."""

    queryset = Indicator.objects.order_by("title", "pk")
    serializer_class = IndicatorSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        indicators = super().get_queryset()
        query = validated_query(self.request, IndicatorQuery) if self.action == "list" else {}
        if "kolada_kpi" in query:
            indicators = indicators.filter(kolada_kpi__iexact=query["kolada_kpi"])
        if "search" in query:
            indicators = indicators.filter(
                Q(title__icontains=query["search"]) | Q(description__icontains=query["search"])
            )
        return indicators


@extend_schema_view(list=extend_schema(parameters=[ValueQuery]))
class IndicatorValueViewSet(ScopedModelViewSet):
    """Values per indicator, unit (null = whole organisation) and period. Editors write their units' values."""

    queryset = IndicatorValue.objects.order_by("indicator", "unit", "year", "period", "pk")
    serializer_class = IndicatorValueSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        values = super().get_queryset()
        query = validated_query(self.request, ValueQuery) if self.action == "list" else {}
        if "indicator" in query:
            values = values.filter(indicator_id=query["indicator"])
        if "unit" in query:
            values = values.filter(unit__isnull=True) if query["unit"] == 0 else values.filter(unit_id=query["unit"])
        if "year_from" in query:
            values = values.filter(year__gte=query["year_from"])
        if "year_to" in query:
            values = values.filter(year__lte=query["year_to"])
        return values
