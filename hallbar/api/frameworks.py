from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from hallbar.frameworks.models import FrameworkItem, ItemMapping, Library
from hallbar.frameworks.queries import search_items

from .query import QueryParameters, validated_query


class LibrarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Library
        fields = [
            "urn",
            "version",
            "kind",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "publisher",
            "source",
            "licence",
        ]


class ItemSerializer(serializers.ModelSerializer):
    library = serializers.SlugRelatedField(slug_field="urn", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="urn", read_only=True, allow_null=True)

    class Meta:
        model = FrameworkItem
        fields = [
            "urn",
            "library",
            "parent",
            "ref",
            "level",
            "name_sv",
            "name_en",
            "description_sv",
            "description_en",
            "attributes",
            "is_deprecated",
        ]


class MappingSerializer(serializers.ModelSerializer):
    library = serializers.SlugRelatedField(slug_field="urn", read_only=True)
    source = serializers.SlugRelatedField(slug_field="urn", read_only=True)
    target = serializers.SlugRelatedField(slug_field="urn", read_only=True)

    class Meta:
        model = ItemMapping
        fields = ["library", "source", "relation", "target"]


URN_REGEX = r"urn:hallbar:[a-z0-9][a-z0-9.:-]*"


class LibraryViewSet(viewsets.ReadOnlyModelViewSet):
    """Reference framework libraries (shared by all organisations)."""

    queryset = Library.objects.order_by("urn")
    serializer_class = LibrarySerializer
    lookup_field = "urn"
    lookup_value_regex = URN_REGEX


class ItemQuery(QueryParameters):
    library = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Only items of this library (URN)."
    )
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Words that must all occur in the reference, name or description (Swedish or English).",
    )


class MappingQuery(QueryParameters):
    item = serializers.CharField(
        required=False, allow_blank=True, max_length=200, help_text="Mappings from or to this item (URN)."
    )


@extend_schema_view(list=extend_schema(parameters=[ItemQuery]))
class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Goals, targets, objectives and clauses of the framework libraries, looked up by URN."""

    queryset = FrameworkItem.objects.select_related("library", "parent").order_by("library__urn", "order")
    serializer_class = ItemSerializer
    lookup_field = "urn"
    lookup_value_regex = URN_REGEX

    def get_queryset(self):
        items = super().get_queryset()
        if self.action != "list":
            return items
        query = validated_query(self.request, ItemQuery)
        if query.get("q", "").strip():
            items = search_items(query["q"])
        if "library" in query:
            items = items.filter(library__urn=query["library"])
        return items


@extend_schema_view(list=extend_schema(parameters=[MappingQuery]))
class MappingViewSet(viewsets.ReadOnlyModelViewSet):
    """Cross-mappings between items of different libraries."""

    queryset = ItemMapping.objects.select_related("library", "source", "target").order_by("pk")
    serializer_class = MappingSerializer

    def get_queryset(self):
        mappings = super().get_queryset()
        if self.action != "list":
            return mappings
        item = validated_query(self.request, MappingQuery).get("item")
        if item:
            mappings = mappings.filter(Q(source__urn=item) | Q(target__urn=item))
        return mappings
