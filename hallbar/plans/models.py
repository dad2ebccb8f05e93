"""Strategic plans: plan → focus areas → goals → measurable targets, linked to framework items."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.core.numbers import measure
from hallbar.frameworks.models import FrameworkItem
from hallbar.indicators.calculations import Direction as TrendDirection
from hallbar.indicators.models import Indicator
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.organisations.validators import responsible_unit_errors


def plain_number(value) -> str:
    """A decimal without trailing zeros, in the active language's notation (4,5 in Swedish)."""
    return "" if value is None else measure(value, max_decimals=4)


class Plan(models.Model):
    """An adopted (or draft) steering document: environmental programme, climate plan, …"""

    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    class Kind(models.TextChoices):
        ENVIRONMENTAL_PROGRAMME = "environmental_programme", _("Environmental programme")
        CLIMATE_PLAN = "climate_plan", _("Climate plan")
        AGENDA_2030_PLAN = "agenda_2030_plan", _("Agenda 2030 plan")
        SUSTAINABILITY_PROGRAMME = "sustainability_programme", _("Sustainability programme")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        ARCHIVED = "archived", _("Archived")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.ENVIRONMENTAL_PROGRAMME)
    description = models.TextField(_("description"), blank=True)
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("For example the municipal council.")
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    valid_from_year = models.PositiveSmallIntegerField(_("valid from (year)"))
    valid_to_year = models.PositiveSmallIntegerField(_("valid to (year)"))
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ["-valid_from_year", "title"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.valid_from_year and self.valid_to_year and self.valid_to_year < self.valid_from_year:
            errors["valid_to_year"] = _("The plan cannot end before it starts.")
        errors.update(responsible_unit_errors(self))
        if errors:
            raise ValidationError(errors)


class FocusArea(models.Model):
    organisation_lookup = "plan__organisation"
    unit_lookup = "plan__responsible_unit"

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="focus_areas")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are shown first."))

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#focus-area-{self.pk}"


class Goal(models.Model):
    organisation_lookup = "plan__organisation"
    unit_lookup = "responsible_unit"

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="goals")
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are shown first."))
    framework_items = models.ManyToManyField(
        FrameworkItem, verbose_name=_("framework items"), blank=True, related_name="local_goals"
    )

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:goal", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.focus_area_id and self.plan_id and self.focus_area.plan_id != self.plan_id:
            errors["focus_area"] = _("The focus area must belong to the same plan.")
        if self.plan_id:
            errors.update(responsible_unit_errors(self, organisation_id=self.plan.organisation_id))
        if errors:
            raise ValidationError(errors)


class Target(models.Model):
    """A measurable target: from a baseline value in a baseline year to a target value in a target year."""

    organisation_lookup = "goal__plan__organisation"
    unit_lookup = "goal__responsible_unit"

    class Direction(models.TextChoices):
        INCREASE = TrendDirection.INCREASE.value, _("Increase")
        DECREASE = TrendDirection.DECREASE.value, _("Decrease")

    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.PROTECT, related_name="targets")
    title = models.CharField(_("title"), max_length=300)
    unit = models.CharField(
        _("unit of measurement"), max_length=100, blank=True, help_text=_("For example “tonnes CO2e per resident”.")
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    baseline_value = models.DecimalField(_("baseline value"), max_digits=16, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    target_value = models.DecimalField(_("target value"), max_digits=16, decimal_places=4)
    direction = models.CharField(_("desired direction"), max_length=16, choices=Direction.choices)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        help_text=_("The indicator whose values show how the target is going."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers are shown first."))
    framework_items = models.ManyToManyField(
        FrameworkItem, verbose_name=_("framework items"), blank=True, related_name="local_targets"
    )

    class Meta:
        ordering = ["goal", "order", "pk"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{reverse('plans:goal', args=[self.goal_id])}#target-{self.pk}"

    @property
    def baseline_display(self) -> str:
        return plain_number(self.baseline_value)

    @property
    def target_value_display(self) -> str:
        return plain_number(self.target_value)

    def clean(self) -> None:
        errors = {}
        if self.baseline_year and self.target_year and self.target_year <= self.baseline_year:
            errors["target_year"] = _("The target year must be after the baseline year.")
        if self.baseline_value is not None and self.target_value is not None and self.direction:
            if self.direction == TrendDirection.INCREASE and self.target_value < self.baseline_value:
                errors["target_value"] = _("The desired direction is to increase, but the target value is lower.")
            elif self.direction == TrendDirection.DECREASE and self.target_value > self.baseline_value:
                errors["target_value"] = _("The desired direction is to decrease, but the target value is higher.")
        if self.indicator_id and self.goal_id and self.indicator.organisation_id != self.goal.plan.organisation_id:
            errors["indicator"] = _("The indicator must belong to the same organisation.")
        if errors:
            raise ValidationError(errors)
