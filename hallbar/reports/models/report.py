"""A report's settings (plan, period, sections, audience, logo) and its generated versions.

Each generation is a new :class:`ReportVersion` keeping the content it was made from (a JSON snapshot)
and its PDF, DOCX and XLSX files. Approving a version freezes the report: the approved version cannot
be deleted and the report is not generated again (see ``services``).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation
from hallbar.plans.models import Plan

from ..sections import INTERNAL_ONLY, SECTIONS, TERTIALS, ordered

FORMATS = ("pdf", "docx", "xlsx")


def stored_at(instance, filename: str) -> str:
    """A random folder per file: files are only sent by the reports views, after a scope check."""
    return f"reports/{secrets.token_hex(16)}/{filename}"


class Report(models.Model):
    organisation_lookup = "organisation"

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual sustainability report")
        COMMITTEE = "committee", _("Committee report")

    class Audience(models.TextChoices):
        INTERNAL = "internal", _("Internal: may hold internal data")
        PUBLIC = "public", _("Public: only what is published on the portal")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="reports"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind of report"), max_length=16, choices=Kind.choices, default=Kind.ANNUAL)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices, default=Audience.INTERNAL)
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    tertial = models.PositiveSmallIntegerField(
        _("tertial"),
        null=True,
        blank=True,
        choices=[(number, _("Tertial %(number)s") % {"number": number}) for number in TERTIALS],
        help_text=_("Leave empty for the whole year."),
    )
    sections = models.JSONField(_("sections"), default=list)
    logo = models.FileField(_("logo"), upload_to=stored_at, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "title", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.tertial:
            return str(_("%(year)s, tertial %(number)s") % {"year": self.year, "number": self.tertial})
        return str(self.year)

    @property
    def section_labels(self) -> list[str]:
        return [str(SECTIONS[key]) for key in ordered(self.sections)]

    def clean(self) -> None:
        errors = {}
        if self.plan_id and self.organisation_id and self.plan.organisation_id != self.organisation_id:
            errors["plan"] = _("Choose a plan of your own organisation.")
        if not 2000 <= (self.year or 0) <= 2100:
            errors["year"] = _("Give a year between 2000 and 2100.")
        unknown = [key for key in self.sections if key not in SECTIONS]
        if unknown or not self.sections:
            errors["sections"] = _("Choose at least one section.")
        elif self.audience == self.Audience.PUBLIC and INTERNAL_ONLY & set(self.sections):
            names = ", ".join(str(SECTIONS[key]) for key in ordered(INTERNAL_ONLY & set(self.sections)))
            errors["sections"] = _(
                "A public report cannot have these sections, which hold internal data only: %(names)s."
            ) % {"names": names}
        if errors:
            raise ValidationError(errors)


class ReportVersion(models.Model):
    organisation_lookup = "report__organisation"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Generating")
        DONE = "done", _("Generated")
        FAILED = "failed", _("Failed")

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    audience = models.CharField(_("audience"), max_length=16, choices=Report.Audience.choices)
    language = models.CharField(_("language"), max_length=8, default="sv")
    content = models.JSONField(default=dict, editable=False)  # what the files were written from
    pdf = models.FileField(upload_to=stored_at, blank=True, editable=False)
    docx = models.FileField(upload_to=stored_at, blank=True, editable=False)
    xlsx = models.FileField(upload_to=stored_at, blank=True, editable=False)
    message = models.TextField(_("message"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reports_version_number_unique")]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")

    def __str__(self) -> str:
        return str(_("%(report)s, version %(number)s") % {"report": self.report, "number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.report_id])

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def file(self, file_format: str):
        return getattr(self, file_format) if file_format in FORMATS else None
