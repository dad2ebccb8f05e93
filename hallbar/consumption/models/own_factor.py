"""An organisation's own activity-based factor, used for its ledgers instead of a shipped one."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation

from .factors import EmissionFactor, FactorSet


class OwnFactor(models.Model):
    """For example the district-heating supplier's kg CO2e per kWh: replaces the shipped activity
    factor ``replaces`` wherever the organisation's mappings use it (same unit)."""

    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="own_factors"
    )
    replaces = models.ForeignKey(
        EmissionFactor,
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"factor_set__kind": FactorSet.Kind.ACTIVITY},
        help_text=_("The shipped activity factor this one is used instead of, in the same unit."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("For example: District heating, Mälarenergi."))
    kg_co2e_per_unit = models.FloatField(
        _("kg CO2e per unit"), validators=[MinValueValidator(0)], help_text=_("In the unit of the replaced factor.")
    )
    source = models.CharField(
        _("source"), max_length=300, help_text=_("Who published the figure, and where: supplier, report, page.")
    )
    url = models.URLField(_("source address"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("The year the figure is for."),
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "replaces"], name="consumption_own_factor_unique")
        ]
        verbose_name = _("own activity factor")
        verbose_name_plural = _("own activity factors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("consumption:own-factor-edit", args=[self.pk])

    @property
    def unit(self) -> str:
        return self.replaces.unit

    @property
    def citation(self) -> str:
        """How the figure is cited wherever it is used."""
        return _("own factor: %(source)s, %(year)s") % {"source": self.source, "year": self.year}

    def clean(self) -> None:
        if self.replaces_id and self.replaces.factor_set.kind != FactorSet.Kind.ACTIVITY:
            raise ValidationError({"replaces": _("Only an activity-based factor can be replaced.")})
        if (
            self.organisation_id
            and self.replaces_id
            and OwnFactor.objects.filter(organisation_id=self.organisation_id, replaces_id=self.replaces_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"replaces": _("The organisation already has its own factor for this one.")})
