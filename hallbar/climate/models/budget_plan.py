"""The climate budget in the financial plan: ceilings per year, allocated to committees and companies by
sector responsibility, their reduction measures and the yearly follow-up.

A budget is a draft until the council adopts it; adopting freezes its figures (``figures``: ceilings,
trend and sector shares with the names of the release and preset they came from) and locks it. Only
the reported effects of its measures are still recorded after adoption: that is the follow-up.
The rules live in ``climate/budget_services.py``; the sums in ``climate/budget_calculations.py``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .methods import BudgetMethod
from .releases import Sector

MAX_PLAN_YEARS = 10


class ClimateBudget(models.Model):
    organisation_lookup = "organisation"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="climate_budgets",
    )
    title = models.CharField(_("title"), max_length=200)
    budget_year = models.PositiveSmallIntegerField(
        _("budget year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    plan_years = models.PositiveSmallIntegerField(
        _("plan years"),
        default=3,
        validators=[MaxValueValidator(MAX_PLAN_YEARS)],
        help_text=_("How many plan years follow the budget year in the financial plan."),
    )
    method = models.ForeignKey(
        BudgetMethod, verbose_name=_("carbon-budget method"), on_delete=models.PROTECT, related_name="+"
    )
    method_version = models.PositiveIntegerField(
        _("method version"), null=True, blank=True, editable=False, help_text=_("The preset's version at adoption.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Part of the budget: shown with it, also on the public portal once it is adopted and published."),
    )
    figures = models.JSONField(_("figures at adoption"), default=dict, blank=True, editable=False)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True, editable=False)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adopted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-budget_year", "title"]
        verbose_name = _("climate budget")
        verbose_name_plural = _("climate budgets")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("climate:budget-detail", args=[self.pk])

    @property
    def years(self) -> list[int]:
        return list(range(self.budget_year, self.budget_year + self.plan_years + 1))

    @property
    def is_adopted(self) -> bool:
        return self.status == self.Status.ADOPTED

    def clean(self) -> None:
        if self.method_id and self.method.organisation_id not in (None, self.organisation_id):
            raise ValidationError({"method": _("Choose one of your organisation's presets or a shipped one.")})


class SectorResponsibility(models.Model):
    """A unit (committee or company) answers for a share of one SMHI sector's part of the ceiling."""

    organisation_lookup = "budget__organisation"
    unit_lookup = "unit"

    budget = models.ForeignKey(
        ClimateBudget, verbose_name=_("climate budget"), on_delete=models.CASCADE, related_name="responsibilities"
    )
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    unit = models.ForeignKey(
        "organisations.OrganisationUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="climate_responsibilities",
    )
    share_percent = models.FloatField(
        _("share (%)"), default=100, help_text=_("The unit's share of the sector, in per cent.")
    )

    class Meta:
        ordering = ["budget", "sector", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "sector", "unit"], name="climate_responsibility_unique")
        ]
        verbose_name = _("sector responsibility")
        verbose_name_plural = _("sector responsibilities")

    def __str__(self) -> str:
        return f"{self.get_sector_display()}: {self.unit} ({self.share_percent:g} %)"

    def get_absolute_url(self) -> str:
        return reverse("climate:budget-detail", args=[self.budget_id]) + "#allocation"


class Measure(models.Model):
    """A reduction measure of one unit, with its estimated effect, cost and funding."""

    organisation_lookup = "budget__organisation"
    unit_lookup = "unit"

    budget = models.ForeignKey(
        ClimateBudget, verbose_name=_("climate budget"), on_delete=models.CASCADE, related_name="measures"
    )
    unit = models.ForeignKey(
        "organisations.OrganisationUnit",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="climate_measures",
    )
    title = models.CharField(_("title"), max_length=300)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    description = models.TextField(_("description"), blank=True)
    actions = models.ManyToManyField(
        "actions.Action", verbose_name=_("linked actions"), blank=True, related_name="climate_measures"
    )
    effect_t = models.FloatField(_("estimated effect (t CO2e per year)"))
    cost_sek = models.PositiveBigIntegerField(
        _("cost (SEK)"), default=0, help_text=_("Whole kronor, over its lifetime.")
    )
    funding_sek = models.PositiveBigIntegerField(_("funding (SEK)"), default=0)
    funding_source = models.CharField(_("source of funding"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    lifetime_years = models.PositiveSmallIntegerField(
        _("lifetime (years)"), default=10, help_text=_("How many years the effect lasts; used for the cost per tonne.")
    )

    class Meta:
        ordering = ["budget", "unit__path", "title"]
        verbose_name = _("reduction measure")
        verbose_name_plural = _("reduction measures")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("climate:budget-detail", args=[self.budget_id]) + f"#measure-{self.pk}"


class MeasureEffect(models.Model):
    """The effect a measure had in one year, as reported in the follow-up."""

    organisation_lookup = "measure__budget__organisation"
    unit_lookup = "measure__unit"

    measure = models.ForeignKey(
        Measure, verbose_name=_("reduction measure"), on_delete=models.CASCADE, related_name="reported_effects"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    effect_t = models.FloatField(_("reported effect (t CO2e)"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["measure", "year"]
        constraints = [models.UniqueConstraint(fields=["measure", "year"], name="climate_measure_effect_unique")]
        verbose_name = _("reported effect")
        verbose_name_plural = _("reported effects")

    def __str__(self) -> str:
        return f"{self.measure}: {self.year}"

    def get_absolute_url(self) -> str:
        return self.measure.get_absolute_url()
