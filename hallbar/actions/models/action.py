"""Action plans and actions. One action model serves every kind of follow-up: an action belongs to an
action plan or stands alone, and may name a *reason* — any object (a risk, a nonconformity, an audit
finding, a procurement, a climate measure …) through a generic relation — so a responsible person
sees all their work in one list."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.indicators.models import Indicator
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.organisations.validators import responsible_unit_errors
from hallbar.plans.models import Goal, Plan, Target

from ..rules import Status, overdue_q, stale_q

SEK_DIGITS = 14  # up to 999 999 999 999 999 kr: whole kronor


def sek_field(verbose_name, help_text):
    return models.DecimalField(
        verbose_name,
        max_digits=SEK_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=help_text,
    )


class ActionPlan(models.Model):
    """A set of actions adopted together, often implementing a plan (environmental programme, …)."""

    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="action_plans"
    )
    title = models.CharField(_("title"), max_length=300)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("implements plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        help_text=_("The plan whose goals these actions serve, if any."),
    )
    valid_from_year = models.PositiveSmallIntegerField(_("from (year)"))
    valid_to_year = models.PositiveSmallIntegerField(_("to (year)"))
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["-valid_from_year", "title", "pk"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:plan-detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.valid_from_year and self.valid_to_year and self.valid_to_year < self.valid_from_year:
            errors["valid_to_year"] = _("The action plan cannot end before it starts.")
        errors.update(responsible_unit_errors(self))
        if self.plan_id and self.plan.organisation_id != self.organisation_id:
            errors["plan"] = _("The plan must belong to the same organisation.")
        if errors:
            raise ValidationError(errors)


class ActionQuerySet(models.QuerySet):
    def stale(self, stale_after_days: int, now=None):
        return self.filter(stale_q(stale_after_days, now))

    def overdue(self, today):
        return self.filter(overdue_q(today))

    def for_reason(self, obj: models.Model):
        return self.filter(reason_type=ContentType.objects.get_for_model(type(obj)), reason_id=obj.pk)


class Action(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    Status = Status

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="actions"
    )
    action_plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
    )
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_for_actions",
        help_text=_("Reports progress and is reminded when the action has had no update for a long time."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget_sek = sek_field(_("budget (SEK)"), _("Whole kronor."))
    outcome_sek = sek_field(_("outcome (SEK)"), _("What has been spent so far, in whole kronor."))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), null=True, blank=True, editable=False, help_text=_("From the latest progress update.")
    )
    goals = models.ManyToManyField(Goal, verbose_name=_("goals"), blank=True, related_name="actions")
    targets = models.ManyToManyField(Target, verbose_name=_("targets"), blank=True, related_name="actions")
    indicators = models.ManyToManyField(Indicator, verbose_name=_("indicators"), blank=True, related_name="actions")
    # Why the action exists, when it comes from elsewhere: a risk, a nonconformity, an audit finding …
    reason_type = models.ForeignKey(
        ContentType,
        verbose_name=_("reason type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason_id = models.PositiveBigIntegerField(_("reason id"), null=True, blank=True)
    reason = GenericForeignKey("reason_type", "reason_id")
    last_progress_at = models.DateTimeField(_("last progress update"), null=True, blank=True, editable=False)
    stale_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["end_date", "title", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [
            models.Index(fields=["reason_type", "reason_id"]),
            models.Index(fields=["organisation", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason_type__isnull=True, reason_id__isnull=True)
                | models.Q(reason_type__isnull=False, reason_id__isnull=False),
                name="action_reason_complete_or_empty",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", args=[self.pk])

    def clean(self) -> None:
        from hallbar.accounts.models import Membership

        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        errors.update(responsible_unit_errors(self))
        if self.action_plan_id and self.action_plan.organisation_id != self.organisation_id:
            errors["action_plan"] = _("The action plan must belong to the same organisation.")
        if self.contact_person_id and self.organisation_id:
            member = Membership.objects.filter(
                user_id=self.contact_person_id, organisation_id=self.organisation_id, is_active=True
            ).exists()
            if not member:
                errors["contact_person"] = _("The contact person must be a member of the organisation.")
        if errors:
            raise ValidationError(errors)
