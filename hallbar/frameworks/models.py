"""Reference frameworks (SDGs, environmental objectives, standards' clause outlines, maturity matrix).

Content comes only from the versioned YAML files in ``libraries/`` through :mod:`.loader`; items are
keyed by URN so that links made to them survive new versions of a library.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hallbar.core.i18n import localized


class Library(models.Model):
    class Kind(models.TextChoices):
        GOALS = "goals", _("Goals")
        OBJECTIVES = "objectives", _("Objectives")
        STANDARD = "standard", _("Standard")
        REQUIREMENTS = "requirements", _("Requirements")
        MATURITY = "maturity", _("Maturity model")
        MAPPING = "mapping", _("Cross-mapping")

    urn = models.CharField(max_length=200, unique=True)
    version = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_sv = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    description_sv = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    copyright_note_sv = models.TextField(blank=True)
    copyright_note_en = models.TextField(blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    source = models.TextField(_("source"), blank=True)
    licence = models.TextField(_("licence"), blank=True)
    file_name = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)

    class Meta:
        ordering = ["kind", "name_en"]
        verbose_name = _("framework library")
        verbose_name_plural = _("framework libraries")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("frameworks:library", args=[self.urn])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def copyright_note(self) -> str:
        return localized(self, "copyright_note")


class FrameworkItem(models.Model):
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="items")
    urn = models.CharField(max_length=200, unique=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    ref = models.CharField(_("reference"), max_length=40, blank=True)
    level = models.CharField(_("level"), max_length=40)
    name_sv = models.TextField(blank=True)
    name_en = models.TextField(blank=True)
    description_sv = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    attributes = models.JSONField(default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    is_deprecated = models.BooleanField(
        _("withdrawn"),
        default=False,
        help_text=_("No longer in the current version of the library; kept so that links to it still work."),
    )

    class Meta:
        ordering = ["library", "order"]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")

    def __str__(self) -> str:
        return f"{self.ref} {self.name}".strip()

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("frameworks:item", args=[self.urn])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class ItemMapping(models.Model):
    class Relation(models.TextChoices):
        EQUIVALENT = "equivalent", _("corresponds to")
        CONTRIBUTES_TO = "contributes_to", _("contributes to")
        RELATED = "related", _("is related to")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="mappings")
    source = models.ForeignKey(FrameworkItem, on_delete=models.PROTECT, related_name="mappings_out")
    target = models.ForeignKey(FrameworkItem, on_delete=models.PROTECT, related_name="mappings_in")
    relation = models.CharField(max_length=20, choices=Relation.choices)

    class Meta:
        verbose_name = _("cross-mapping")
        verbose_name_plural = _("cross-mappings")
        constraints = [
            models.UniqueConstraint(fields=["library", "source", "target", "relation"], name="unique_item_mapping")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_relation_display()} {self.target}"
