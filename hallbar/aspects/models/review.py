"""Periodic reviews of the aspects register, of the whole organisation or of one unit and the units below it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation, OrganisationUnit


class AspectReview(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "unit"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="aspect_reviews"
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aspect_reviews",
        help_text=_("Leave empty when the register of the whole organisation was reviewed."),
    )
    date = models.DateField(_("date of the review"), default=timezone.localdate)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("What was reviewed, what changed, and what is to be done.")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("review of the aspects register")
        verbose_name_plural = _("reviews of the aspects register")

    def __str__(self) -> str:
        where = self.unit.name if self.unit_id else _("the whole organisation")
        return f"{self.date:%Y-%m-%d} ({where})"

    def get_absolute_url(self) -> str:
        return reverse("aspects:review-list") + f"#review-{self.pk}"

    def clean(self) -> None:
        from hallbar.accounts.models import Membership

        errors = {}
        if self.unit_id and self.unit.organisation_id != self.organisation_id:
            errors["unit"] = _("The unit must belong to the same organisation.")
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("The date of a review cannot be in the future.")
        if self.reviewed_by_id and self.organisation_id:
            member = Membership.objects.filter(
                user_id=self.reviewed_by_id, organisation_id=self.organisation_id, is_active=True
            ).exists()
            if not member:
                errors["reviewed_by"] = _("The reviewer must be a member of the organisation.")
        if errors:
            raise ValidationError(errors)
