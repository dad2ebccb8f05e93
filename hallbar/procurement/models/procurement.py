"""The procurement register: one row per procurement (or call-off) of the organisation."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.organisations.validators import responsible_unit_errors

from .reference import CpvCode, Criterion

SEK_DIGITS = 15  # whole kronor


def sek_field(verbose_name, help_text=""):
    return models.DecimalField(
        verbose_name,
        max_digits=SEK_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=help_text,
    )


class Procurement(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ADVERTISED = "advertised", _("Advertised")
        CONTRACTED = "contracted", _("Contract signed")
        ENDED = "ended", _("Contract ended")
        CANCELLED = "cancelled", _("Cancelled")

    class Procedure(models.TextChoices):
        OPEN = "open", _("Open procedure")
        RESTRICTED = "restricted", _("Restricted procedure")
        NEGOTIATED = "negotiated", _("Negotiated procedure")
        SIMPLIFIED = "simplified", _("Simplified procedure")
        DIRECT_AWARD = "direct_award", _("Direct award")
        CALL_OFF = "call_off", _("Call-off from a framework agreement")
        OTHER = "other", _("Other procedure")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="procurements"
    )
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("buying unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procurements",
    )
    title = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("case number"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the procurement was advertised, or decided for a direct award or call-off."),
    )
    cpv_codes = models.ManyToManyField(CpvCode, verbose_name=_("CPV codes"), blank=True, related_name="+")
    procedure = models.CharField(_("procedure"), max_length=16, choices=Procedure.choices, default=Procedure.OPEN)
    estimated_value_sek = sek_field(_("estimated value (SEK)"), _("Whole kronor, excluding VAT, for the whole period."))
    contracted_value_sek = sek_field(
        _("contracted value (SEK)"), _("Whole kronor, excluding VAT, for the whole period.")
    )
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    environmental_requirements = models.BooleanField(_("environmental requirements"), default=False)
    social_requirements = models.BooleanField(_("social requirements"), default=False)
    innovation = models.BooleanField(_("innovation procurement"), default=False)
    criteria = models.ManyToManyField(
        Criterion,
        verbose_name=_("criteria used"),
        blank=True,
        related_name="procurements",
        help_text=_("Choosing a criterion sets the flag of its kind of requirement."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-year", "title", "pk"]
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:detail", args=[self.pk])

    @property
    def value_sek(self):
        """The value the register counts: the contracted value, else the estimated one."""
        return self.contracted_value_sek if self.contracted_value_sek is not None else self.estimated_value_sek

    def clean(self) -> None:
        errors = responsible_unit_errors(self)
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            errors["contract_end"] = _("The contract cannot end before it starts.")
        if errors:
            raise ValidationError(errors)
