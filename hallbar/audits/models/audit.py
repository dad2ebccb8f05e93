"""Audit programmes and the audits planned in them.

An audit's scope is units of the organisation and clauses of the management-system libraries
(ISO 14001, EMAS, SS 854000); its checklist is generated from those clauses. Who may audit which
unit, the checklist generation and the status workflow live in :mod:`hallbar.audits.services`,
:mod:`hallbar.audits.independence` and :mod:`hallbar.audits.workflow`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import Organisation, OrganisationUnit

# The libraries whose clauses an internal audit checks.
AUDITABLE_LIBRARIES = (
    "urn:hallbar:library:iso14001",
    "urn:hallbar:library:emas",
    "urn:hallbar:library:ss854000",
)


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORT_WRITTEN = "report_written", _("Report written")
    CLOSED = "closed", _("Closed")


class AuditProgramme(models.Model):
    """The internal audits an organisation plans for a year, with their aims and approval."""

    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="audit_programmes"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("title"), max_length=300)
    aims = models.TextField(
        _("aims"), blank=True, help_text=_("What the audits of the year are to find out, and why these were chosen.")
    )
    approved_by = models.CharField(
        _("approved by"),
        max_length=200,
        blank=True,
        help_text=_("For example the municipal management team or the chief executive."),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "title", "pk"]
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("audits:programme-detail", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return bool(self.approved_by and self.approved_on)

    def clean(self) -> None:
        errors = {}
        if self.approved_on and not self.approved_by:
            errors["approved_by"] = _("Say who approved the programme.")
        if self.approved_by and not self.approved_on:
            errors["approved_on"] = _("Give the date the programme was approved.")
        if errors:
            raise ValidationError(errors)


class Audit(models.Model):
    """One internal audit: what it covers (units and clauses), who audits, when, and how far it has come."""

    organisation_lookup = "programme__organisation"

    Status = Status

    programme = models.ForeignKey(
        AuditProgramme, verbose_name=_("audit programme"), on_delete=models.PROTECT, related_name="audits"
    )
    title = models.CharField(_("title"), max_length=300)
    objectives = models.TextField(_("objectives"), blank=True, help_text=_("What this audit is to find out."))
    units = models.ManyToManyField(
        OrganisationUnit,
        verbose_name=_("units audited"),
        through="AuditedUnit",
        blank=True,
        related_name="audits",
        help_text=_("Leave empty when the audit covers the whole organisation."),
    )
    clauses = models.ManyToManyField(
        FrameworkItem, verbose_name=_("clauses audited"), blank=True, related_name="audits"
    )
    lead_auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead auditor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_audits",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("audit team"), blank=True, related_name="audit_teams"
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(
        _("planned end"), null=True, blank=True, help_text=_("Leave empty for an audit of one day.")
    )
    # Changed only through hallbar.audits.workflow; not editable=False, so that the history records it.
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PLANNED)
    conclusions = models.TextField(
        _("conclusions"),
        blank=True,
        help_text=_("The audit team's overall conclusions; required before the report is marked as written."),
    )
    report_date = models.DateField(_("report written on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["planned_start", "title", "pk"]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("audits:detail", args=[self.pk])

    @property
    def organisation(self) -> Organisation:
        return self.programme.organisation

    def clean(self) -> None:
        from hallbar.accounts.models import Membership

        errors = {}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The audit cannot end before it starts.")
        if self.lead_auditor_id and self.programme_id:
            member = Membership.objects.filter(
                user_id=self.lead_auditor_id, organisation_id=self.programme.organisation_id, is_active=True
            ).exists()
            if not member:
                errors["lead_auditor"] = _("The lead auditor must be a member of the organisation.")
        if errors:
            raise ValidationError(errors)


class AuditedUnit(models.Model):
    """A unit in an audit's scope. Protects the unit: an audited unit is not deleted with its record."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(OrganisationUnit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("audited unit")
        verbose_name_plural = _("audited units")
        constraints = [models.UniqueConstraint(fields=["audit", "unit"], name="audited_unit_once")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.audit})"
