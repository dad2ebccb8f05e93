"""The EMAS environmental statement, and which indicators supply its core indicators.

An :class:`EnvironmentalStatement` is an organisation's statement for one reporting year. Its content
(policy, scope, significant aspects, objectives and targets, core indicators, compliance) is generated
from the system by :mod:`hallbar.reviews.statement.content`; what the system does not hold is kept
here: a short description of the organisation, the date of the statement and the validation by the
environmental verifier. Recording the validation freezes the generated content in ``content``, so a
validated statement keeps showing what the verifier validated. The rules (what may be changed,
validated, withdrawn or deleted, and when): :mod:`hallbar.reviews.statement.services`.

A :class:`CoreIndicatorSource` says, for one EMAS core indicator area, which of the organisation's
indicators supplies A (the annual total) and which supplies B (the annual reference figure, e.g. the
number of employees); R = A / B is computed in :mod:`hallbar.reviews.statement.calculations`.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.indicators.models import Indicator
from hallbar.indicators.periods import Frequency
from hallbar.organisations.models import Organisation

FIRST_YEAR = 2000


class Area(models.TextChoices):
    """The EMAS core indicator areas (Annex IV), in the order the statement shows them."""

    ENERGY = "energy", _("Energy efficiency")
    MATERIAL = "material", _("Material efficiency")
    WATER = "water", _("Water")
    WASTE = "waste", _("Waste")
    BIODIVERSITY = "biodiversity", _("Land use with regard to biodiversity")
    EMISSIONS = "emissions", _("Emissions")


# What A stands for in each area, as EMAS describes it.
AREA_A = {
    Area.ENERGY: _("Total annual energy use, e.g. in MWh or GJ."),
    Area.MATERIAL: _("Annual mass flow of the key materials used, in tonnes."),
    Area.WATER: _("Total annual water use, in m³."),
    Area.WASTE: _("Total annual generation of waste, in tonnes."),
    Area.BIODIVERSITY: _("Use of land, in m² of built-up or sealed area."),
    Area.EMISSIONS: _("Total annual emissions of greenhouse gases, in tonnes of CO2 equivalent."),
}


class EnvironmentalStatement(models.Model):
    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="environmental_statements",
    )
    year = models.PositiveSmallIntegerField(
        _("reporting year"),
        validators=[MinValueValidator(FIRST_YEAR)],
        help_text=_("The calendar year the statement reports on."),
    )
    statement_date = models.DateField(
        _("date of the statement"),
        default=timezone.localdate,
        help_text=_("The date the statement is issued with."),
    )
    description = models.TextField(
        _("about the organisation"),
        help_text=_("A short description: what the organisation does, where, and how many people work there."),
    )
    verifier_name = models.CharField(
        _("environmental verifier"),
        max_length=200,
        blank=True,
        help_text=_("The name of the environmental verifier who validated the statement."),
    )
    accreditation_number = models.CharField(
        _("accreditation or licence number"),
        max_length=100,
        blank=True,
        help_text=_("The verifier's EMAS accreditation or licence number."),
    )
    validated_on = models.DateField(_("date of validation"), null=True, blank=True)
    # The generated content, frozen when the validation is recorded (empty while a draft).
    content = models.JSONField(_("content"), default=dict, editable=False)
    frozen_at = models.DateTimeField(_("content frozen"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("environmental statement")
        verbose_name_plural = _("environmental statements")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="environmental_statement_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(validated_on__isnull=True, verifier_name="", accreditation_number="")
                | (
                    models.Q(validated_on__isnull=False)
                    & ~models.Q(verifier_name="")
                    & ~models.Q(accreditation_number="")
                ),
                name="environmental_statement_validation_complete",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Environmental statement %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("reviews:statement-detail", args=[self.pk])

    @property
    def is_validated(self) -> bool:
        return self.validated_on is not None

    def clean(self) -> None:
        errors = {}
        if self.year and self.year > timezone.localdate().year:
            errors["year"] = _("The reporting year cannot be in the future.")
        elif self.year and self.organisation_id and self._same_year().exists():
            errors["year"] = _("There is already an environmental statement for %(year)s.") % {"year": self.year}
        if errors:
            raise ValidationError(errors)

    def _same_year(self):
        statements = EnvironmentalStatement.objects.filter(organisation_id=self.organisation_id, year=self.year)
        return statements.exclude(pk=self.pk)


class CoreIndicatorSource(models.Model):
    """For one core indicator area of an organisation: the indicators that supply A and B, and a note."""

    organisation_lookup = "organisation"

    Area = Area

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="core_indicator_sources"
    )
    area = models.CharField(_("core indicator"), max_length=16, choices=Area.choices)
    a_indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("A: annual total"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="core_indicator_a_sources",
    )
    b_indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("B: reference figure"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="core_indicator_b_sources",
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_(
            "Shown with the core indicator in the statement: how the figures are obtained, or why the area "
            "is not relevant to the organisation's significant direct aspects."
        ),
    )

    class Meta:
        ordering = ["organisation", "area"]
        verbose_name = _("core indicator source")
        verbose_name_plural = _("core indicator sources")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "area"], name="core_indicator_source_one_per_area"),
        ]

    def __str__(self) -> str:
        return str(_("%(area)s (EMAS core indicator)") % {"area": self.get_area_display()})

    def get_absolute_url(self) -> str:
        return reverse("reviews:statement-core-indicators")

    def clean(self) -> None:
        errors = {}
        for field in ("a_indicator", "b_indicator"):
            indicator = getattr(self, field)
            if indicator is None:
                continue
            if indicator.organisation_id != self.organisation_id:
                errors[field] = _("The indicator must belong to the same organisation.")
            elif indicator.frequency != Frequency.YEARLY:
                errors[field] = _(
                    "Choose a yearly indicator: the core indicators use whole-year values of the whole organisation."
                )
        if self.b_indicator_id and not self.a_indicator_id:
            errors["a_indicator"] = _("Choose the indicator that supplies A as well, or leave B empty.")
        elif self.a_indicator_id and self.a_indicator_id == self.b_indicator_id:
            errors["b_indicator"] = _("A and B cannot be the same indicator.")
        if errors:
            raise ValidationError(errors)
