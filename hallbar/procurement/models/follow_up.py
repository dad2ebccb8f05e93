"""Contract follow-up: the plan of checks of a contract's requirements and their recorded outcomes."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .procurement import Procurement
from .reference import Criterion


class ContractCheck(models.Model):
    """One planned check of a requirement (which, how, when) and, once made, its outcome."""

    organisation_lookup = "procurement__organisation"
    unit_lookup = "procurement__responsible_unit"

    class Method(models.TextChoices):
        SELF_DECLARATION = "self_declaration", _("Supplier self-declaration")
        DOCUMENT_CHECK = "document_check", _("Document check")
        ON_SITE_AUDIT = "on_site_audit", _("On-site audit")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not yet checked")
        FULFILLED = "fulfilled", _("Fulfilled")
        DEVIATION = "deviation", _("Deviation")

    procurement = models.ForeignKey(
        Procurement, verbose_name=_("procurement"), on_delete=models.PROTECT, related_name="checks"
    )
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The criterion of the contract that is checked, if it comes from the library."),
    )
    requirement = models.CharField(_("requirement"), max_length=300, help_text=_("What is checked, in a few words."))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    due_date = models.DateField(_("planned date"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("contract check")
        verbose_name_plural = _("contract checks")

    def __str__(self) -> str:
        return self.requirement

    def get_absolute_url(self) -> str:
        return reverse("procurement:detail", args=[self.procurement_id]) + f"#check-{self.pk}"

    def clean(self) -> None:
        if (
            self.criterion_id
            and self.procurement_id
            and not self.procurement.criteria.filter(pk=self.criterion_id).exists()
        ):
            raise ValidationError({"criterion": _("Choose a criterion the procurement uses.")})
