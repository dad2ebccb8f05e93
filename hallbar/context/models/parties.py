"""Interested parties: who has needs and expectations of the organisation's sustainability work, and
which of those needs become compliance obligations (ISO 14001 clause 4.2)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.organisations.validators import responsible_unit_errors


class InterestedParty(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    class Category(models.TextChoices):
        RESIDENTS = "residents", _("Residents")
        BUSINESSES = "businesses", _("Businesses")
        EMPLOYEES = "employees", _("Employees")
        ELECTED_REPRESENTATIVES = "elected_representatives", _("Elected representatives")
        AUTHORITIES = "authorities", _("Other authorities")
        CIVIL_SOCIETY = "civil_society", _("Civil society organisations")
        SUPPLIERS = "suppliers", _("Suppliers")
        VISITORS = "visitors", _("Visitors")
        OTHER = "other", _("Other")

    class Relevance(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="interested_parties"
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Who they are, e.g. “Residents of the town centre”.")
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    needs = models.TextField(
        _("needs and expectations"), help_text=_("What they need or expect of the organisation's sustainability work.")
    )
    is_compliance_obligation = models.BooleanField(
        _("becomes a compliance obligation"),
        default=False,
        help_text=_("Whether the organisation has to, or has decided to, comply with some of these needs."),
    )
    obligation_note = models.TextField(
        _("which needs become obligations"),
        blank=True,
        help_text=_("Which of the needs the organisation commits to, and how (law, agreement, decision …)."),
    )
    relevance = models.CharField(_("relevance"), max_length=8, choices=Relevance.choices, default=Relevance.MEDIUM)
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interested_parties",
    )
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("interested party")
        verbose_name_plural = _("interested parties")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("context:party", args=[self.pk])

    def clean(self) -> None:
        errors = responsible_unit_errors(self)
        if self.is_compliance_obligation and not self.obligation_note.strip():
            errors["obligation_note"] = _("Say which of the needs become compliance obligations.")
        if errors:
            raise ValidationError(errors)
