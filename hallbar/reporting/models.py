"""Reporting rounds: a coordinator asks a set of units to report by a deadline.

A round ("Tertial 2 2026") covers one period. Each unit asked gets a :class:`UnitReport` that moves
through not started → draft → submitted → approved, or back to returned with a comment. An approved
report is locked and keeps a snapshot of what was approved (actions and indicator values), so later
changes to the live data do not change what was reported.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hallbar.indicators.periods import Frequency, Period, period_label, valid_periods
from hallbar.organisations.models import Organisation, OrganisationUnit


class ReportingRound(models.Model):
    organisation_lookup = "organisation"

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("reporting round", "Open")
        CLOSED = "closed", pgettext_lazy("reporting round", "Closed")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="reporting_rounds"
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("For example “Tertial 2 2026”."))
    year = models.PositiveSmallIntegerField(_("year"))
    frequency = models.CharField(
        _("kind of period"),
        max_length=16,
        choices=[choice for choice in Frequency.choices if choice[0] != Frequency.MONTHLY],
        default=Frequency.YEARLY,
    )
    period = models.PositiveSmallIntegerField(
        _("period"), default=0, help_text=_("The tertial or quarter; 0 for a whole-year round.")
    )
    instructions = models.TextField(_("instructions"), blank=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    units = models.ManyToManyField(
        OrganisationUnit, verbose_name=_("units that report"), through="UnitReport", related_name="reporting_rounds"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-deadline", "-pk"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reporting:round", args=[self.pk])

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.period, self.frequency)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def clean(self) -> None:
        if self.frequency and self.period not in valid_periods(self.frequency):
            raise ValidationError({"period": _("Choose a period that exists for this kind of period.")})

    @property
    def covers(self) -> Period:
        return Period(self.year, self.frequency, self.period)

    def period_for(self, frequency: str) -> int | None:
        """The period number an indicator of ``frequency`` reports in this round (:meth:`Period.reported_by`)."""
        return self.covers.reported_by(frequency)


class UnitReport(models.Model):
    organisation_lookup = "round__organisation"
    unit_lookup = "unit"

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        DRAFT = "draft", pgettext_lazy("report", "Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")

    round = models.ForeignKey(ReportingRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(OrganisationUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("How the period went for the unit: results, deviations, what comes next.")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    review_comment = models.TextField(_("comment from the coordinator"), blank=True)
    snapshot = models.JSONField(_("approved content"), null=True, blank=True, editable=False)
    # What changed since the unit's report in the previous round, worked out when this one was approved.
    changes = models.JSONField(_("changes since the previous round"), default=list, blank=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["round", "unit__path"]
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="one_report_per_unit_and_round")]

    def __str__(self) -> str:
        return f"{self.round} – {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:report", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_editable(self) -> bool:
        """Editors may still change it: the round is open and it is not waiting for or past review."""
        return self.round.is_open and self.status in {
            self.Status.NOT_STARTED,
            self.Status.DRAFT,
            self.Status.RETURNED,
        }
