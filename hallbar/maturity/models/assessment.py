"""A maturity self-assessment of an organisation, or of one of its units, in a year, and its answers.

The questions come from the maturity library (see :mod:`hallbar.maturity.matrix`): an answer names
the question (a framework item: a dimension of the maturity matrix or a basic condition) and the
stage, 1 to 4, the participants agreed on. Workflow and every write: :mod:`hallbar.maturity.services`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hallbar.frameworks.models import FrameworkItem
from hallbar.organisations.models import Organisation, OrganisationUnit

FIRST_STAGE, LAST_STAGE = 1, 4
FIRST_YEAR, LAST_YEAR = 2000, 2100


class Assessment(models.Model):
    organisation_lookup = "organisation"
    unit_lookup = "unit"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETED = "completed", _("Completed")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="maturity_assessments",
    )
    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="maturity_assessments",
        help_text=_("The unit whose work is assessed; leave empty for the whole organisation."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The person who led the assessment."),
    )
    participants = models.TextField(
        _("participants"), blank=True, help_text=_("Who took part, for example the management team of the unit.")
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("maturity assessment")
        verbose_name_plural = _("maturity assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "unit", "year"],
                condition=models.Q(unit__isnull=False),
                name="maturity_one_assessment_per_unit_and_year",
                violation_error_message=_("This unit already has a maturity assessment for that year."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(unit__isnull=True),
                name="maturity_one_assessment_per_organisation_and_year",
                violation_error_message=_("The whole organisation already has a maturity assessment for that year."),
            ),
        ]

    def __str__(self) -> str:
        return _("Maturity assessment %(year)s, %(assessed)s") % {"year": self.year, "assessed": self.assessed_name}

    def get_absolute_url(self) -> str:
        return reverse("maturity:detail", args=[self.pk])

    @property
    def assessed_name(self) -> str:
        """The unit's name, or the organisation's for an assessment of the whole organisation."""
        return self.unit.name if self.unit_id else self.organisation.name

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def clean(self) -> None:
        from hallbar.accounts.models import Membership

        errors = {}
        if self.unit_id and self.unit.organisation_id != self.organisation_id:
            errors["unit"] = _("The unit must belong to the same organisation.")
        if self.assessed_by_id and self.organisation_id:
            member = Membership.objects.filter(
                user_id=self.assessed_by_id, organisation_id=self.organisation_id, is_active=True
            ).exists()
            if not member:
                errors["assessed_by"] = _("The person who led the assessment must be a member of the organisation.")
        if errors:
            raise ValidationError(errors)


class Answer(models.Model):
    """The stage chosen for one question, with the motivation. A draft may hold a comment without a stage."""

    organisation_lookup = "assessment__organisation"
    unit_lookup = "assessment__unit"

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="answers"
    )
    dimension = models.ForeignKey(
        FrameworkItem, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="maturity_answers"
    )
    stage = models.PositiveSmallIntegerField(
        _("stage"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_STAGE), MaxValueValidator(LAST_STAGE)],
    )
    comment = models.TextField(_("comment"), blank=True, help_text=_("Why this stage: examples and evidence."))

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "dimension"], name="maturity_one_answer_per_dimension"),
            models.CheckConstraint(
                condition=models.Q(stage__isnull=True) | models.Q(stage__gte=FIRST_STAGE, stage__lte=LAST_STAGE),
                name="maturity_answer_stage_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension.name}: {self.stage or '–'}"

    def get_absolute_url(self) -> str:
        return f"{self.assessment.get_absolute_url()}#dimension-{self.dimension_id}"
