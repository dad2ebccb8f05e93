"""The report builder: report definitions (plan, period, sections, audience) and their generated versions.

Every write goes through ``hallbar.reports.services`` and needs ``MANAGE_FOLLOW_UP`` (coordinators and
administrators), as on the pages. ``POST /reports/<id>/generate/`` queues a new version for the same
background task as the page's button; ``POST /report-versions/<id>/approve/`` approves a generated
version, after which the report is frozen: its settings, new versions and deletes are refused with the
reason. A version's files are at ``files``: the permission-checked downloads of the web interface.
"""

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from hallbar.accounts.roles import Permission
from hallbar.organisations.models import Organisation
from hallbar.plans.models import Plan
from hallbar.reports import queries, services
from hallbar.reports.models import Report, ReportVersion
from hallbar.reports.models.report import FORMATS
from hallbar.reports.sections import SECTIONS

from .actions import MAX_ID
from .errors import refusals
from .fields import ScopedRelatedField
from .permissions import scope_for
from .query import QueryParameters, validated_query
from .serializers import ModelCleanSerializer
from .viewsets import ScopedModelViewSet, ScopedReadOnlyViewSet

MANAGE = Permission.MANAGE_FOLLOW_UP


class ReportSerializer(ModelCleanSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())
    plan = ScopedRelatedField(queryset=Plan.objects.all(), help_text="A plan of the report's organisation.")
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=list(SECTIONS)),
        help_text="Section keys; procurement and audits hold internal data and cannot be in a public report.",
    )
    frozen = serializers.SerializerMethodField(help_text="True once a version is approved: nothing may change.")

    class Meta:
        model = Report
        fields = [
            "id",
            "organisation",
            "title",
            "kind",
            "audience",
            "plan",
            "year",
            "tertial",
            "sections",
            "frozen",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def get_frozen(self, report) -> bool:
        return services.is_frozen(report)

    fixed_fields = ("organisation",)

    def create(self, validated_data):
        return self.update(Report(), validated_data)

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with refusals():
            return services.save_report(instance)


class ReportVersionSerializer(serializers.ModelSerializer):
    files = serializers.SerializerMethodField(
        help_text="Per format (pdf, docx, xlsx): the download address once generated, else null."
    )

    class Meta:
        model = ReportVersion
        fields = [
            "id",
            "report",
            "number",
            "status",
            "audience",
            "language",
            "message",
            "requested_by",
            "created_at",
            "finished_at",
            "approved_by",
            "approved_at",
            "files",
        ]
        read_only_fields = fields

    def get_files(self, version) -> dict[str, str | None]:
        request = self.context["request"]
        return {
            file_format: request.build_absolute_uri(reverse("reports:version-file", args=[version.pk, file_format]))
            if version.file(file_format)
            else None
            for file_format in FORMATS
        }


class ReportQuery(QueryParameters):
    organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


@extend_schema_view(list=extend_schema(parameters=[ReportQuery]))
class ReportViewSet(ScopedModelViewSet):
    """Report definitions; generate a new version with ``POST …/generate/``."""

    queryset = Report.objects.all()
    serializer_class = ReportSerializer
    write_permission = MANAGE

    def get_queryset(self):
        reports = queries.report_list(scope_for(self.request))
        if self.action == "list":
            query = validated_query(self.request, ReportQuery)
            for name in ("organisation", "year"):
                if name in query:
                    reports = reports.filter(**{name: query[name]})
        return reports

    def destroy_instance(self, instance) -> None:
        with refusals(detail=True):
            services.delete_report(instance)

    @extend_schema(request=None, responses={202: ReportVersionSerializer})
    @action(detail=True, methods=["post"])
    def generate(self, request, pk=None):
        """Queue a new version (made in the background in the caller's language); refused when frozen or busy."""
        report = self.get_object()
        with refusals(request.user, detail=True):
            version = services.request_generation(report, request.user)
        return Response(ReportVersionSerializer(version, context={"request": request}).data, status.HTTP_202_ACCEPTED)


class VersionQuery(QueryParameters):
    report = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    status = serializers.ChoiceField(choices=ReportVersion.Status.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[VersionQuery]))
class ReportVersionViewSet(mixins.DestroyModelMixin, ScopedReadOnlyViewSet):
    """Generated versions, newest first. Approve with ``POST …/approve/``; an approved one is never deleted."""

    queryset = ReportVersion.objects.select_related("report")
    serializer_class = ReportVersionSerializer
    write_permission = MANAGE

    def get_queryset(self):
        versions = super().get_queryset()
        if self.action == "list":
            query = validated_query(self.request, VersionQuery)
            if "report" in query:
                versions = versions.filter(report_id=query["report"])
            if "status" in query:
                versions = versions.filter(status=query["status"])
        return versions.order_by("report_id", "-number")

    def perform_destroy(self, instance):
        with refusals(self.request.user, detail=True):
            services.delete_version(instance)

    @extend_schema(request=None, responses=ReportVersionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a generated version: the report is frozen from then on."""
        version = self.get_object()
        with refusals(request.user, detail=True):
            services.approve(version, request.user)
        return Response(self.get_serializer(version).data)
