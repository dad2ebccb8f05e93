"""Carbon-budget method presets: every parameter of the calculation, named and versioned.

Shipped presets (no organisation) come from ``data/methods.yaml`` and change only with that file.
An organisation's administrators add their own (a county's own budget, a consumption-based budget);
each saved change raises the version and is kept in the change history with who made it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .releases import EmissionRelease


class BudgetMethod(models.Model):
    organisation_lookup = "organisation"

    class Kind(models.TextChoices):
        BUDGET_SHARE = "budget_share", _("Share of a national budget (grandfathering), exponential path")
        FIXED_RATE = "fixed_rate", _("Fixed annual reduction (Carbon Law)")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="budget_methods",
        help_text=_("Empty for the presets shipped with Hållbar."),
    )
    key = models.SlugField(_("key"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description and sources"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    kind = models.CharField(_("method"), max_length=16, choices=Kind.choices, default=Kind.BUDGET_SHARE)
    release = models.ForeignKey(
        EmissionRelease,
        verbose_name=_("emission release"),
        on_delete=models.PROTECT,
        related_name="budget_methods",
        limit_choices_to={"kind": EmissionRelease.Kind.TERRITORIAL},
    )
    budget_t = models.FloatField(
        _("total budget (t CO2)"), help_text=_("The budget shared out, before the overhead is deducted.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("budget start year"), help_text=_("The budget counts from 1 January.")
    )
    overhead_t = models.FloatField(
        _("overhead (t CO2)"),
        default=0,
        help_text=_("Emissions not allocated to municipalities, stated as part of the reference budget below."),
    )
    overhead_reference_t = models.FloatField(
        _("overhead reference budget (t CO2)"),
        null=True,
        blank=True,
        help_text=_("The overhead is scaled pro rata: budget × (1 − overhead / reference budget)."),
    )
    reference_first_year = models.PositiveSmallIntegerField(
        _("first reference year"),
        help_text=_("Shares and the trend use the years from this one to the last year of the release."),
    )
    annual_reduction = models.FloatField(
        _("annual reduction"), null=True, blank=True, help_text=_("For the fixed-rate method, e.g. 0.1172 for 11.72 %.")
    )
    county = models.ForeignKey(
        "organisations.County",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Share the budget among this county's municipalities only (a county's own budget)."),
    )
    horizon_year = models.PositiveSmallIntegerField(_("horizon year"), default=2050)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["organisation_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="climate_method_key_unique"),
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(organisation__isnull=True), name="climate_shipped_method_key_unique"
            ),
        ]
        verbose_name = _("carbon-budget method")
        verbose_name_plural = _("carbon-budget methods")

    def __str__(self) -> str:
        return _("%(name)s (version %(version)s)") % {"name": self.name, "version": self.version}

    @property
    def is_shipped(self) -> bool:
        return self.organisation_id is None

    @property
    def distributed_t(self) -> float:
        """The part of the budget shared among municipalities, after the pro-rata overhead."""
        if not self.overhead_reference_t:
            return self.budget_t - self.overhead_t
        return self.budget_t * (1 - self.overhead_t / self.overhead_reference_t)

    def clean(self) -> None:
        errors = parameter_errors(self)
        if errors:
            raise ValidationError(errors)


def parameter_errors(method: BudgetMethod) -> dict[str, str]:
    """Why a preset's parameters are impossible, by field; empty when they make sense."""
    errors: dict[str, str] = {}
    if method.budget_t is not None and method.budget_t <= 0:
        errors["budget_t"] = _("The budget must be larger than zero.")
    if method.overhead_t is not None and method.overhead_t < 0:
        errors["overhead_t"] = _("The overhead cannot be negative.")
    reference = method.overhead_reference_t or method.budget_t
    if method.overhead_t and reference and method.overhead_t >= reference:
        errors["overhead_t"] = _("The overhead must be smaller than the budget it is part of.")
    if method.start_year and method.horizon_year and method.start_year >= method.horizon_year:
        errors["start_year"] = _("The start year must come before the horizon year.")
    if method.kind == BudgetMethod.Kind.FIXED_RATE:
        if method.annual_reduction is None or not 0 < method.annual_reduction < 1:
            errors["annual_reduction"] = _("Give the annual reduction as a fraction between 0 and 1, e.g. 0.1172.")
    release = method.release if method.release_id else None
    if release is not None and method.reference_first_year:
        if method.reference_first_year > release.last_year - 2:
            errors["reference_first_year"] = _(
                "The release has data up to %(year)s; a trend needs at least three years from the first reference year."
            ) % {"year": release.last_year}
        if method.reference_first_year < release.first_year:
            errors["reference_first_year"] = _("The release starts in %(year)s.") % {"year": release.first_year}
    if release is not None and release.kind != EmissionRelease.Kind.TERRITORIAL:
        errors["release"] = _("Choose a release of territorial emissions.")
    return errors


class ClimateSettings(models.Model):
    """Which preset an organisation's climate pages and climate budget use."""

    organisation_lookup = "organisation"

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="climate_settings",
    )
    method = models.ForeignKey(
        BudgetMethod, verbose_name=_("carbon-budget method"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("climate settings")
        verbose_name_plural = _("climate settings")

    def __str__(self) -> str:
        return str(self.organisation)
