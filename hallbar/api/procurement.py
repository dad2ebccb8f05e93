"""Procurements, contract follow-up checks, the requirement shares, and the reference data (criteria
library, CPV codes). Read-only: procurements are written in the UI through ``hallbar.procurement.services``."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from hallbar.procurement import queries
from hallbar.procurement.models import ContractCheck, CpvCode, Criterion, Procurement

from .permissions import scope_for
from .query import QueryParameters, validated_query
from .viewsets import ScopedReadOnlyViewSet

MAX_ID = 2**63 - 1


class ProcurementSerializer(serializers.ModelSerializer):
    cpv_codes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    criteria = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)

    class Meta:
        model = Procurement
        fields = [
            "id",
            "organisation",
            "responsible_unit",
            "title",
            "reference",
            "year",
            "procedure",
            "status",
            "cpv_codes",
            "estimated_value_sek",
            "contracted_value_sek",
            "contract_start",
            "contract_end",
            "environmental_requirements",
            "social_requirements",
            "innovation",
            "criteria",
            "description",
        ]


class RequirementShareSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    is_total = serializers.BooleanField(help_text="The row of all units of the year.")
    unit = serializers.IntegerField(source="unit_id", allow_null=True, help_text="Null: the whole organisation.")
    count = serializers.IntegerField()
    value_sek = serializers.DecimalField(source="value", max_digits=18, decimal_places=0)
    environmental_count_share = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    social_count_share = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    innovation_count_share = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    environmental_value_share = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    social_value_share = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    innovation_value_share = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)


class ProcurementQuery(QueryParameters):
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)
    status = serializers.ChoiceField(choices=Procurement.Status.choices, required=False)
    requirement = serializers.ChoiceField(choices=["environmental", "social", "innovation", "none"], required=False)
    cpv = serializers.RegexField(r"^\d{1,8}$", required=False, help_text="A CPV code or its beginning.")


class YearQuery(QueryParameters):
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)


@extend_schema_view(list=extend_schema(parameters=[ProcurementQuery]))
class ProcurementViewSet(ScopedReadOnlyViewSet):
    """The procurement register with CPV codes and the criteria used (by key)."""

    queryset = queries.listed(Procurement.objects.order_by("-year", "title", "pk"))
    serializer_class = ProcurementSerializer

    def get_queryset(self):
        procurements = super().get_queryset()
        if self.action != "list":
            return procurements
        query = validated_query(self.request, ProcurementQuery)
        if "year" in query:
            procurements = procurements.filter(year=query["year"])
        if "status" in query:
            procurements = procurements.filter(status=query["status"])
        requirement = query.get("requirement")
        if requirement in queries.KIND_FLAGS:
            procurements = procurements.filter(**{queries.KIND_FLAGS[requirement]: True})
        elif requirement == "none":
            procurements = procurements.filter(**{flag: False for flag in queries.KIND_FLAGS.values()})
        if "cpv" in query:
            procurements = procurements.filter(cpv_codes__code__startswith=query["cpv"]).distinct()
        return procurements

    @extend_schema(parameters=[YearQuery], responses=RequirementShareSerializer(many=True))
    @action(detail=False, pagination_class=None)
    def shares(self, request):
        """Shares of procurements and of value with each kind of requirement, per buying unit and year."""
        rows = queries.requirement_shares(scope_for(request), **validated_query(request, YearQuery))
        return Response(RequirementShareSerializer(rows, many=True).data)


class ContractCheckSerializer(serializers.ModelSerializer):
    criterion = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = ContractCheck
        fields = [
            "id",
            "procurement",
            "requirement",
            "criterion",
            "method",
            "due_date",
            "outcome",
            "checked_on",
            "findings",
        ]


class ContractCheckQuery(QueryParameters):
    procurement = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    outcome = serializers.ChoiceField(choices=ContractCheck.Outcome.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[ContractCheckQuery]))
class ContractCheckViewSet(ScopedReadOnlyViewSet):
    """Contract follow-up: the planned checks of requirements and their outcomes."""

    queryset = ContractCheck.objects.select_related("criterion").order_by("due_date", "pk")
    serializer_class = ContractCheckSerializer

    def get_queryset(self):
        checks = super().get_queryset()
        if self.action != "list":
            return checks
        query = validated_query(self.request, ContractCheckQuery)
        if "procurement" in query:
            checks = checks.filter(procurement_id=query["procurement"])
        if "outcome" in query:
            checks = checks.filter(outcome=query["outcome"])
        return checks


class ProcurementCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = [
            "key",
            "kind",
            "theme",
            "level",
            "title_sv",
            "title_en",
            "text_sv",
            "text_en",
            "version",
            "in_library",
        ]


class ProcurementCriterionViewSet(viewsets.ReadOnlyModelViewSet):
    """The procurement criteria library (versioned reference data). Same for everyone."""

    queryset = Criterion.objects.all()
    serializer_class = ProcurementCriterionSerializer
    lookup_field = "key"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"


class CpvCodeSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = CpvCode
        fields = ["code", "level", "parent", "label_sv", "label_en"]


class CpvQuery(QueryParameters):
    search = serializers.CharField(
        required=False, max_length=100, help_text="The beginning of a code, or words of the Swedish or English label."
    )

    def validate_search(self, value):
        if "\x00" in value:
            raise serializers.ValidationError("NUL characters are not allowed.")
        return value


@extend_schema_view(list=extend_schema(parameters=[CpvQuery]))
class CpvCodeViewSet(viewsets.ReadOnlyModelViewSet):
    """The CPV 2008 vocabulary (8 digits, without the check digit), Swedish and English labels."""

    queryset = CpvCode.objects.order_by("code")
    serializer_class = CpvCodeSerializer
    lookup_field = "code"
    lookup_value_regex = r"\d{8}"

    def get_queryset(self):
        codes = super().get_queryset()
        if self.action == "list" and (search := validated_query(self.request, CpvQuery).get("search")):
            return queries.cpv_matching(search)
        return codes
