"""Internal audits: programmes, audits (with their status steps), checklist questions and findings.

Every write goes through ``hallbar.audits.services`` (status: ``hallbar.audits.workflow``).
Planning — programmes, audits, their scope and team — needs ``CHANGE`` on the organisation.
Conducting — the status steps, the conclusions, checklist questions and findings — needs
``WRITE_FINDINGS`` (auditors, coordinators, administrators).
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.audits import services, workflow
from hallbar.audits.models import Audit, AuditProgramme, ChecklistItem, Finding, Status
from hallbar.core.deletion import DeletionRefused
from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import Organisation, OrganisationUnit

from .actions import MAX_ID, MemberField
from .errors import refusals
from .fields import ScopedRelatedField
from .query import QueryParameters, validated_query
from .viewsets import GuardedDestroyMixin, ScopedModelViewSet


def _refuse_change(instance, attrs, name: str) -> None:
    if instance is not None and name in attrs and attrs[name] != getattr(instance, name):
        raise ValidationError({name: _("This cannot be changed once it is created.")})


class ServiceDestroyMixin:
    """Deleting goes through :func:`hallbar.audits.services.delete`: refused with the reason."""

    def destroy_instance(self, instance):
        try:
            services.delete(instance)
        except DeletionRefused as refusal:
            raise ValidationError({"detail": refusal.message, "dependents": refusal.dependents}) from refusal


# Programmes -------------------------------------------------------------------------------------------


class ProgrammeSerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = AuditProgramme
        fields = ["id", "organisation", "year", "title", "aims", "approved_by", "approved_on"]

    def validate(self, attrs):
        _refuse_change(self.instance, attrs, "organisation")
        return attrs

    def create(self, validated_data):
        return self.update(AuditProgramme(), validated_data)

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with refusals():
            return services.save_programme(instance)


class ProgrammeQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


@extend_schema_view(list=extend_schema(parameters=[ProgrammeQuery]))
class ProgrammeViewSet(GuardedDestroyMixin, ScopedModelViewSet):
    """Audit programmes: the internal audits an organisation plans for a year."""

    queryset = AuditProgramme.objects.all()
    serializer_class = ProgrammeSerializer
    write_permission = Permission.CHANGE

    def get_queryset(self):
        programmes = super().get_queryset()
        if self.action == "list":
            query = validated_query(self.request, ProgrammeQuery)
            for name in ("organisation", "year"):
                if name in query:
                    programmes = programmes.filter(**{name: query[name]})
        return programmes


# Audits -----------------------------------------------------------------------------------------------

LINKS = ("units", "clauses", "team")


class AuditSerializer(serializers.ModelSerializer):
    programme = ScopedRelatedField(queryset=AuditProgramme.objects.all())
    units = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), many=True, required=False)
    clauses = serializers.PrimaryKeyRelatedField(
        queryset=FrameworkItem.objects.all(),
        many=True,
        required=False,
        help_text="Framework item ids of ISO 14001, EMAS or SS 854000 clauses; the checklist follows them.",
    )
    lead_auditor = MemberField(allow_null=True, required=False)
    team = MemberField(many=True, required=False)

    class Meta:
        model = Audit
        fields = [
            "id",
            "programme",
            "title",
            "objectives",
            "units",
            "clauses",
            "lead_auditor",
            "team",
            "planned_start",
            "planned_end",
            "status",
            "conclusions",
            "report_date",
            "closed_on",
            "created_at",
        ]
        read_only_fields = ["status", "report_date", "closed_on", "created_at"]

    def validate(self, attrs):
        _refuse_change(self.instance, attrs, "programme")
        return attrs

    def create(self, validated_data):
        return self.update(Audit(), validated_data)

    def update(self, instance, validated_data):
        links = {name: validated_data.pop(name, None) for name in LINKS}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with refusals():
            return services.save_audit(instance, **links)


class AuditTransitionSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=list(workflow.TRANSITIONS), help_text="The step to take.")


class AuditQuery(QueryParameters):
    programme = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    status = serializers.ChoiceField(choices=Status.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[AuditQuery]))
class AuditViewSet(ServiceDestroyMixin, ScopedModelViewSet):
    """Audits: scope (units, clauses), team and dates; the status moves with ``POST …/transition/``.
    Writing only the ``conclusions`` (PATCH) is open to auditors, as are the status steps."""

    queryset = Audit.objects.select_related("programme").prefetch_related(*LINKS)
    serializer_class = AuditSerializer

    @property
    def write_permission(self) -> str:
        conducting = self.action == "transition" or (
            self.action == "partial_update" and set(self.request.data) <= {"conclusions"}
        )
        return Permission.WRITE_FINDINGS if conducting else Permission.CHANGE

    def get_queryset(self):
        audits = super().get_queryset()
        if self.action == "list":
            query = validated_query(self.request, AuditQuery)
            if "programme" in query:
                audits = audits.filter(programme_id=query["programme"])
            if "status" in query:
                audits = audits.filter(status=query["status"])
        return audits

    @extend_schema(request=AuditTransitionSerializer, responses=AuditSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Start the audit, mark its report as written, reopen it or close it (refusals say why)."""
        audit = self.get_object()
        body = AuditTransitionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with refusals(request.user, detail=True):
            workflow.transition(audit, body.validated_data["transition"])
        return Response(self.get_serializer(self.get_queryset().get(pk=audit.pk)).data)


