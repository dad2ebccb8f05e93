"""Reference data shared by every organisation: the CPV 2008 vocabulary and the criteria library.

Both are loaded from ``data/`` after every migrate (see ``reference.py``) and never edited in the UI.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class CpvCode(models.Model):
    """One code of the Common Procurement Vocabulary (CPV 2008), 8 digits without the check digit."""

    code = models.CharField(_("CPV code"), max_length=8, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self", verbose_name=_("parent code"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    label_sv = models.CharField(_("label (Swedish)"), max_length=400)
    label_en = models.CharField(_("label (English)"), max_length=400)

    class Meta:
        ordering = ["code"]
        verbose_name = _("CPV code")
        verbose_name_plural = _("CPV codes")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "sv").startswith("en") else self.label_sv


class Criterion(models.Model):
    """A sustainability requirement from the versioned criteria library (``data/criteria.yaml``)."""

    class Kind(models.TextChoices):
        ENVIRONMENTAL = "environmental", _("Environmental")
        SOCIAL = "social", _("Social")
        INNOVATION = "innovation", _("Innovation")

    class Level(models.TextChoices):
        BASIC = "basic", _("Basic")
        ADVANCED = "advanced", _("Advanced")
        LEADING = "leading", _("Leading")

    class Theme(models.TextChoices):
        CHEMICALS = "chemicals", _("Chemicals")
        CLIMATE = "climate", _("Climate")
        ENERGY = "energy", _("Energy")
        FOOD = "food", _("Food")
        ANIMAL_WELFARE = "animal_welfare", _("Animal welfare")
        CIRCULARITY = "circularity", _("Circularity")
        LABOUR_RIGHTS = "labour_rights", _("Labour rights")
        EMPLOYMENT = "employment", _("Employment")
        ACCESSIBILITY = "accessibility", _("Accessibility")
        INNOVATION = "innovation", _("Innovation")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind of requirement"), max_length=16, choices=Kind.choices)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    title_sv = models.CharField(_("title (Swedish)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    text_sv = models.TextField(_("text (Swedish)"))
    text_en = models.TextField(_("text (English)"))
    version = models.PositiveIntegerField(
        _("library version"), help_text=_("The version of the library that last wrote it.")
    )
    in_library = models.BooleanField(
        _("in the library"), default=True, help_text=_("False when a newer library version no longer has it.")
    )

    class Meta:
        ordering = ["kind", "theme", "level", "key"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.title

    @property
    def _english(self) -> bool:
        return (get_language() or "sv").startswith("en")

    @property
    def title(self) -> str:
        return self.title_en if self._english else self.title_sv

    @property
    def text(self) -> str:
        return self.text_en if self._english else self.text_sv
