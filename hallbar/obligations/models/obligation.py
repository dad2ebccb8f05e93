"""The register of compliance obligations: laws, ordinances, regulations, permits, agreements and
internal requirements that the organisation has to meet, with the organisation's own summary of
what each requires of it. The register refers to the source (reference and link) and never copies
the text of a law."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.aspects.models import Aspect
from hallbar.context.models import InterestedParty
from hallbar.organisations.models import Organisation, OrganisationUnit
from hallbar.organisations.validators import responsible_unit_errors

from .. import rules
from ..rules import Result, Status


class Obligation(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "responsible_unit"

    Status = Status

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        ORDINANCE = "ordinance", _("Ordinance")
        REGULATION = "regulation", _("Regulation")
        PERMIT = "permit", _("Permit or decision")
        AGREEMENT = "agreement", _("Agreement or commitment")
        INTERNAL = "internal", _("Internal requirement")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="obligations"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    reference = models.CharField(
        _("reference"),
        max_length=200,
        help_text=_(
            "Where the requirement comes from, e.g. “SFS 1998:808 Miljöbalken 2 kap.” or a permit’s case number."
        ),
    )
    url = models.URLField(
        _("link to the source"),
        max_length=500,
        blank=True,
        help_text=_("Where the current text is published. Link to it rather than copying the text."),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("what it requires of us"),
        help_text=_("In your own words: what the organisation has to do to comply."),
    )
    applies_to_units = models.ManyToManyField(
        OrganisationUnit,
        verbose_name=_("applies to units"),
        blank=True,
        related_name="obligations",
        help_text=_("Leave empty when it applies to the whole organisation."),
    )
    aspects = models.ManyToManyField(
        Aspect,
        verbose_name=_("sustainability aspects"),
        blank=True,
        related_name="obligations",
        help_text=_("The aspects of activities that the requirement concerns."),
    )
    interested_party = models.ForeignKey(
        InterestedParty,
        verbose_name=_("interested party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="obligations",
        help_text=_("The interested party whose needs or expectations this obligation comes from, if any."),
    )
    responsible_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_for_obligations",
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_for_obligations",
        help_text=_("Evaluates compliance and is reminded when an evaluation is overdue."),
    )
    evaluation_interval_months = models.PositiveSmallIntegerField(
        _("evaluation interval (months)"),
        default=rules.DEFAULT_INTERVAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How often compliance is evaluated. Between 1 and 60 months."),
    )
    next_evaluation_date = models.DateField(
        _("next evaluation"),
        null=True,
        blank=True,
        help_text=_("Set by each evaluation. When empty, one evaluation interval from today."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    # Kept up to date by services.record_evaluation (from the latest evaluation), for filters and overviews.
    last_result = models.CharField(_("last result"), max_length=16, choices=Result.choices, blank=True, editable=False)
    last_evaluated_on = models.DateField(_("last evaluated"), null=True, blank=True, editable=False)
    overdue_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("compliance obligation")
        verbose_name_plural = _("compliance obligations")
        indexes = [
            models.Index(fields=["organisation", "status", "next_evaluation_date"]),
            models.Index(fields=["organisation", "last_result"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("obligations:detail", args=[self.pk])

    def clean(self) -> None:
        from hallbar.accounts.models import Membership

        errors = responsible_unit_errors(self)
        if self.interested_party_id and self.interested_party.organisation_id != self.organisation_id:
            errors["interested_party"] = _("The interested party must belong to the same organisation.")
        if self.responsible_person_id and self.organisation_id:
            member = Membership.objects.filter(
                user_id=self.responsible_person_id, organisation_id=self.organisation_id, is_active=True
            ).exists()
            if not member:
                errors["responsible_person"] = _("The responsible person must be a member of the organisation.")
        if errors:
            raise ValidationError(errors)
