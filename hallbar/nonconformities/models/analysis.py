"""The five whys of a root-cause analysis, and the counter that hands out reference numbers."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation

from .nonconformity import Nonconformity

MAX_WHYS = 5


class Why(models.Model):
    """One answer in a five-whys analysis: "why?" number ``position`` and the answer found."""

    organisation_lookup = "nonconformity__organisation"
    unit_lookup = "nonconformity__responsible_unit"

    nonconformity = models.ForeignKey(
        Nonconformity, verbose_name=_("nonconformity"), on_delete=models.CASCADE, related_name="whys"
    )
    position = models.PositiveSmallIntegerField(
        _("why number"), validators=[MinValueValidator(1), MaxValueValidator(MAX_WHYS)]
    )
    answer = models.TextField(_("answer"))

    class Meta:
        ordering = ["nonconformity", "position"]
        verbose_name = _("why")
        verbose_name_plural = _("whys")
        constraints = [
            models.UniqueConstraint(fields=["nonconformity", "position"], name="why_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.answer[:80]}"

    def get_absolute_url(self) -> str:
        return f"{self.nonconformity.get_absolute_url()}#analysis"


class ReferenceCounter(models.Model):
    """The last reference number handed out per organisation and year (see ``services.next_number``)."""

    organisation_lookup = "organisation"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="nonconformity_counter_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}: {self.last}"
