"""The consumption footprint, read-only: stored totals (with mapping and factor), supplier totals,
ledger imports and the account mappings. Imports and mapping changes go through the pages."""

from rest_framework import serializers

from hallbar.consumption.models import AccountMapping, LedgerAggregate, LedgerImport, SupplierAggregate

from .viewsets import ScopedReadOnlyViewSet


class LedgerImportSerializer(serializers.ModelSerializer):
    class Meta:
        model = LedgerImport
        fields = [
            "id",
            "organisation",
            "original_filename",
            "status",
            "progress",
            "row_count",
            "credit_count",
            "amount_sek",
            "period_start",
            "period_end",
            "error_count",
            "created_at",
            "finished_at",
        ]


class FootprintTotalSerializer(serializers.ModelSerializer):
    factor_code = serializers.CharField(source="factor.code", default=None)
    factor_kg_co2e_per_unit = serializers.FloatField(
        source="kg_per_unit", read_only=True, allow_null=True, help_text="The value used: the own factor's, if any."
    )
    factor_source = serializers.CharField(
        read_only=True, allow_null=True, help_text="The factor set, or the organisation's own factor's source."
    )
    mapping_prefix = serializers.CharField(source="mapping.prefix", default=None)

    class Meta:
        model = LedgerAggregate
        fields = [
            "id",
            "ledger_import",
            "year",
            "unit",
            "account",
            "category",
            "quantity_unit",
            "row_count",
            "amount_sek",
            "quantity",
            "method",
            "mapping",
            "mapping_prefix",
            "factor",
            "factor_code",
            "own_factor",
            "factor_kg_co2e_per_unit",
            "factor_source",
            "usd_per_sek",
            "kg_co2e",
        ]


class SupplierTotalSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupplierAggregate
        fields = ["id", "ledger_import", "year", "org_number", "name", "account", "row_count", "amount_sek", "kg_co2e"]


class AccountMappingSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccountMapping
        fields = ["id", "organisation", "kind", "prefix", "name", "spend_factor", "activity_factor", "is_default"]


class LedgerImportViewSet(ScopedReadOnlyViewSet):
    queryset = LedgerImport.objects.all()
    serializer_class = LedgerImportSerializer


class FootprintTotalViewSet(ScopedReadOnlyViewSet):
    """Stored totals; ``?year=2024`` for one year."""

    queryset = LedgerAggregate.objects.select_related("factor__factor_set", "own_factor", "mapping").order_by("pk")
    serializer_class = FootprintTotalSerializer

    def get_queryset(self):
        rows = super().get_queryset()
        year = self.request.query_params.get("year", "")
        return rows.filter(year=int(year)) if year.isdigit() and len(year) == 4 else rows


class SupplierTotalViewSet(ScopedReadOnlyViewSet):
    queryset = SupplierAggregate.objects.order_by("pk")
    serializer_class = SupplierTotalSerializer


class AccountMappingViewSet(ScopedReadOnlyViewSet):
    queryset = AccountMapping.objects.all()
    serializer_class = AccountMappingSerializer
