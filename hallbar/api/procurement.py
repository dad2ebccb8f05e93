"""Procurements with their contracted suppliers, contract follow-up checks, the requirement shares, and
the reference data (criteria library, CPV codes).

Procurements and checks are written through ``hallbar.procurement.services``, with the same rules as
the pages: editors and coordinators write those of their units. The status moves only through
``POST /procurements/<id>/status/`` (the workflow's guards apply); a check's outcome is recorded with
``POST /contract-checks/<id>/outcome/`` (a deviation raises a nonconformity). ``suppliers``, when
sent, is the procurement's whole list of contracted suppliers.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.core.deletion import DeletionRefused
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.procurement import queries, services
from hallbar.procurement.models import ContractCheck, ContractedSupplier, CpvCode, Criterion, Procurement

from .errors import refusals
from .fields import ScopedRelatedField
from .permissions import scope_for
from .query import QueryParameters, validated_query
from .viewsets import ScopedModelViewSet


def _refuse_move(instance, attrs, name: str) -> None:
    if instance is not None and name in attrs and getattr(attrs[name], "pk", None) != getattr(instance, f"{name}_id"):
        raise ValidationError({name: _("This cannot be changed once it is created.")})


def _refusal(refusal: DeletionRefused) -> ValidationError:
    return ValidationError({"detail": refusal.message, "dependents": refusal.dependents})


MAX_ID = 2**63 - 1


class ContractedSupplierSerializer(serializers.ModelSerializer):
    org_number = serializers.CharField(
        max_length=20, help_text="Organisation number; stored as the ledger import stores it (NNNNNN-NNNN)."
    )

    class Meta:
        model = ContractedSupplier
        fields = ["org_number", "name"]


class ProcurementSerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    responsible_unit = ScopedRelatedField(
        queryset=OrganisationUnit.objects.all(),
        allow_null=True,
        required=False,
        help_text="Null: the whole organisation.",
    )
    suppliers = ContractedSupplierSerializer(
        many=True, required=False, help_text="The contracted suppliers; when sent, the whole list."
    )
    cpv_codes = serializers.SlugRelatedField(
        slug_field="code", many=True, required=False, queryset=CpvCode.objects.all(), help_text="8 digits each."
    )
    criteria = serializers.SlugRelatedField(
        slug_field="key",
        many=True,
        required=False,
        queryset=Criterion.objects.all(),
        help_text="Keys from the criteria library; choosing one sets the flag of its kind of requirement.",
    )

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
            "suppliers",
            "description",
        ]
        read_only_fields = ["status"]

    def validate(self, attrs):
        _refuse_move(self.instance, attrs, "organisation")
        # Not a field of the procurement: kept aside so the permission check's copy never sees it.
        suppliers = attrs.pop("suppliers", None)
        self._suppliers = None if suppliers is None else [(row["org_number"], row["name"]) for row in suppliers]
        return attrs

    def _save(self, procurement, validated_data):
        with refusals():
            return services.save_procurement(
                procurement,
                cpv_codes=validated_data.get("cpv_codes"),
                criteria=validated_data.get("criteria"),
                suppliers=self._suppliers,
            )

    def create(self, validated_data):
        fields = {key: value for key, value in validated_data.items() if key not in ("cpv_codes", "criteria")}
        return self._save(Procurement(**fields), validated_data)

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            if name not in ("cpv_codes", "criteria"):
                setattr(instance, name, value)
        return self._save(instance, validated_data)


class ProcurementStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Procurement.Status.choices)


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
class ProcurementViewSet(ScopedModelViewSet):
    """The procurement register with CPV codes, the criteria used (by key) and the contracted suppliers."""

    queryset = queries.listed(Procurement.objects.order_by("-year", "title", "pk"))
    serializer_class = ProcurementSerializer
    write_permission = Permission.CHANGE

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

    def destroy_instance(self, instance) -> None:
        try:
            services.delete_procurement(instance)
        except DeletionRefused as refusal:
            raise _refusal(refusal) from refusal

    @extend_schema(request=ProcurementStatusSerializer, responses=ProcurementSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Move the procurement in its workflow (refused with the reasons when a guard fails)."""
        procurement = self.get_object()
        body = ProcurementStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with refusals(request.user, detail=True):
            services.change_status(procurement, body.validated_data["status"])
        return Response(self.get_serializer(procurement).data)


class ContractCheckSerializer(serializers.ModelSerializer):
    procurement = ScopedRelatedField(queryset=Procurement.objects.all())
    criterion = serializers.SlugRelatedField(
        slug_field="key",
        queryset=Criterion.objects.all(),
        allow_null=True,
        required=False,
        help_text="The key of a criterion the procurement uses, if the requirement comes from the library.",
    )

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
        read_only_fields = ["outcome", "checked_on", "findings"]

    def validate(self, attrs):
        _refuse_move(self.instance, attrs, "procurement")
        return attrs

    def _save(self, check):
        with refusals():
            return services.save_check(check)

    def create(self, validated_data):
        return self._save(ContractCheck(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self._save(instance)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ContractCheck.Outcome.choices, help_text="Fulfilled or deviation.")
    checked_on = serializers.DateField()
    findings = serializers.CharField(required=False, allow_blank=True, default="", help_text="Needed for a deviation.")


class OutcomeResultSerializer(ContractCheckSerializer):
    nonconformity = serializers.SerializerMethodField(help_text="The nonconformity a deviation raised (its id).")

    class Meta(ContractCheckSerializer.Meta):
        fields = [*ContractCheckSerializer.Meta.fields, "nonconformity"]

    def get_nonconformity(self, check) -> int | None:
        nonconformity = self.context.get("nonconformity")
        return nonconformity.pk if nonconformity is not None else None


class ContractCheckQuery(QueryParameters):
    procurement = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    outcome = serializers.ChoiceField(choices=ContractCheck.Outcome.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[ContractCheckQuery]))
class ContractCheckViewSet(ScopedModelViewSet):
    """Contract follow-up: the planned checks of requirements and their outcomes."""

    queryset = ContractCheck.objects.select_related("criterion").order_by("due_date", "pk")
    serializer_class = ContractCheckSerializer
    write_permission = Permission.CHANGE

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

    def destroy_instance(self, instance) -> None:
        try:
            services.delete_check(instance)
        except DeletionRefused as refusal:
            raise _refusal(refusal) from refusal

    @extend_schema(request=OutcomeSerializer, responses=OutcomeResultSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        """Record the outcome of a check once the contract is signed; a deviation raises a nonconformity."""
        check = self.get_object()
        body = OutcomeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with refusals(request.user):
            nonconformity = services.record_outcome(check, user=request.user, **body.validated_data)
        return Response(OutcomeResultSerializer(check, context={"nonconformity": nonconformity}).data)


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
