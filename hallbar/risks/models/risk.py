"""Risks and opportunities: what could happen, why, how likely and how serious, and how it is treated.

Scores and levels are stored (for filtering, sorting and the heat map) and always written by
:mod:`hallbar.risks.services` from the likelihood, the consequence and the organisation's matrix.
Treatment happens through actions (the one action model, with the risk as their *reason*).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.aspects.models import Aspect
from hallbar.context.models import ScanItem
from hallbar.obligations.models import Obligation
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.organisations.validators import responsible_unit_errors

from .matrix import Level


def scale_field(verbose_name, *, null=False, help_text=""):
    return models.PositiveSmallIntegerField(
        verbose_name, null=null, blank=null, validators=[MinValueValidator(1)], help_text=help_text
    )


def level_field(verbose_name, *, null=False):
    return models.CharField(verbose_name, max_length=12, choices=Level.choices, editable=False, null=null, blank=null)


class RiskQuerySet(models.QuerySet):
    def review_overdue(self, today: date):
        return self.filter(Risk.review_overdue_q(today))


class Risk(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    class Kind(models.TextChoices):
        RISK = "risk", _("Risk")
        OPPORTUNITY = "opportunity", _("Opportunity")

    class Category(models.TextChoices):
        ENVIRONMENTAL = "environmental", _("Environmental")
        SOCIAL = "social", _("Social")
        ECONOMIC = "economic", _("Economic")
        LEGAL = "legal", _("Legal")
        OPERATIONAL = "operational", _("Operational")
        REPUTATIONAL = "reputational", _("Reputational")
        OTHER = "other", _("Other")

    class Strategy(models.TextChoices):
        AVOID = "avoid", _("Avoid")
        REDUCE = "reduce", _("Reduce")
        TRANSFER = "transfer", _("Transfer")
        ACCEPT = "accept", _("Accept")
        PURSUE = "pursue", _("Pursue")
        ENHANCE = "enhance", _("Enhance")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        TREATED = "treated", _("Treated")
        CLOSED = "closed", _("Closed")

    STRATEGIES = {
        Kind.RISK: (Strategy.AVOID, Strategy.REDUCE, Strategy.TRANSFER, Strategy.ACCEPT),
        Kind.OPPORTUNITY: (Strategy.PURSUE, Strategy.ENHANCE, Strategy.ACCEPT),
    }

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="risks"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.RISK)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    cause = models.TextField(_("cause"), blank=True, help_text=_("What could make it happen."))
    effect = models.TextField(_("effect"), blank=True, help_text=_("What happens if it does."))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, default=Category.OTHER)
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="risks",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_risks",
        help_text=_("The person who follows the risk and sees that it is treated."),
    )
    inherent_likelihood = scale_field(_("likelihood"), help_text=_("Before treatment."))
    inherent_consequence = scale_field(_("consequence"), help_text=_("Before treatment."))
    inherent_score = models.PositiveSmallIntegerField(_("score"), editable=False)
    inherent_level = level_field(_("level"))
    treatment_strategy = models.CharField(_("treatment strategy"), max_length=12, choices=Strategy.choices, blank=True)
    residual_likelihood = scale_field(_("residual likelihood"), null=True, help_text=_("After treatment."))
    residual_consequence = scale_field(_("residual consequence"), null=True, help_text=_("After treatment."))
    residual_score = models.PositiveSmallIntegerField(_("residual score"), null=True, blank=True, editable=False)
    residual_level = level_field(_("residual level"), null=True)
    review_date = models.DateField(_("next review"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    # Where the risk was seen: the environmental scan, the sustainability aspects, the obligations.
    scan_items = models.ManyToManyField(
        ScanItem, verbose_name=_("environmental scan items"), blank=True, related_name="risks"
    )
    aspects = models.ManyToManyField(Aspect, verbose_name=_("sustainability aspects"), blank=True, related_name="risks")
    obligations = models.ManyToManyField(
        Obligation, verbose_name=_("compliance obligations"), blank=True, related_name="risks"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("risk or opportunity")
        verbose_name_plural = _("risks and opportunities")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("risks:detail", args=[self.pk])

    @staticmethod
    def review_overdue_q(today: date) -> Q:
        """Not closed, and the review date has passed."""
        return Q(review_date__lt=today) & ~Q(status=Risk.Status.CLOSED)

    def is_review_overdue(self, today: date) -> bool:
        return self.status != self.Status.CLOSED and self.review_date is not None and self.review_date < today

    @property
    def has_residual(self) -> bool:
        return self.residual_likelihood is not None and self.residual_consequence is not None

    def strategies(self) -> tuple:
        return self.STRATEGIES[self.kind]

    def clean(self) -> None:
        from hallbar.accounts.models import Membership

        errors = responsible_unit_errors(self)
        if self.owner_id and self.organisation_id:
            member = Membership.objects.filter(
                user_id=self.owner_id, organisation_id=self.organisation_id, is_active=True
            ).exists()
            if not member:
                errors["owner"] = _("The owner must be a member of the organisation.")
        if (
            self.treatment_strategy
            and self.kind in self.STRATEGIES
            and self.treatment_strategy not in self.strategies()
        ):
            allowed = ", ".join(str(self.Strategy(value).label).lower() for value in self.strategies())
            errors["treatment_strategy"] = _(
                "This strategy is not for the kind chosen (%(kind)s). Choose one of: %(allowed)s."
            ) % {
                "kind": str(self.Kind(self.kind).label).lower(),
                "allowed": allowed,
            }
        if (self.residual_likelihood is None) != (self.residual_consequence is None):
            field = "residual_consequence" if self.residual_consequence is None else "residual_likelihood"
            errors[field] = _("Give both the residual likelihood and the residual consequence, or neither.")
        if errors:
            raise ValidationError(errors)
