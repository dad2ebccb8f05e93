"""Toxic-free screening: the Candidate List versions (with how complete each is), the organisation's
phase-out list (read and write, through ``hallbar.chemicals.services``) and screenings with their
per-article results (read only: screenings are made by importing an article list)."""

from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from hallbar.accounts.roles import Permission
from hallbar.chemicals import queries, services
from hallbar.chemicals.models import ArticleMatch, PhaseOutSubstance, Screening, ScreeningArticle, SubstanceList
from hallbar.organisations.models import Organisation

from .errors import refusals
from .fields import ScopedRelatedField
from .viewsets import ScopedModelViewSet, ScopedReadOnlyViewSet


class SubstanceListSerializer(serializers.ModelSerializer):
    loaded_entries = serializers.SerializerMethodField()
    entries_with_cas = serializers.SerializerMethodField()
    entries_with_ec = serializers.SerializerMethodField()

    class Meta:
        model = SubstanceList
        fields = [
            "id",
            "key",
            "version",
            "dated",
            "source",
            "total_entries",
            "loaded_entries",
            "entries_with_cas",
            "entries_with_ec",
        ]

    def _completeness(self, obj):
        cache = self.context.setdefault("completeness", {})
        if obj.pk not in cache:
            cache[obj.pk] = queries.completeness(obj)
        return cache[obj.pk]

    def get_loaded_entries(self, obj) -> int:
        return self._completeness(obj).loaded

    def get_entries_with_cas(self, obj) -> int:
        return self._completeness(obj).with_cas

    def get_entries_with_ec(self, obj) -> int:
        return self._completeness(obj).with_ec


class SubstanceListViewSet(viewsets.ReadOnlyModelViewSet):
    """Loaded versions of the EU Candidate List (shared reference data), newest first."""

    queryset = SubstanceList.objects.all()
    serializer_class = SubstanceListSerializer


class PhaseOutSubstanceSerializer(serializers.ModelSerializer):
    organisation = ScopedRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = PhaseOutSubstance
        fields = ["id", "organisation", "name", "cas_number", "ec_number", "reason", "added_on"]
        read_only_fields = ["added_on"]

    def validate(self, attrs):
        if (
            self.instance is not None
            and "organisation" in attrs
            and attrs["organisation"] != self.instance.organisation
        ):
            raise ValidationError({"organisation": _("It cannot move to another organisation.")})
        return attrs

    def save_entry(self, entry):
        with refusals():
            return services.save_phase_out_substance(entry)

    def create(self, validated_data):
        return self.save_entry(PhaseOutSubstance(**validated_data))

    def update(self, instance, validated_data):
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self.save_entry(instance)


class PhaseOutSubstanceViewSet(ScopedModelViewSet):
    queryset = PhaseOutSubstance.objects.all()
    serializer_class = PhaseOutSubstanceSerializer
    write_permission = Permission.CHANGE


class MatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = ArticleMatch
        fields = ["source", "kind", "identifier", "substance_name", "reason"]


class ArticleSerializer(serializers.ModelSerializer):
    matches = MatchSerializer(many=True, read_only=True)

    class Meta:
        model = ScreeningArticle
        fields = [
            "id",
            "screening",
            "row",
            "name",
            "supplier",
            "cas_numbers",
            "ec_numbers",
            "quantity",
            "quantity_unit",
            "is_flagged",
            "matches",
        ]


class ScreeningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Screening
        fields = [
            "id",
            "organisation",
            "unit",
            "title",
            "screened_at",
            "candidate_list",
            "article_count",
            "flagged_count",
            "unidentified_count",
        ]


class ScreeningViewSet(ScopedReadOnlyViewSet):
    queryset = Screening.objects.all()
    serializer_class = ScreeningSerializer


class ScreenedArticleViewSet(ScopedReadOnlyViewSet):
    """Every screened article with its matches; ``?screening=<id>`` for one screening."""

    queryset = ScreeningArticle.objects.prefetch_related("matches")
    serializer_class = ArticleSerializer

    def get_queryset(self):
        articles = super().get_queryset()
        screening = self.request.query_params.get("screening", "")
        return articles.filter(screening_id=int(screening)) if screening.isdigit() else articles
