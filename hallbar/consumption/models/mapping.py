"""The editable mapping from accounts (or product categories / CPV) to emission factors."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.models import Organisation

from .factors import EmissionFactor, FactorSet


class AccountMapping(models.Model):
    """A prefix of an account or category code; the longest matching prefix wins."""

    organisation_lookup = "organisation"

    class Kind(models.TextChoices):
        ACCOUNT = "account", _("Account")
        CATEGORY = "category", _("Product category or CPV")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="account_mappings"
    )
    kind = models.CharField(_("applies to"), max_length=16, choices=Kind.choices, default=Kind.ACCOUNT)
    prefix = models.CharField(
        _("code or leading digits"), max_length=40, help_text=_("For example 7511 or 75 for the whole group.")
    )
    name = models.CharField(_("name"), max_length=200)
    spend_factor = models.ForeignKey(
        EmissionFactor,
        verbose_name=_("spend factor"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"factor_set__kind": FactorSet.Kind.SPEND},
    )
    activity_factor = models.ForeignKey(
        EmissionFactor,
        verbose_name=_("activity factor"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"factor_set__kind": FactorSet.Kind.ACTIVITY},
        help_text=_("Used instead of the spend factor for lines with a quantity in this factor's unit."),
    )
    is_default = models.BooleanField(_("default"), default=False, editable=False)

    class Meta:
        ordering = ["kind", "prefix"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "prefix"], name="consumption_mapping_unique")
        ]
        verbose_name = _("account mapping")
        verbose_name_plural = _("account mappings")

    def __str__(self) -> str:
        return f"{self.prefix} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("consumption:mapping-edit", args=[self.pk])

    def clean(self) -> None:
        self.prefix = (self.prefix or "").strip()
        if self.kind == self.Kind.ACCOUNT and not self.prefix.isdigit():
            raise ValidationError({"prefix": _("An account prefix consists of digits only.")})
