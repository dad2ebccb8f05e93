"""Emission-factor sets: shared, versioned reference data loaded from ``data/`` (see reference.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FactorSet(models.Model):
    class Kind(models.TextChoices):
        SPEND = "spend", _("Spend-based (per currency unit)")
        ACTIVITY = "activity", _("Activity-based (per litre, km, kWh …)")

    key = models.SlugField(_("key"), max_length=64, unique=True)
    version = models.CharField(_("version"), max_length=32)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    publisher = models.CharField(_("publisher"), max_length=200)
    citation = models.TextField(_("citation"))
    url = models.URLField(_("source address"), max_length=300)
    licence = models.CharField(_("licence"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    price_year = models.PositiveSmallIntegerField(_("price year"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=100)

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = _("emission-factor set")
        verbose_name_plural = _("emission-factor sets")

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class EmissionFactor(models.Model):
    factor_set = models.ForeignKey(
        FactorSet, verbose_name=_("factor set"), on_delete=models.CASCADE, related_name="factors"
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)  # activity unit; empty: per currency unit
    kg_co2e_per_unit = models.FloatField(_("kg CO2e per unit"))
    reference = models.CharField(_("where in the source"), max_length=100, blank=True)

    class Meta:
        ordering = ["factor_set", "code"]
        constraints = [models.UniqueConstraint(fields=["factor_set", "code"], name="consumption_factor_code_unique")]
        verbose_name = _("emission factor")
        verbose_name_plural = _("emission factors")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
