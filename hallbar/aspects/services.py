"""Every write of the aspects register, with its rules.

Views, the API and the daily job call these functions; callers check *who* may write
(``request.scope``: changing activities, aspects and reviews needs ``CHANGE`` on their unit; the
criteria and settings need ``MANAGE_FOLLOW_UP``), these functions check *what* is written.

Rules:

1. Settings and criteria are created from ``data/significance.yaml`` the first time they are needed
   (:func:`ensure_settings`: when an organisation opens its settings or scores an aspect, and for the
   daily job). Loading is idempotent and adds only criteria the organisation has not had.
2. A scoring gives every active criterion a score from 1 to 5 and needs a written rationale; it
   records who scored and when. ``is_significant`` is then computed (:mod:`.calculations`) and stored.
3. ``is_significant`` of every aspect of the organisation is recomputed whenever a criterion is
   added, changed, (de)activated or deleted, and whenever the method or threshold changes.
4. The threshold must lie within what the method can give with the active criteria, and at least
   one criterion stays active.
5. A significant aspect must be handled (:mod:`.rules`): saving one that is not is refused with the
   reason. An aspect that becomes significant by scoring or by changed settings is saved and flagged
   until it is handled.
6. Everything an aspect links to (goals, targets) belongs to its organisation.
7. Deleting is guarded: an activity with aspects, a criterion with scores and an aspect other records
   link to (actions, risks …) are not deleted, and the refusal names what depends on them.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.accounts.scoping import organisation_id_of
from hallbar.actions.services import check_links
from hallbar.core.deletion import guarded_delete
from hallbar.plans.models import Goal, Target

from . import calculations, rules
from .defaults import defaults
from .models import Activity, Aspect, AspectReview, AspectScore, AspectSettings, SignificanceCriterion

# Settings and criteria ---------------------------------------------------------------------------------


@transaction.atomic
def ensure_settings(organisation) -> AspectSettings:
    """The organisation's settings, created with the default criteria from the data file when missing
    (or when the file has a newer version: then only criteria with new keys are added)."""
    data = defaults()
    settings, _created = AspectSettings.objects.get_or_create(
        organisation=organisation,
        defaults={
            "method": data.method,
            "threshold": data.threshold,
            "review_interval_months": data.review_interval_months,
        },
    )
    if settings.criteria_version is None or settings.criteria_version < data.version:
        known = set(
            SignificanceCriterion.objects.filter(organisation=organisation)
            .exclude(key="")
            .values_list("key", flat=True)
        )
        for default in data.criteria:
            if default.key not in known:
                SignificanceCriterion.objects.create(
                    organisation=organisation,
                    key=default.key,
                    order=default.order,
                    name_sv=default.name_sv,
                    name_en=default.name_en,
                    description_sv=default.description_sv,
                    description_en=default.description_en,
                )
        AspectSettings.objects.filter(pk=settings.pk).update(criteria_version=data.version)
        settings.criteria_version = data.version
    return settings


def active_criteria(organisation) -> list[SignificanceCriterion]:
    return list(SignificanceCriterion.objects.filter(organisation=organisation, active=True))


def check_threshold(method: str, threshold: int, active_count: int, *, field: str | None = "threshold") -> None:
    """Rule 4: at least one active criterion, and a threshold the method can reach with them."""
    if active_count < 1:
        raise ValidationError({field or NON_FIELD_ERRORS: [_("At least one significance criterion must be active.")]})
    low, high = calculations.threshold_bounds(method, active_count)
    if not low <= threshold <= high:
        message = _(
            "The threshold %(threshold)d is outside what the method can give with %(count)d active criteria: "
            "from %(low)d to %(high)d."
        ) % {"threshold": threshold, "count": active_count, "low": low, "high": high}
        raise ValidationError({field or NON_FIELD_ERRORS: [message]})


@transaction.atomic
def save_settings(settings: AspectSettings) -> AspectSettings:
    settings.full_clean()
    check_threshold(settings.method, settings.threshold, len(active_criteria(settings.organisation)))
    settings.save()
    recompute_significance(settings.organisation)
    return settings


@transaction.atomic
def save_criterion(criterion: SignificanceCriterion) -> SignificanceCriterion:
    """Save a new or changed criterion and recompute significance (rule 3) within the threshold (rule 4)."""
    criterion.full_clean()
    settings = ensure_settings(criterion.organisation)
    criterion.save()
    _after_criteria_change(settings, field="active")
    return criterion


@transaction.atomic
def delete_criterion(criterion: SignificanceCriterion) -> None:
    """Delete a criterion never used in a scoring (refused, naming the scores, otherwise: deactivate it)."""
    settings = ensure_settings(criterion.organisation)
    guarded_delete(criterion)
    _after_criteria_change(settings, field=None)


def _after_criteria_change(settings: AspectSettings, field: str | None) -> None:
    check_threshold(settings.method, settings.threshold, len(active_criteria(settings.organisation)), field=field)
    recompute_significance(settings.organisation)


def recompute_significance(organisation) -> list[Aspect]:
    """Rule 3: store ``is_significant`` anew for every aspect of the organisation; returns those that
    changed (saved one by one, so the history shows each change)."""
    settings = ensure_settings(organisation)
    active = [criterion.pk for criterion in active_criteria(organisation)]
    changed = []
    aspects = Aspect.objects.filter(activity__organisation=organisation).prefetch_related("scores")
    for aspect in aspects:
        scores = {score.criterion_id: score.score for score in aspect.scores.all()}
        significant = calculations.assess(scores, active, settings.method, settings.threshold).significant
        if aspect.is_significant != significant:
            aspect.is_significant = significant
            aspect.save(update_fields=["is_significant"])
            changed.append(aspect)
    return changed


# Activities ----------------------------------------------------------------------------------------------


def save_activity(activity: Activity) -> Activity:
    activity.full_clean()
    activity.save()
    return activity


def delete_activity(activity: Activity) -> None:
    """Refused, naming them, while the activity has aspects."""
    guarded_delete(activity)


# Aspects -------------------------------------------------------------------------------------------------


@transaction.atomic
def save_aspect(
    aspect: Aspect, *, goals: Iterable[Goal] | None = None, targets: Iterable[Target] | None = None
) -> Aspect:
    """Validate and save a new or changed aspect; links given as ``None`` stay as they are (rules 5, 6)."""
    goals = list(goals) if goals is not None else None
    targets = list(targets) if targets is not None else None
    aspect.full_clean()
    check_links(organisation_id_of(aspect), {"goals": goals, "targets": targets})
    if rules.needs_handling(aspect, goals=goals, targets=targets):
        raise ValidationError({NON_FIELD_ERRORS: [rules.UNHANDLED_MESSAGE]})
    aspect.save()
    if goals is not None:
        aspect.goals.set(goals)
    if targets is not None:
        aspect.targets.set(targets)
    return aspect


def delete_aspect(aspect: Aspect) -> None:
    """Refused, naming them, while actions or other records link to the aspect (its scores go with it)."""
    guarded_delete(aspect)


@transaction.atomic
def score_aspect(
    aspect: Aspect, scores: Mapping[int, int], *, rationale: str, user, on: date | None = None
) -> calculations.Assessment:
    """Rule 2: score every active criterion (``scores``: criterion id → 1–5) with a rationale.

    Scores of inactive criteria are kept. Returns the assessment; ``aspect.is_significant`` is stored.
    """
    organisation = aspect.activity.organisation
    settings = ensure_settings(organisation)
    criteria = active_criteria(organisation)
    errors = {}
    if not (rationale or "").strip():
        errors["rationale"] = _("Write why the aspect got these scores: every scoring needs a rationale.")
    unscored = [str(criterion) for criterion in criteria if criterion.pk not in scores]
    if unscored:
        errors["scores"] = _("Score every active criterion. Missing: %(names)s.") % {"names": ", ".join(unscored)}
    known = {criterion.pk for criterion in criteria}
    if set(scores) - known:
        errors["scores"] = _("Only the organisation's active criteria can be scored.")
    elif any(score not in calculations.SCALE for score in scores.values()):
        errors["scores"] = _("A score is a whole number from %(low)d to %(high)d.") % {
            "low": calculations.SCALE_MIN,
            "high": calculations.SCALE_MAX,
        }
    if errors:
        raise ValidationError(errors)
    stored = {score.criterion_id: score for score in AspectScore.objects.filter(aspect=aspect)}
    for criterion in criteria:
        value, score = scores[criterion.pk], stored.get(criterion.pk)
        if score is None:
            stored[criterion.pk] = AspectScore.objects.create(aspect=aspect, criterion=criterion, score=value)
        elif score.score != value:
            score.score = value
            score.save(update_fields=["score"])
    current = {criterion_id: score.score for criterion_id, score in stored.items()}
    assessment = calculations.assess(current, known, settings.method, settings.threshold)
    aspect.rationale = rationale.strip()
    aspect.scored_on = on or timezone.localdate()
    aspect.scored_by = user
    aspect.is_significant = assessment.significant
    aspect.save(update_fields=["rationale", "scored_on", "scored_by", "is_significant"])
    return assessment


# Reviews -------------------------------------------------------------------------------------------------


def record_review(review: AspectReview) -> AspectReview:
    review.full_clean()
    review.save()
    return review


def mark_review_reminded(organisation, day: date | None = None) -> None:
    """Remember that the coordinators were reminded of an overdue review (not a change: no history)."""
    AspectSettings.objects.filter(organisation=organisation).update(review_reminded_on=day or timezone.localdate())
