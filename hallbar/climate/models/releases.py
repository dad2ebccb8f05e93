"""Emission releases: a whole published series (SMHI revises every year back to 1990), kept as one unit.

A release is shared reference data, not owned by an organisation. Figures of two releases are never
combined: every read goes through one release (see queries.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    """SMHI's nine main sectors (huvudsektorer) of the national emissions database."""

    MACHINERY = "machinery", _("Work machinery")
    WASTE = "waste", _("Waste (incl. sewage)")
    HEATING = "heating", _("Own heating of homes and premises")
    ELECTRICITY = "electricity", _("Electricity and district heating")
    INDUSTRY = "industry", _("Industry (energy and processes)")
    AGRICULTURE = "agriculture", _("Agriculture")
    PRODUCT_USE = "product_use", _("Product use (incl. solvents)")
    TRANSPORT = "transport", _("Transport")
    INTERNATIONAL = "international", _("International transport")


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County")
    COUNTRY = "country", _("Sweden")


SWEDEN = "SE"  # area code of the whole country


class EmissionRelease(models.Model):
    class Kind(models.TextChoices):
        TERRITORIAL = "territorial", _("Territorial emissions")
        CONSUMPTION = "consumption", _("Consumption-based emissions per resident")

    key = models.SlugField(_("key"), max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TERRITORIAL)
    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(
        _("version"), max_length=32, help_text=_("Raised when the stored figures of this release are replaced.")
    )
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example t CO2e or kg CO2e per resident."))
    publisher = models.CharField(_("publisher"), max_length=200)
    citation = models.TextField(_("citation"))
    url = models.URLField(_("source address"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("What sets this release apart, e.g. deducted point sources.")
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year with data"))
    is_current = models.BooleanField(
        _("current"), default=False, help_text=_("The release shown on emission pages; one per kind.")
    )
    loaded_at = models.DateTimeField(_("loaded"), auto_now=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("loaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["kind", "-last_year", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(is_current=True), name="climate_one_current_release_per_kind"
            )
        ]
        verbose_name = _("emission release")
        verbose_name_plural = _("emission releases")

    def __str__(self) -> str:
        return self.name


class Emission(models.Model):
    """One figure of a release: an area's emissions in one year, in total (no sector) or for one sector."""

    release = models.ForeignKey(
        EmissionRelease, verbose_name=_("release"), on_delete=models.CASCADE, related_name="emissions"
    )
    area_kind = models.CharField(_("area kind"), max_length=16, choices=AreaKind.choices)
    area_code = models.CharField(_("area code"), max_length=4, help_text=_("SCB municipality or county code, or SE."))
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))

    class Meta:
        ordering = ["release", "area_kind", "area_code", "sector", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "area_kind", "area_code", "sector", "year"], name="climate_emission_unique"
            )
        ]
        verbose_name = _("emission figure")
        verbose_name_plural = _("emission figures")

    def __str__(self) -> str:
        return f"{self.area_code} {self.year} {self.sector or '—'}: {self.value}"
