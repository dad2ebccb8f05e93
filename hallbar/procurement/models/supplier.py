"""The suppliers a procurement's contract was awarded to (one or several, e.g. a framework agreement)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.organisations.validators import luhn_ok

from .procurement import Procurement

SEPARATORS = re.compile(r"[ \t\u00a0-]")
SWEDISH = re.compile(r"(?:16|19|20)?([0-9]{10})")


def normalise_supplier_number(value: str) -> str:
    """A supplier's organisation number as the ledger import stores it: spaces and hyphens dropped,
    upper case; a Swedish number (ten digits, or twelve with the prefix 16, 19 or 20) as NNNNNN-NNNN.

    ``hallbar.consumption.ledger`` applies the same rule in SQL (``supplier_number_sql``), so a
    contracted supplier and the ledger's invoice lines meet on the same text.
    """
    compact = SEPARATORS.sub("", value or "").upper()
    match = SWEDISH.fullmatch(compact)
    if match:
        digits = match.group(1)
        return f"{digits[:6]}-{digits[6:]}"
    return compact


class ContractedSupplier(models.Model):
    organisation_lookup = "procurement__organisation"
    unit_lookup = "procurement__responsible_unit"

    procurement = models.ForeignKey(
        Procurement, verbose_name=_("procurement"), on_delete=models.CASCADE, related_name="suppliers"
    )
    org_number = models.CharField(
        _("organisation number"),
        max_length=20,
        help_text=_("As on the invoices, for example 556012-3456. Ledger lines of this number count for the contract."),
    )
    name = models.CharField(_("supplier"), max_length=200)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["procurement", "org_number"], name="procurement_supplier_unique")
        ]
        verbose_name = _("contracted supplier")
        verbose_name_plural = _("contracted suppliers")

    def __str__(self) -> str:
        return f"{self.name} ({self.org_number})"

    def get_absolute_url(self) -> str:
        return reverse("procurement:detail", args=[self.procurement_id]) + "#suppliers"

    def clean(self) -> None:
        self.org_number = normalise_supplier_number(self.org_number)
        self.name = (self.name or "").strip()
        if not self.org_number:
            raise ValidationError({"org_number": _("Enter the supplier's organisation number.")})
        if (
            self.procurement_id
            and ContractedSupplier.objects.filter(procurement_id=self.procurement_id, org_number=self.org_number)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"org_number": _("This supplier is already named for the procurement.")})
        if re.fullmatch(r"\d{6}-\d{4}", self.org_number) and not luhn_ok(self.org_number.replace("-", "")):
            raise ValidationError(
                {
                    "org_number": _(
                        "The organisation number %(value)s has a wrong check digit. Check for typing errors."
                    )
                    % {"value": self.org_number}
                }
            )
