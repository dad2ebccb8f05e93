"""Every stage change of a nonconformity: the timeline on its page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .nonconformity import Nonconformity, Stage


class StageChange(models.Model):
    """Who moved the nonconformity from which stage to which, when, and why. Written by the workflow
    only; a record, never edited."""

    organisation_lookup = "nonconformity__organisation"
    unit_lookup = "nonconformity__responsible_unit"

    nonconformity = models.ForeignKey(
        Nonconformity, verbose_name=_("nonconformity"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from stage"), max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=16, choices=Stage.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    is_reopening = models.BooleanField(_("reopened"), default=False)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self) -> str:
        return f"{self.nonconformity.reference}: {self.get_from_stage_display()} → {self.get_to_stage_display()}"

    def get_absolute_url(self) -> str:
        return f"{self.nonconformity.get_absolute_url()}#change-{self.pk}"
