"""Activities, products and services of an organisation and its units: what the aspects belong to."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation, OrganisationUnit


class Activity(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "unit"

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Activity")
        PRODUCT = "product", _("Product")
        SERVICE = "service", _("Service")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="aspect_activities"
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aspect_activities",
        help_text=_("The unit that carries out the activity or provides the product or service."),
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ACTIVITY)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("activity, product or service")
        verbose_name_plural = _("activities, products and services")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("aspects:activity-detail", args=[self.pk])

    def clean(self) -> None:
        if self.unit_id and self.unit.organisation_id != self.organisation_id:
            raise ValidationError({"unit": _("The unit must belong to the same organisation.")})
