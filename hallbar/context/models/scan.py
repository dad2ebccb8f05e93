"""The environmental scan (omvärldsanalys): trends and changes around the organisation, sorted by
PESTLE category and time horizon, with their expected impact. Scan items can raise risks and
opportunities (``hallbar.risks`` links a risk to the scan items behind it)."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.organisations.validators import responsible_unit_errors
from hallbar.plans.models import Goal


class WebAddressField(models.URLField):
    """A web address: http or https only (no ftp, no other schemes); typed without one, https is assumed."""

    default_validators = [
        URLValidator(
            schemes=["http", "https"],
            message=_("Enter a web address starting with https:// or http://."),
            code="web_address",  # not "invalid": a model form would put its own message in its place
        )
    ]

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class ScanItem(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    class Category(models.TextChoices):
        POLITICAL = "political", _("Political")
        ECONOMIC = "economic", _("Economic")
        SOCIAL = "social", _("Social")
        TECHNOLOGICAL = "technological", _("Technological")
        ENVIRONMENTAL = "environmental", _("Environmental")
        LEGAL = "legal", _("Legal")

    class Trend(models.TextChoices):
        GROWING = "growing", _("Growing")
        STABLE = "stable", _("Stable")
        DECLINING = "declining", _("Declining")
        UNCERTAIN = "uncertain", _("Uncertain")

    class Impact(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEGATIVE = "negative", _("Negative")
        BOTH = "both", _("Both positive and negative")

    class Size(models.TextChoices):
        SMALL = "small", _("Small")
        MEDIUM = "medium", _("Medium")
        LARGE = "large", _("Large")

    class Horizon(models.TextChoices):
        SHORT = "short", _("Short term (under 2 years)")
        MEDIUM = "medium", _("Medium term (2–5 years)")
        LONG = "long", _("Long term (over 5 years)")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="scan_items"
    )
    title = models.CharField(_("title"), max_length=300)
    category = models.CharField(_("PESTLE category"), max_length=16, choices=Category.choices)
    description = models.TextField(_("description"), blank=True)
    trend = models.CharField(_("trend"), max_length=16, choices=Trend.choices, default=Trend.GROWING)
    impact = models.CharField(
        _("expected impact"),
        max_length=16,
        choices=Impact.choices,
        help_text=_("How the change is expected to affect the organisation."),
    )
    impact_size = models.CharField(_("size of the impact"), max_length=8, choices=Size.choices, default=Size.MEDIUM)
    time_horizon = models.CharField(_("time horizon"), max_length=8, choices=Horizon.choices)
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where it comes from: a report, an inquiry, a law …")
    )
    source_url = WebAddressField(
        _("source address"),
        max_length=500,
        blank=True,
        help_text=_("A web address (https://…), if there is one."),
    )
    noted_on = models.DateField(_("date noted"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scan_items",
    )
    goals = models.ManyToManyField(
        Goal,
        verbose_name=_("local goals"),
        blank=True,
        related_name="scan_items",
        help_text=_("Goals of the organisation's plans that the change affects."),
    )

    class Meta:
        ordering = ["-noted_on", "title", "pk"]
        verbose_name = _("scan item")
        verbose_name_plural = _("scan items")
        indexes = [models.Index(fields=["organisation", "status", "category", "time_horizon"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("context:scan-item", args=[self.pk])

    def clean(self) -> None:
        errors = responsible_unit_errors(self)
        if self.noted_on and self.noted_on > timezone.localdate():
            errors["noted_on"] = _("The date noted cannot be in the future.")
        if errors:
            raise ValidationError(errors)
