"""Substance lists: the EU Candidate List (shared reference data, one row per loaded version) and each
organisation's own phase-out list."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation

from .. import identifiers


class SubstanceList(models.Model):
    """One loaded version of a published substance list (the EU Candidate List). Versions are kept:
    a screening names the version it was screened against. The newest by date is the current one."""

    CANDIDATE_LIST = "eu-candidate-list"

    key = models.SlugField(_("list"), max_length=50, default=CANDIDATE_LIST)
    version = models.CharField(_("version"), max_length=50)
    dated = models.DateField(_("dated"), help_text=_("The date of the export the list was loaded from."))
    source = models.CharField(_("source"), max_length=300)
    total_entries = models.PositiveIntegerField(
        _("entries in the full list"),
        null=True,
        blank=True,
        help_text=_("How many entries the published list has, when known; shows how complete the loaded list is."),
    )
    checksum = models.CharField(max_length=64, editable=False)
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)

    class Meta:
        ordering = ["-dated", "-loaded_at", "-pk"]
        verbose_name = _("substance list")
        verbose_name_plural = _("substance lists")
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="chemicals_list_version_unique")]

    def __str__(self) -> str:
        return _("Candidate List %(version)s") % {"version": self.version}

    def get_absolute_url(self) -> str:
        return reverse("chemicals:candidate-list") + f"?version={self.pk}"


class Substance(models.Model):
    """One entry of a loaded list; ``-`` in ECHA's export (group entries) is stored as an empty number."""

    substance_list = models.ForeignKey(
        SubstanceList, verbose_name=_("substance list"), on_delete=models.CASCADE, related_name="substances"
    )
    name = models.TextField(_("substance name"))
    ec_number = models.CharField(_("EC number"), max_length=12, blank=True, db_index=True)
    cas_number = models.CharField(_("CAS number"), max_length=12, blank=True, db_index=True)
    date_of_inclusion = models.DateField(_("date of inclusion"), null=True, blank=True)
    reason = models.CharField(_("reason for inclusion"), max_length=500, blank=True)
    decision = models.CharField(_("decision"), max_length=100, blank=True)
    group_members = models.TextField(_("group members"), blank=True)

    class Meta:
        ordering = ["-date_of_inclusion", "name", "pk"]
        verbose_name = _("substance")
        verbose_name_plural = _("substances")

    def __str__(self) -> str:
        return self.name


def identifier_errors(obj) -> dict:
    """At least one of CAS and EC, each with a valid form and check digit."""
    errors = {}
    if not obj.cas_number and not obj.ec_number:
        errors["cas_number"] = _("Give a CAS number, an EC number or both.")
    if obj.cas_number and identifiers.cas_problem(obj.cas_number):
        errors["cas_number"] = _(
            "%(number)s is not a valid CAS number (form 7732-18-5 with a correct check digit)."
        ) % {"number": obj.cas_number}
    if obj.ec_number and identifiers.ec_problem(obj.ec_number):
        errors["ec_number"] = _("%(number)s is not a valid EC number (form 231-791-2 with a correct check digit).") % {
            "number": obj.ec_number
        }
    return errors


class PhaseOutSubstance(models.Model):
    """A substance the organisation has decided to phase out, beyond the Candidate List."""

    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="phase_out_substances"
    )
    name = models.CharField(_("substance name"), max_length=300)
    cas_number = models.CharField(_("CAS number"), max_length=12, blank=True, help_text=_("For example 7732-18-5."))
    ec_number = models.CharField(_("EC number"), max_length=12, blank=True, help_text=_("For example 231-791-2."))
    reason = models.TextField(_("reason"), help_text=_("Why the organisation phases the substance out."))
    added_on = models.DateField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("phase-out substance")
        verbose_name_plural = _("phase-out substances")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("chemicals:phase-out-edit", args=[self.pk])

    def clean(self) -> None:
        self.cas_number = self.cas_number.strip()
        self.ec_number = self.ec_number.strip()
        errors = identifier_errors(self)
        if errors:
            raise ValidationError(errors)
