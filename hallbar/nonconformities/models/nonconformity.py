"""A nonconformity (avvikelse): something that did not meet a requirement, from an audit, a compliance
evaluation, a complaint, an incident, a management review or a contract follow-up — with its
reference number, root-cause analysis, effectiveness check and stage (see :mod:`..workflow`).

Corrective actions are not a model of this app: they are the one :class:`~hallbar.actions.models.Action`
with the nonconformity as their *reason*.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hallbar.organisations.models import Organisation, OrganisationUnit

REFERENCE_PREFIX = "AV"  # avvikelse; the same in every language, as reference numbers are quoted


class Origin(models.TextChoices):
    AUDIT = "audit", _("Audit")
    COMPLIANCE = "compliance", _("Compliance evaluation")
    COMPLAINT = "complaint", _("Complaint")
    INCIDENT = "incident", _("Incident")
    REVIEW = "review", _("Management review")
    CONTRACT = "contract", _("Contract follow-up")
    OTHER = "other", _("Other")


# Origins a person registers by hand; the others are raised from their source record by its app.
MANUAL_ORIGINS = (Origin.COMPLAINT, Origin.INCIDENT, Origin.OTHER)


class Severity(models.TextChoices):
    MAJOR = "major", pgettext_lazy("nonconformity severity", "Major")
    MINOR = "minor", pgettext_lazy("nonconformity severity", "Minor")


class Stage(models.TextChoices):
    REPORTED = "reported", pgettext_lazy("nonconformity stage", "Reported")
    ANALYSED = "analysed", pgettext_lazy("nonconformity stage", "Analysed")
    ACTIONS_PLANNED = "actions_planned", pgettext_lazy("nonconformity stage", "Actions planned")
    IMPLEMENTED = "implemented", pgettext_lazy("nonconformity stage", "Implemented")
    VERIFIED = "verified", pgettext_lazy("nonconformity stage", "Verified")
    CLOSED = "closed", pgettext_lazy("nonconformity stage", "Closed")


class AnalysisMethod(models.TextChoices):
    FIVE_WHYS = "five_whys", _("Five whys")
    FISHBONE = "fishbone", _("Fishbone diagram")
    OTHER = "other", _("Other method")


class Effectiveness(models.TextChoices):
    EFFECTIVE = "effective", pgettext_lazy("effectiveness of corrective actions", "Effective")
    NOT_EFFECTIVE = "not_effective", pgettext_lazy("effectiveness of corrective actions", "Not effective")


class Nonconformity(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    Origin = Origin
    Severity = Severity
    Stage = Stage
    AnalysisMethod = AnalysisMethod
    Effectiveness = Effectiveness

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="nonconformities"
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices)
    # The record it was raised from (an audit finding, a compliance evaluation …), if any.
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("source type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True, editable=False)
    source = GenericForeignKey("source_type", "source_id")
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices, default=Severity.MINOR)
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nonconformities",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_nonconformities",
        help_text=_("The person responsible for handling the nonconformity."),
    )
    detected_on = models.DateField(_("detected"), default=timezone.localdate)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_nonconformities",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.REPORTED, editable=False)
    # Immediate correction: what was done at once to contain the problem.
    immediate_correction = models.TextField(
        _("immediate correction"), blank=True, help_text=_("What was done at once to limit the consequences.")
    )
    no_immediate_correction = models.BooleanField(
        _("no immediate correction needed"),
        default=False,
        help_text=_("Tick when nothing needed to be done at once."),
    )
    # Root-cause analysis.
    analysis_method = models.CharField(
        _("root-cause analysis method"), max_length=16, choices=AnalysisMethod.choices, blank=True
    )
    analysis_notes = models.TextField(
        _("analysis notes"),
        blank=True,
        help_text=_("For a fishbone diagram or another method: the causes considered, by category."),
    )
    root_cause = models.TextField(_("root cause"), blank=True, help_text=_("The conclusion of the analysis."))
    # Effectiveness check of the corrective actions.
    effectiveness_due = models.DateField(
        _("effectiveness check planned"),
        null=True,
        blank=True,
        help_text=_("When to check that the corrective actions removed the cause. The owner is reminded after it."),
    )
    effectiveness_result = models.CharField(
        _("effectiveness"), max_length=16, choices=Effectiveness.choices, blank=True, editable=False
    )
    effectiveness_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("effectiveness verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    effectiveness_verified_at = models.DateTimeField(_("effectiveness verified"), null=True, blank=True, editable=False)
    effectiveness_comment = models.TextField(_("effectiveness comment"), blank=True, editable=False)
    # Set when the nonconformity goes back to analysis (not effective, reopened): new actions are needed.
    new_actions_since = models.DateTimeField(null=True, blank=True, editable=False)
    effectiveness_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "number"], name="nonconformity_unique_reference"),
            models.CheckConstraint(
                condition=models.Q(source_type__isnull=True, source_id__isnull=True)
                | models.Q(source_type__isnull=False, source_id__isnull=False),
                name="nonconformity_source_complete_or_empty",
            ),
        ]
        indexes = [
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["organisation", "stage"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("nonconformities:detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.responsible_unit_id and self.responsible_unit.organisation_id != self.organisation_id:
            errors["responsible_unit"] = _("The responsible unit must belong to the same organisation.")
        for field in ("owner", "reported_by"):
            user_id = getattr(self, f"{field}_id")
            if user_id and self.organisation_id and not _is_member(user_id, self.organisation_id):
                errors[field] = _("The person must be a member of the organisation.")
        if self.detected_on and self.detected_on > timezone.localdate():
            errors["detected_on"] = _("The date of detection cannot be in the future.")
        if self.no_immediate_correction and self.immediate_correction.strip():
            errors["no_immediate_correction"] = _(
                "Either describe the immediate correction or tick that none was needed, not both."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def reference(self) -> str:
        """The number people quote, e.g. AV-2026-003: per organisation and year of registration."""
        if self.number is None:
            return ""
        return f"{REFERENCE_PREFIX}-{self.year}-{self.number:03d}"

    @property
    def is_closed(self) -> bool:
        return self.stage == Stage.CLOSED


def _is_member(user_id: int, organisation_id: int) -> bool:
    from hallbar.accounts.models import Membership

    return Membership.objects.filter(user_id=user_id, organisation_id=organisation_id, is_active=True).exists()
