"""Climate, read-only: emission releases (shared reference data), carbon-budget presets (the shipped ones
and the caller's organisations' own) and every municipality's budget under a preset. Presets are
changed through the pages."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError

from hallbar.climate.models import BudgetMethod, EmissionRelease
from hallbar.climate.reference import default_method_key
from hallbar.climate.results import municipality_results

from .permissions import scope_for
from .query import QueryParameters, validated_query


class EmissionReleaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmissionRelease
        fields = [
            "id",
            "key",
            "kind",
            "name",
            "version",
            "unit",
            "publisher",
            "citation",
            "url",
            "licence",
            "note",
            "first_year",
            "last_year",
            "is_current",
            "loaded_at",
        ]


class BudgetMethodSerializer(serializers.ModelSerializer):
    release_key = serializers.CharField(source="release.key", read_only=True)
    distributed_t = serializers.FloatField(read_only=True)
    is_shipped = serializers.BooleanField(read_only=True)

    class Meta:
        model = BudgetMethod
        fields = [
            "id",
            "organisation",
            "is_shipped",
            "key",
            "name",
            "description",
            "version",
            "kind",
            "release",
            "release_key",
            "budget_t",
            "distributed_t",
            "start_year",
            "overhead_t",
            "overhead_reference_t",
            "reference_first_year",
            "annual_reduction",
            "county",
            "horizon_year",
            "changed_at",
        ]


class MunicipalityBudgetSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    county = serializers.CharField()
    share_percent = serializers.FloatField(help_text="Share of the reference-year emissions (%).")
    budget_t = serializers.FloatField(help_text="Budget from 1 January of the start year (t CO2).")
    start_emission_t = serializers.FloatField(help_text="Emission in the start year, E0 (t CO2).")
    emitted_t = serializers.FloatField(help_text="Emitted from the start year to 1 January of the year (t CO2).")
    remaining_t = serializers.FloatField(help_text="Remaining budget (t CO2); negative when spent.")
    reduction_percent = serializers.FloatField(help_text="The yearly reduction the path asks for (%).")
    runs_out = serializers.DateField(allow_null=True, help_text="When the budget runs out on the trend; null: never.")
    trend_zero_year = serializers.IntegerField(
        allow_null=True, help_text="The year the falling trend reaches zero; null: it does not fall."
    )


class BudgetQuery(QueryParameters):
    method = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="The preset's id (default: the shipped default)."
    )
    year = serializers.IntegerField(
        required=False, min_value=1990, max_value=2100, help_text="The current year (default: this year)."
    )


def _methods_for(request):
    organisations = scope_for(request).organisation_ids
    return BudgetMethod.objects.filter(Q(organisation__isnull=True) | Q(organisation__in=organisations))


class EmissionReleaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Emission releases (shared reference data): what each figure of the climate pages comes from."""

    queryset = EmissionRelease.objects.all()
    serializer_class = EmissionReleaseSerializer


class BudgetMethodViewSet(viewsets.ReadOnlyModelViewSet):
    """Carbon-budget presets: the shipped ones and those of the caller's organisations."""

    queryset = BudgetMethod.objects.select_related("release").order_by("pk")
    serializer_class = BudgetMethodSerializer

    def get_queryset(self):
        return _methods_for(self.request).select_related("release").order_by("pk")


class MunicipalityBudgetViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every municipality's carbon budget under a preset (``?method=<id>``, ``?year=YYYY``), by code."""

    serializer_class = MunicipalityBudgetSerializer

    def get_queryset(self):  # for the schema; the rows are computed, not stored
        return BudgetMethod.objects.none()

    @extend_schema(parameters=[BudgetQuery])
    def list(self, request, *args, **kwargs):
        query = validated_query(request, BudgetQuery)
        methods = _methods_for(request).select_related("release")
        if "method" in query:
            method = methods.filter(pk=query["method"]).first()
            if method is None:
                raise ValidationError({"method": [_("No preset with this id that you may see.")]})
        else:
            method = methods.get(organisation=None, key=default_method_key())
        rows = municipality_results(method, query.get("year") or date.today().year).rows
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
