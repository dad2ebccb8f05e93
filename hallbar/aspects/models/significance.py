"""How an organisation judges significance: its criteria (each scored 1–5) and its settings (method,
threshold, review interval). The defaults come from ``data/significance.yaml``."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.core.i18n import localized
from hallbar.organisations.models import Organisation

from ..calculations import Method


class SignificanceCriterion(models.Model):
    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="significance_criteria"
    )
    key = models.SlugField(
        _("key"), max_length=50, blank=True, editable=False, help_text=_("Set for the criteria from the default set.")
    )
    name_sv = models.CharField(_("name (Swedish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description_sv = models.TextField(
        _("description (Swedish)"), blank=True, help_text=_("What a low and a high score mean.")
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active criteria are scored and count towards significance.")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("significance criterion")
        verbose_name_plural = _("significance criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], condition=~models.Q(key=""), name="significance_criterion_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("aspects:settings") + f"#criterion-{self.pk}"

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class AspectSettings(models.Model):
    """An organisation's significance method and threshold, and how often its register is reviewed.

    Created with the defaults of the data file by :func:`hallbar.aspects.services.ensure_settings`;
    until then :func:`hallbar.aspects.queries.aspect_settings` answers unsaved defaults.
    """

    organisation_lookup = "organisation"

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="aspect_settings"
    )
    method = models.CharField(
        _("method"),
        max_length=8,
        choices=Method.choices,
        help_text=_(
            "Sum: the scores of all active criteria are added up. Highest: the highest single score counts, "
            "so one high score is enough."
        ),
    )
    threshold = models.PositiveSmallIntegerField(
        _("threshold"),
        validators=[MinValueValidator(1)],
        help_text=_("An aspect is significant when its result is at least this."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("months between reviews of the register"),
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("The register is due for review this many months after its latest review. Between 1 and 36."),
    )
    criteria_version = models.PositiveSmallIntegerField(_("version of the default criteria"), null=True, editable=False)
    review_reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("aspect settings")
        verbose_name_plural = _("aspect settings")

    def __str__(self) -> str:
        return str(_("Aspect settings"))

    def get_absolute_url(self) -> str:
        return reverse("aspects:settings")
