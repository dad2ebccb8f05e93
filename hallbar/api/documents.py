"""Controlled documents, their versions and evidence metadata: read-only. Files themselves are not sent
here; ``download_url`` points at the permission-checked download of the web interface."""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from hallbar.documents import queries, rules
from hallbar.documents.models import ControlledDocument, DocumentVersion, Evidence

from .query import QueryParameters, validated_query
from .viewsets import ScopedReadOnlyViewSet

MAX_ID = 2**63 - 1


class ControlledDocumentSerializer(serializers.ModelSerializer):
    clauses = serializers.SlugRelatedField(slug_field="urn", many=True, read_only=True)
    current_version = serializers.IntegerField(
        source="current_number", read_only=True, allow_null=True, help_text="Number of the approved version."
    )
    draft_version = serializers.IntegerField(
        source="draft_number", read_only=True, allow_null=True, help_text="Number of the draft, if any."
    )
    is_review_overdue = serializers.SerializerMethodField(help_text="The next review date has passed.")

    class Meta:
        model = ControlledDocument
        fields = [
            "id",
            "organisation",
            "kind",
            "title",
            "reference_code",
            "owner",
            "responsible_unit",
            "review_interval_months",
            "next_review_date",
            "is_review_overdue",
            "current_version",
            "draft_version",
            "clauses",
            "created_at",
        ]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_review_overdue(self, document) -> bool:
        return rules.is_review_overdue(document.next_review_date, timezone.localdate())


class FileFields(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(help_text="The file, for members of the organisation.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_download_url(self, record) -> str | None:
        if not record.file:
            return None
        name = "documents:version-file" if isinstance(record, DocumentVersion) else "documents:evidence-download"
        return self.context["request"].build_absolute_uri(reverse(name, args=[record.pk]))


class DocumentVersionSerializer(FileFields):
    class Meta:
        model = DocumentVersion
        fields = [
            "id",
            "document",
            "number",
            "status",
            "body",
            "change_summary",
            "original_name",
            "content_type",
            "size",
            "download_url",
            "author",
            "approved_by",
            "approved_at",
            "created_at",
        ]


class EvidenceSerializer(FileFields):
    subject_type = serializers.SerializerMethodField(help_text="What the file evidences, as app_label.model.")
    clauses = serializers.SlugRelatedField(slug_field="urn", many=True, read_only=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "organisation",
            "subject_type",
            "subject_id",
            "original_name",
            "content_type",
            "size",
            "description",
            "clauses",
            "download_url",
            "uploaded_by",
            "uploaded_at",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_subject_type(self, evidence) -> str:
        return f"{evidence.subject_type.app_label}.{evidence.subject_type.model}"


class DocumentQuery(QueryParameters):
    kind = serializers.ChoiceField(choices=rules.Kind.choices, required=False)
    responsible_unit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    review_overdue = serializers.BooleanField(
        required=False, default=None, allow_null=True, help_text="Only documents whose review date has passed."
    )


@extend_schema_view(list=extend_schema(parameters=[DocumentQuery]))
class ControlledDocumentViewSet(ScopedReadOnlyViewSet):
    """Controlled documents (policies, procedures, instructions, plans) with their review dates."""

    queryset = queries.listed(ControlledDocument.objects.all()).prefetch_related("clauses")
    serializer_class = ControlledDocumentSerializer

    def get_queryset(self):
        documents = super().get_queryset()
        if self.action != "list":
            return documents
        query = validated_query(self.request, DocumentQuery)
        if "kind" in query:
            documents = documents.filter(kind=query["kind"])
        if "responsible_unit" in query:
            documents = documents.filter(responsible_unit_id=query["responsible_unit"])
        if query.get("review_overdue"):
            documents = documents.filter(rules.review_overdue_q(timezone.localdate()))
        return documents


class VersionQuery(QueryParameters):
    document = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    status = serializers.ChoiceField(choices=rules.VersionStatus.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[VersionQuery]))
class DocumentVersionViewSet(ScopedReadOnlyViewSet):
    """Versions of controlled documents: drafts, the approved one and superseded ones."""

    queryset = DocumentVersion.objects.order_by("document", "-number")
    serializer_class = DocumentVersionSerializer

    def get_queryset(self):
        versions = super().get_queryset()
        if self.action != "list":
            return versions
        query = validated_query(self.request, VersionQuery)
        if "document" in query:
            versions = versions.filter(document_id=query["document"])
        if "status" in query:
            versions = versions.filter(status=query["status"])
        return versions


class EvidenceQuery(QueryParameters):
    subject_type = serializers.RegexField(
        r"^[a-z_]+\.[a-z_]+$", required=False, max_length=200, help_text="app_label.model, e.g. actions.action."
    )
    subject_id = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    clause = serializers.CharField(required=False, max_length=200, help_text="Only evidence of this clause (URN).")


@extend_schema_view(list=extend_schema(parameters=[EvidenceQuery]))
class EvidenceViewSet(ScopedReadOnlyViewSet):
    """Evidence files attached to records (metadata; the file is at ``download_url``)."""

    queryset = Evidence.objects.select_related("subject_type").prefetch_related("clauses")
    serializer_class = EvidenceSerializer

    def get_queryset(self):
        evidence = super().get_queryset()
        if self.action != "list":
            return evidence
        query = validated_query(self.request, EvidenceQuery)
        if "subject_type" in query:
            app_label, model = query["subject_type"].split(".")
            evidence = evidence.filter(subject_type__app_label=app_label, subject_type__model=model)
        if "subject_id" in query:
            evidence = evidence.filter(subject_id=query["subject_id"])
        if "clause" in query:
            evidence = evidence.filter(clauses__urn=query["clause"])
        return evidence
