"""Indicators and their values.

An indicator is defined once per organisation (what is measured, in which unit, which direction is
better, where the numbers come from). Its values are kept per period, either for the whole
organisation (``unit`` empty) or for one organisational unit, with a total and, for indicators split
by gender, values for women and men.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.organisations.validators import responsible_unit_errors

from .calculations import Direction as TrendDirection
from .periods import Frequency, period_label, valid_periods


class Indicator(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    class Direction(models.TextChoices):
        INCREASE = TrendDirection.INCREASE.value, _("Higher is better")
        DECREASE = TrendDirection.DECREASE.value, _("Lower is better")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="indicators"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(
        _("unit of measurement"), max_length=100, help_text=_("For example “tonnes CO2e per resident” or “%”.")
    )
    direction = models.CharField(_("desired direction"), max_length=16, choices=Direction.choices)
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices, default=Frequency.YEARLY)
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the values come from, e.g. Kolada or SCB.")
    )
    method_note = models.TextField(
        _("method note"), blank=True, help_text=_("How the value is calculated and what to keep in mind.")
    )
    split_by_gender = models.BooleanField(
        _("split by gender"), default=False, help_text=_("Values are reported for women and men as well as in total.")
    )
    kolada_kpi = models.CharField(
        _("Kolada KPI"), max_length=16, blank=True, help_text=_("The Kolada key figure id, e.g. N00401.")
    )
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        indexes = [models.Index(fields=["organisation", "kolada_kpi"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.pk])

    def clean(self) -> None:
        if errors := responsible_unit_errors(self):
            raise ValidationError(errors)


class IndicatorValue(models.Model):
    """One indicator's value for one period, for the whole organisation or one unit."""

    organisation_lookup = "organisation"
    unit_lookup = "unit"

    class Status(models.TextChoices):
        PRELIMINARY = "preliminary", pgettext_lazy("value status", "Preliminary")
        FINAL = "final", pgettext_lazy("value status", "Final")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    # Repeats indicator.organisation so that scoping and per-organisation reads need no join.
    # No database constraint: it always equals ``indicator.organisation`` (set by the forms, the API, the
    # import and the Kolada sync), and a per-row constraint check was a third of the time of a
    # million-row import on PostgreSQL (docs/benchmarks.md). Django still protects it on delete.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicator_values",
        help_text=_("Empty for the whole organisation."),
        db_index=False,  # indexed where not empty only (Meta.indexes)
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.PositiveSmallIntegerField(
        _("period"), default=0, help_text=_("0 for the whole year, otherwise the tertial, quarter or month.")
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    value_women = models.FloatField(_("value for women"), null=True, blank=True)
    value_men = models.FloatField(_("value for men"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.FINAL)
    source = models.CharField(_("source"), max_length=300, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["indicator", "unit", "year", "period"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period"],
                condition=Q(unit__isnull=True),
                name="indicator_value_one_per_period_for_organisation",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit", "year", "period"],
                condition=Q(unit__isnull=False),
                name="indicator_value_one_per_period_for_unit",
            ),
        ]
        # Most values are for the whole organisation (unit empty). A plain index on unit would hold
        # them all, and SQLite (no statistics) reads "unit IS NULL" through it: every whole-organisation
        # value in the database instead of the indicators asked for (benchmarks/bench_followup.py).
        indexes = [models.Index(fields=["unit"], condition=Q(unit__isnull=False), name="indicator_value_unit")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_label}"

    def get_absolute_url(self) -> str:
        return self.indicator.get_absolute_url()

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.period, self.indicator.frequency)

    def clean(self) -> None:
        """The rules every value obeys, whether typed in a form or sent to the API (the CSV import
        checks the same in bulk in ``imports.py``)."""
        if not self.indicator_id:
            return
        indicator = self.indicator
        errors = {}
        if self.period not in valid_periods(indicator.frequency):
            errors["period"] = _("There is no such period for this indicator's frequency.")
        if not indicator.split_by_gender and (self.value_women is not None or self.value_men is not None):
            errors["value_women"] = _("The indicator is not split by gender.")
        if self.unit_id and self.unit.organisation_id != indicator.organisation_id:
            errors["unit"] = _("The unit must belong to the indicator's organisation.")
        if not errors and self.year is not None and self._same_period().exists():
            errors[NON_FIELD_ERRORS] = _(
                "There is already a value for %(period)s for this unit. Change that value instead."
            ) % {"period": self.period_label}
        if errors:
            raise ValidationError(errors)

    def _same_period(self):
        values = IndicatorValue.objects.filter(indicator_id=self.indicator_id, unit_id=self.unit_id)
        return values.filter(year=self.year, period=self.period).exclude(pk=self.pk)
