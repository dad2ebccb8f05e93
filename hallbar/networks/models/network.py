"""Networks of organisations (a county's municipalities, a group of similar municipalities).

A network belongs to the organisation that set it up (its coordinators manage it). Organisations are
invited and become members when they accept; each member decides which of its indicators it shares with
the network. Nothing else of a member is visible to the others: see ``hallbar/networks/queries.py``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.indicators.models import Indicator
from hallbar.organisations.models import Organisation


class Network(models.Model):
    organisation_lookup = "organisation"

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("managed by"),
        on_delete=models.PROTECT,
        related_name="owned_networks",
        help_text=_("The organisation whose coordinators manage the network."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:detail", args=[self.pk])


class NetworkMembership(models.Model):
    """An organisation in a network: invited, then active once it accepts, or left."""

    organisation_lookup = "organisation"

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Member")
        LEFT = "left", _("Left")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="network_memberships"
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="network_member_once"),
        ]

    def __str__(self) -> str:
        return str(_("%(organisation)s in %(network)s") % {"organisation": self.organisation, "network": self.network})

    def get_absolute_url(self) -> str:
        return self.network.get_absolute_url()

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class SharedIndicator(models.Model):
    """One indicator a member shares with a network: its whole-organisation values become visible there."""

    organisation_lookup = "membership__organisation"

    membership = models.ForeignKey(
        NetworkMembership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="shared_indicators"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="network_shares"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shared by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    shared_at = models.DateTimeField(_("shared"), auto_now_add=True)

    class Meta:
        ordering = ["indicator__title", "pk"]
        verbose_name = _("shared indicator")
        verbose_name_plural = _("shared indicators")
        constraints = [
            models.UniqueConstraint(fields=["membership", "indicator"], name="network_indicator_shared_once"),
        ]

    def __str__(self) -> str:
        return str(self.indicator)

    def get_absolute_url(self) -> str:
        return reverse("networks:sharing", args=[self.membership.network_id])

    def clean(self) -> None:
        if (
            self.indicator_id
            and self.membership_id
            and self.indicator.organisation_id != self.membership.organisation_id
        ):
            raise ValidationError({"indicator": _("Only the member's own indicators can be shared.")})
