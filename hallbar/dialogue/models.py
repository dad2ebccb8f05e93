"""Citizen dialogue on published goals: proposals and comments left on the public portal without an
account. Nothing appears publicly before a coordinator approved it; see ``services.py`` for the
workflow and ``spam.py`` for what keeps automated posting out."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation
from hallbar.plans.models import Goal

NAME_MAX = 100
TEXT_MIN = 10
TEXT_MAX = 2000
ANSWER_MAX = 4000
REASON_MAX = 500


class Contribution(models.Model):
    """A citizen's proposal or comment on a published goal; waits for moderation."""

    organisation_lookup = "organisation"
    unit_lookup = "goal__responsible_unit"

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("Proposal")
        COMMENT = "comment", _("Comment")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="contributions"
    )
    goal = models.ForeignKey(Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROPOSAL)
    name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Never shown publicly."))
    text = models.TextField(_("text"), max_length=TEXT_MAX, validators=[MinLengthValidator(TEXT_MIN)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=REASON_MAX, blank=True)
    answer = models.TextField(_("public answer"), max_length=ANSWER_MAX, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("dialogue contribution")
        verbose_name_plural = _("dialogue contributions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "status"]), models.Index(fields=["goal", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("dialogue:entry", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.goal_id and self.organisation_id and self.goal.plan.organisation_id != self.organisation_id:
            errors["goal"] = _("The goal belongs to another organisation.")
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            errors["rejection_reason"] = _("Give a reason for the rejection.")
        if self.answer.strip() and self.status != self.Status.APPROVED:
            errors["answer"] = _("Only approved contributions can be answered publicly.")
        if errors:
            raise ValidationError(errors)
