from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from hallbar.frameworks.models import FrameworkItem, ItemMapping, Library
from hallbar.frameworks.queries import search_items


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
    parent = serializers.SlugRelatedField(slug_field="urn", read_only=True)

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


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("library", OpenApiTypes.STR, description="Only items of this library (URN)."),
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Words that must all occur in ref, name or description."
            ),
        ]
    )
)
class ItemViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = FrameworkItem.objects.select_related("library", "parent").order_by("library__urn", "order")
    serializer_class = ItemSerializer
    lookup_field = "urn"
    lookup_value_regex = URN_REGEX

    def get_queryset(self):
        items = super().get_queryset()
        params = self.request.query_params
        if self.action == "list" and params.get("q"):
            items = search_items(params["q"])
        if params.get("library"):
            items = items.filter(library__urn=params["library"])
        return items


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("item", OpenApiTypes.STR, description="Mappings from or to this item (URN)."),
        ]
    )
)
class MappingViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = ItemMapping.objects.select_related("library", "source", "target").order_by("pk")
    serializer_class = MappingSerializer

    def get_queryset(self):
        from django.db.models import Q

        mappings = super().get_queryset()
        item = self.request.query_params.get("item")
        if item:
            mappings = mappings.filter(Q(source__urn=item) | Q(target__urn=item))
        return mappings
