"""Management reviews: top management's periodic review of the management system, and its decisions.

A review covers a period (usually since the previous review). Starting it assembles the inputs the
standards require from the system itself (:mod:`hallbar.reviews.inputs`) and keeps them as a JSON
snapshot, so the record does not change when the live data do; while the review is in preparation
the inputs may be refreshed. The review records the meeting (date, participants), conclusions per
input section and on the system as a whole, decisions, and new actions (the one action model, with
the review as their *reason*). Status and locking: :mod:`hallbar.reviews.workflow`; every write:
:mod:`hallbar.reviews.services`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation

from ..sections import SECTION_KEYS


class Status(models.TextChoices):
    PREPARATION = "preparation", _("In preparation")
    HELD = "held", _("Held")
    APPROVED = "approved", _("Approved")


class ManagementReview(models.Model):
    organisation_lookup = "organisation"

    Status = Status

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="management_reviews"
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("For example “Management review 2026”."))
    date = models.DateField(_("date of the review"), help_text=_("The day top management meets (or met)."))
    period_start = models.DateField(_("period from"), help_text=_("The first day the inputs cover."))
    period_end = models.DateField(_("period to"), help_text=_("The last day the inputs cover."))
    participants = models.TextField(
        _("participants"),
        blank=True,
        help_text=_("Top management present, with their roles, and others who took part."),
    )
    # Changed only through hallbar.reviews.workflow; not editable=False, so that the history records it.
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PREPARATION)
    # The inputs as assembled from the system (hallbar.reviews.inputs): plain JSON, never edited by hand.
    inputs = models.JSONField(_("inputs"), default=dict, editable=False)
    inputs_assembled_at = models.DateTimeField(_("inputs assembled"), null=True, blank=True)
    # The coordinator's own inputs where the system holds no data.
    resources_notes = models.TextField(
        _("adequacy of resources"),
        blank=True,
        help_text=_("People, money, time and competence for the management system: what is enough, what is lacking."),
    )
    communication_notes = models.TextField(
        _("communication"),
        blank=True,
        help_text=_("Relevant communication from interested parties: opinions, requests, media, citizens' proposals."),
    )
    improvement_notes = models.TextField(
        _("opportunities for improvement"),
        blank=True,
        help_text=_("Other opportunities for continual improvement to consider."),
    )
    # The outputs: conclusions per input section ({section key: text}) and on the system as a whole.
    conclusions = models.JSONField(_("conclusions per section"), default=dict, blank=True)
    suitability = models.TextField(
        _("suitability"),
        blank=True,
        help_text=_("Does the management system still fit the organisation and its context?"),
    )
    adequacy = models.TextField(
        _("adequacy"), blank=True, help_text=_("Is it sufficient: does it cover what it has to, with enough resources?")
    )
    effectiveness = models.TextField(
        _("effectiveness"),
        blank=True,
        help_text=_("Does it achieve its intended outcomes: goals, compliance, improvement?"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        indexes = [models.Index(fields=["organisation", "date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status == Status.APPROVED

    def conclusion(self, key: str) -> str:
        return (self.conclusions or {}).get(key, "")

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The period cannot end before it starts.")
        conclusions = self.conclusions or {}
        if not isinstance(conclusions, dict) or any(
            key not in SECTION_KEYS or not isinstance(text, str) for key, text in conclusions.items()
        ):
            errors["conclusions"] = _("Conclusions can only be given for the input sections of a review.")
        if errors:
            raise ValidationError(errors)


class Decision(models.Model):
    """A decision of the review: a change to the system, resources, an improvement or something else."""

    organisation_lookup = "review__organisation"

    class Kind(models.TextChoices):
        SYSTEM_CHANGE = "system_change", _("Change to the management system")
        RESOURCES = "resources", _("Resources")
        IMPROVEMENT = "improvement", _("Improvement")
        OTHER = "other", _("Other")

    review = models.ForeignKey(
        ManagementReview, verbose_name=_("management review"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.TextField(_("decision"), help_text=_("What was decided, by whom it is to be done and by when."))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["review", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        first_line = self.text.strip().splitlines()[0] if self.text.strip() else ""
        return first_line[:80] + ("…" if len(first_line) > 80 else "")

    def get_absolute_url(self) -> str:
        return f"{self.review.get_absolute_url()}#decision-{self.pk}"