# Checklist questions ------------------------------------------------------------------------------------


class ChecklistItemSerializer(serializers.ModelSerializer):
    audit = ScopedRelatedField(queryset=Audit.objects.all())

    class Meta:
        model = ChecklistItem
        fields = ["id", "audit", "order", "clause", "question", "answer", "conclusion"]
        read_only_fields = ["order", "clause"]

    def validate(self, attrs):
        _refuse_change(self.instance, attrs, "audit")
        return attrs

    def create(self, validated_data):
        """A free question: generated questions come from the audit's clauses."""
        with refusals():
            item = services.add_question(validated_data["audit"], validated_data["question"])
        return self.update(item, validated_data) if set(validated_data) - {"audit", "question"} else item

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with refusals():
            return services.save_checklist_item(instance)


class ChecklistQuery(QueryParameters):
    audit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


@extend_schema_view(list=extend_schema(parameters=[ChecklistQuery]))
class ChecklistItemViewSet(ServiceDestroyMixin, ScopedModelViewSet):
    """Checklist questions with their answers and conclusions; add free questions, delete only those."""

    queryset = ChecklistItem.objects.select_related("audit")
    serializer_class = ChecklistItemSerializer
    write_permission = Permission.WRITE_FINDINGS

    def get_queryset(self):
        items = super().get_queryset()
        if self.action == "list":
            audit = validated_query(self.request, ChecklistQuery).get("audit")
            if audit is not None:
                items = items.filter(audit_id=audit)
        return items


# Findings ---------------------------------------------------------------------------------------------------


class FindingSerializer(serializers.ModelSerializer):
    audit = ScopedRelatedField(queryset=Audit.objects.all())
    checklist_item = ScopedRelatedField(queryset=ChecklistItem.objects.all(), allow_null=True, required=False)
    unit = ScopedRelatedField(queryset=OrganisationUnit.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Finding
        fields = [
            "id",
            "audit",
            "kind",
            "title",
            "description",
            "checklist_item",
            "clause",
            "unit",
            "evidence_notes",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = ["recorded_by", "recorded_at"]

    def validate(self, attrs):
        _refuse_change(self.instance, attrs, "audit")
        return attrs

    def create(self, validated_data):
        return self.update(Finding(), validated_data)

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with refusals():
            return services.save_finding(instance, user=self.context["request"].user)


class FindingQuery(QueryParameters):
    audit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    kind = serializers.ChoiceField(choices=Finding.Kind.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[FindingQuery]))
class FindingViewSet(ServiceDestroyMixin, ScopedModelViewSet):
    """Audit findings. Major and minor nonconformities raise a nonconformity when they are recorded."""

    queryset = Finding.objects.select_related("audit")
    serializer_class = FindingSerializer
    write_permission = Permission.WRITE_FINDINGS

    def get_queryset(self):
        findings = super().get_queryset()
        if self.action == "list":
            query = validated_query(self.request, FindingQuery)
            if "audit" in query:
                findings = findings.filter(audit_id=query["audit"])
            if "kind" in query:
                findings = findings.filter(kind=query["kind"])
        return findings
