"""Upphandlingsmyndigheten's national procurement statistics, summed per buyer and year.

Public statistics about every Swedish contracting authority: shared reference data, not owned by
an organisation. Imported with ``manage.py import_procurement_statistics`` (see ``national.py``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NationalFigures(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    organisation_number = models.CharField(_("organisation number"), max_length=11)
    buyer_name = models.CharField(_("buyer"), max_length=300)
    sector = models.CharField(_("sector"), max_length=60, blank=True)
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        help_text=_("Set when the buyer is a municipality itself (matched by name on import)."),
    )
    procurements = models.PositiveIntegerField(_("procurements"))
    environmental = models.PositiveIntegerField(_("with environmental requirements"))
    social = models.PositiveIntegerField(_("with social requirements"))
    innovation = models.PositiveIntegerField(_("innovation procurements"))

    class Meta:
        ordering = ["year", "organisation_number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "organisation_number"], name="procurement_national_unique")
        ]
        verbose_name = _("national procurement figures")
        verbose_name_plural = _("national procurement figures")

    def __str__(self) -> str:
        return f"{self.buyer_name} {self.year}"
