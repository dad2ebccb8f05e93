"""Evaluations of compliance: on a date, somebody checked whether the organisation meets an
obligation, with the result, the findings and when to evaluate next. Written through
:func:`hallbar.obligations.services.record_evaluation`; an evaluation is a record and is not edited
or deleted (a later evaluation supersedes it)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..rules import Result
from .obligation import Obligation


class Evaluation(models.Model):
    organisation_lookup = "obligation__organisation"
    unit_lookup = "obligation__responsible_unit"

    Result = Result

    obligation = models.ForeignKey(
        Obligation, verbose_name=_("obligation"), on_delete=models.PROTECT, related_name="evaluations"
    )
    date = models.DateField(_("evaluated on"), default=timezone.localdate)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluated by"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    findings = models.TextField(
        _("findings"),
        blank=True,
        help_text=_("What was checked and what was found. Required when the requirement is not fully met."),
    )
    next_evaluation_date = models.DateField(
        _("next evaluation"),
        help_text=_("When empty: the evaluation date plus the obligation’s evaluation interval."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        verbose_name = _("compliance evaluation")
        verbose_name_plural = _("compliance evaluations")

    def __str__(self) -> str:
        return gettext("Evaluation of %(obligation)s, %(date)s") % {
            "obligation": self.obligation,
            "date": self.date.isoformat() if self.date else "",
        }

    def get_absolute_url(self) -> str:
        return reverse("obligations:evaluation-detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.result and self.result != Result.MET and not self.findings.strip():
            errors["findings"] = _("Describe what is not met.")
        if self.date and self.next_evaluation_date and self.next_evaluation_date <= self.date:
            errors["next_evaluation_date"] = _("The next evaluation must be after this one.")
        if errors:
            raise ValidationError(errors)
