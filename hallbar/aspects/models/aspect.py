"""Sustainability aspects of an activity, with their impacts, significance and how they are handled.

``is_significant`` is stored and written only by :mod:`hallbar.aspects.services` (from the scores,
the organisation's active criteria, method and threshold; see :mod:`hallbar.aspects.calculations`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hallbar.core.deletion import DeletionRefused, describe_dependents
from hallbar.documents.models import ControlledDocument
from hallbar.plans.models import Goal, Target

from ..calculations import SCALE_MAX, SCALE_MIN
from .activity import Activity
from .significance import SignificanceCriterion


class Aspect(models.Model):
    organisation_lookup = "activity__organisation"
    unit_lookup = "activity__unit"

    class Dimension(models.TextChoices):
        ENVIRONMENTAL = "environmental", _("Environmental")
        SOCIAL = "social", _("Social")
        ECONOMIC = "economic", _("Economic")

    class Effect(models.TextChoices):
        NEGATIVE = "negative", _("Negative")
        POSITIVE = "positive", _("Positive")

    class Influence(models.TextChoices):
        DIRECT = "direct", _("Direct")
        INDIRECT = "indirect", _("Indirect")

    class Channel(models.TextChoices):
        PROCUREMENT = "procurement", _("Procurement")
        CONSUMPTION = "consumption", _("Consumption")
        LAND_USE_PLANNING = "land_use_planning", _("Land-use planning")
        SUPERVISION = "supervision", _("Supervision and permits")
        RESIDENT_SERVICES = "resident_services", _("Services to residents")
        INVESTMENTS = "investments", _("Investments")
        OTHER = "other", _("Other")

    class LifeCycleStage(models.TextChoices):
        RAW_MATERIALS = "raw_materials", _("Raw materials")
        PRODUCTION = "production", _("Production")
        TRANSPORT = "transport", _("Transport")
        USE = "use", _("Use")
        END_OF_LIFE = "end_of_life", _("End of life")
        WHOLE = "whole", _("The whole life cycle")

    class Condition(models.TextChoices):
        NORMAL = "normal", _("Normal")
        ABNORMAL = "abnormal", _("Abnormal")
        EMERGENCY = "emergency", _("Emergency")

    # Channels whose impacts often arise abroad: the pages point this out when "abroad" is not ticked.
    OFTEN_ABROAD = (Channel.PROCUREMENT, Channel.CONSUMPTION)

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity, product or service"), on_delete=models.PROTECT, related_name="aspects"
    )
    name = models.CharField(
        _("aspect"),
        max_length=300,
        help_text=_("What in the activity affects its surroundings, e.g. energy use in buildings."),
    )
    impact = models.CharField(_("impact"), max_length=300, help_text=_("The change it causes, e.g. climate change."))
    dimension = models.CharField(
        _("dimension"), max_length=16, choices=Dimension.choices, default=Dimension.ENVIRONMENTAL
    )
    effect = models.CharField(_("positive or negative"), max_length=8, choices=Effect.choices, default=Effect.NEGATIVE)
    influence = models.CharField(
        _("direct or indirect"),
        max_length=8,
        choices=Influence.choices,
        default=Influence.DIRECT,
        help_text=_(
            "Direct: the organisation controls it in its own operations. Indirect: it influences what others "
            "do, through procurement, planning, permits, services and the like."
        ),
    )
    channel = models.CharField(
        _("channel of influence"),
        max_length=24,
        choices=Channel.choices,
        blank=True,
        help_text=_("Only for indirect aspects: how the organisation influences the impact."),
    )
    occurs_abroad = models.BooleanField(
        _("the impact also occurs abroad"),
        default=False,
        help_text=_("Impacts of consumption and procurement often arise where goods are produced, outside Sweden."),
    )
    life_cycle_stage = models.CharField(
        _("life-cycle stage"), max_length=16, choices=LifeCycleStage.choices, default=LifeCycleStage.USE
    )
    condition = models.CharField(
        _("operating condition"),
        max_length=12,
        choices=Condition.choices,
        default=Condition.NORMAL,
        help_text=_("Normal operation, abnormal operation (start-up, maintenance, disturbances) or emergency."),
    )
    is_significant = models.BooleanField(_("significant"), default=False)
    rationale = models.TextField(_("rationale for the scoring"), blank=True)
    scored_on = models.DateField(_("scored on"), null=True, blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scored by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # How a significant aspect is handled: at least one of goals/targets, an operational control or a decision.
    goals = models.ManyToManyField(Goal, verbose_name=_("goals"), blank=True, related_name="aspects")
    targets = models.ManyToManyField(Target, verbose_name=_("targets"), blank=True, related_name="aspects")
    operational_control = models.TextField(
        _("operational control"),
        blank=True,
        help_text=_("The routine that keeps the aspect under control: what is done, by whom and how often."),
    )
    controlled_document = models.ForeignKey(
        ControlledDocument,
        verbose_name=_("controlled document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aspects",
        help_text=_("Optionally, the controlled document (procedure, instruction …) that describes the routine."),
    )
    decision = models.TextField(
        _("decision"),
        blank=True,
        help_text=_("An explicit decision on how the aspect is handled, for example to accept it for now and why."),
    )
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    decided_by = models.CharField(
        _("decided by"), max_length=200, blank=True, help_text=_("A person or a body, e.g. the environment committee.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["activity__name", "name", "pk"]
        verbose_name = _("sustainability aspect")
        verbose_name_plural = _("sustainability aspects")
        indexes = [models.Index(fields=["activity", "is_significant"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("aspects:detail", args=[self.pk])

    @property
    def has_decision(self) -> bool:
        return bool(self.decision.strip())

    @property
    def abroad_hint(self) -> bool:
        """Whether to suggest checking for impacts abroad (a procurement or consumption channel, not ticked)."""
        return self.channel in self.OFTEN_ABROAD and not self.occurs_abroad

    def clean(self) -> None:
        errors = {}
        if self.influence == self.Influence.INDIRECT and not self.channel:
            errors["channel"] = _("Choose how the organisation influences this indirect aspect.")
        if self.influence == self.Influence.DIRECT and self.channel:
            errors["channel"] = _("Only indirect aspects have a channel of influence. Leave it empty for a direct one.")
        if self.controlled_document_id:
            if self.controlled_document.organisation_id != self.activity.organisation_id:
                errors["controlled_document"] = _("The document must belong to the same organisation.")
            elif not self.operational_control.strip():
                errors["operational_control"] = _(
                    "Describe the routine in a sentence or two as well; the document adds the details."
                )
        given = [bool(self.decision.strip()), self.decision_date is not None, bool(self.decided_by.strip())]
        if any(given) and not all(given):
            errors["decision"] = _("A decision needs its text, its date and who decided.")
        if self.decision_date and self.decision_date > timezone.localdate():
            errors["decision_date"] = _("The date of the decision cannot be in the future.")
        if errors:
            raise ValidationError(errors)

    def linked_records(self) -> list[str]:
        """What refers to the aspect without a foreign key it could protect: actions (generic reason)
        and many-to-many links from other apps (risks …). Grouped by kind, as the deletion guard does."""
        from hallbar.actions.models import Action

        linked = list(Action.objects.for_reason(self))
        for relation in self._meta.related_objects:
            if relation.many_to_many:
                linked += list(getattr(self, relation.get_accessor_name()).all())
        return describe_dependents(linked)

    def delete(self, *args, **kwargs):
        """Refuse, naming them, while other records link to the aspect (its scores go with it)."""
        linked = self.linked_records()
        if linked:
            message = gettext("%(object)s cannot be deleted because other records depend on it: %(list)s.") % {
                "object": capfirst(str(self)),
                "list": "; ".join(linked),
            }
            raise DeletionRefused(message, linked)
        return super().delete(*args, **kwargs)


class AspectScore(models.Model):
    """One criterion's score of one aspect, from 1 to 5; written by ``services.score_aspect``."""

    organisation_lookup = "aspect__activity__organisation"
    unit_lookup = "aspect__activity__unit"

    aspect = models.ForeignKey(Aspect, verbose_name=_("aspect"), on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        SignificanceCriterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )

    class Meta:
        ordering = ["criterion__order", "criterion__pk"]
        verbose_name = _("significance score")
        verbose_name_plural = _("significance scores")
        constraints = [
            models.UniqueConstraint(fields=["aspect", "criterion"], name="aspect_score_once_per_criterion"),
            models.CheckConstraint(
                condition=models.Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX), name="aspect_score_on_the_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aspect} – {self.criterion}: {self.score}"

    def get_absolute_url(self) -> str:
        return self.aspect.get_absolute_url()
