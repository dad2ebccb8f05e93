"""The rules of the aspects register: default criteria, scoring, recomputation, handling, deletion, reviews."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.actions.services import create_action
from hallbar.aspects import defaults as defaults_module
from hallbar.aspects import queries, services
from hallbar.aspects.defaults import DefaultCriterion, defaults
from hallbar.aspects.models import Aspect, AspectScore, AspectSettings, SignificanceCriterion
from hallbar.core.deletion import DeletionRefused
from hallbar.history.models import ChangeRecord
from tests.plans.factories import GoalFactory

from .factories import ActivityFactory, AspectFactory, AspectReviewFactory, CriterionFactory, score_all


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# Default criteria and settings ------------------------------------------------------------------------


def test_default_criteria_are_loaded_once_in_both_languages(world_a):
    organisation = world_a.organisation
    settings = services.ensure_settings(organisation)
    assert (settings.method, settings.threshold, settings.review_interval_months) == ("sum", 15, 12)
    assert settings.criteria_version == defaults().version
    keys = list(SignificanceCriterion.objects.filter(organisation=organisation).values_list("key", flat=True))
    assert keys == ["severity", "extent", "probability", "legal", "stakeholders"]
    severity = SignificanceCriterion.objects.get(organisation=organisation, key="severity")
    with translation.override("sv"):
        assert severity.name == "Allvarlighetsgrad" and "försumbar" in severity.description
    with translation.override("en"):
        assert severity.name == "Severity" and "negligible" in severity.description

    severity.delete()  # an organisation may remove a default it never used
    services.ensure_settings(organisation)
    assert SignificanceCriterion.objects.filter(organisation=organisation).count() == 4
    assert AspectSettings.objects.filter(organisation=organisation).count() == 1


def test_a_newer_data_file_adds_only_new_criteria(world_a, monkeypatch):
    organisation = world_a.organisation
    services.ensure_settings(organisation)
    SignificanceCriterion.objects.filter(organisation=organisation, key="legal").update(name_sv="Lagkrav (vår text)")
    current = defaults()
    water = DefaultCriterion("water", 6, "Vatten", "Water", "Påverkan på vatten.", "Impact on water.")
    newer = replace(current, version=current.version + 1, criteria=(*current.criteria, water))
    monkeypatch.setattr(services, "defaults", lambda: newer)
    services.ensure_settings(organisation)
    services.ensure_settings(organisation)
    criteria = SignificanceCriterion.objects.filter(organisation=organisation)
    assert criteria.count() == 6 and criteria.get(key="legal").name_sv == "Lagkrav (vår text)"
    assert AspectSettings.objects.get(organisation=organisation).criteria_version == current.version + 1


def test_the_data_file_is_checked():
    data = {"version": 1, "settings": {"method": "median", "threshold": 3, "review_interval_months": 12}}
    with pytest.raises(ValueError, match="unknown method"):
        defaults_module.parse({**data, "criteria": []})


def test_reading_settings_never_writes(world_a):
    settings = queries.aspect_settings(world_a.organisation)
    assert settings.pk is None and settings.threshold == defaults().threshold
    assert not SignificanceCriterion.objects.exists()


# Scoring and significance -----------------------------------------------------------------------------


def test_scoring_stores_scores_rationale_and_significance(world_a):
    aspect = AspectFactory(activity__organisation=world_a.organisation)
    scorer = world_a.user("editor")
    result = score_all(aspect, 3, user=scorer, rationale="Stor energianvändning enligt mätningar.")
    aspect.refresh_from_db()
    assert (result.score, result.significant) == (15, True)
    assert aspect.is_significant and aspect.scored_by == scorer and aspect.scored_on == timezone.localdate()
    assert aspect.scores.count() == 5

    result = score_all(aspect, 2, rationale="Ny mätning visar lägre förbrukning.")
    aspect.refresh_from_db()
    assert (result.score, aspect.is_significant, aspect.scores.count()) == (10, False, 5)
    changes = ChangeRecord.objects.filter(object_id=str(aspect.pk), content_type__model="aspect")
    assert changes.filter(changes__has_key="is_significant").exists()


def test_scoring_needs_a_rationale_and_every_active_criterion(world_a, world_b):
    aspect = AspectFactory(activity__organisation=world_a.organisation)
    services.ensure_settings(world_a.organisation)
    criteria = [c.pk for c in services.active_criteria(world_a.organisation)]
    user = world_a.user("editor")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.score_aspect(aspect, dict.fromkeys(criteria, 3), rationale="  ", user=user)
    assert "every scoring needs a rationale" in messages_of(error.value)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.score_aspect(aspect, dict.fromkeys(criteria[:4], 3), rationale="Ok", user=user)
    assert "Score every active criterion. Missing: Stakeholder concern." in messages_of(error.value)
    foreign = CriterionFactory(organisation=world_b.organisation)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.score_aspect(aspect, {**dict.fromkeys(criteria, 3), foreign.pk: 3}, rationale="Ok", user=user)
    assert "Only the organisation's active criteria" in messages_of(error.value)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.score_aspect(aspect, {**dict.fromkeys(criteria, 3), criteria[0]: 6}, rationale="Ok", user=user)
    assert "whole number from 1 to 5" in messages_of(error.value)
    assert not AspectScore.objects.exists()


def test_changed_threshold_and_method_recompute_every_aspect(world_a):
    high = AspectFactory(activity__organisation=world_a.organisation)
    legal = AspectFactory(activity__organisation=world_a.organisation)
    score_all(high, 3)  # sum 15
    criteria = services.active_criteria(world_a.organisation)
    scores = {c.pk: (5 if c.key == "legal" else 1) for c in criteria}  # sum 9, highest 5
    services.score_aspect(legal, scores, rationale="Tillståndspliktigt.", user=world_a.user("editor"))
    settings = services.ensure_settings(world_a.organisation)

    settings.threshold = 16
    services.save_settings(settings)
    assert not Aspect.objects.filter(is_significant=True).exists()

    settings.method, settings.threshold = "highest", 4
    changed = services.save_settings(settings)
    assert changed == settings
    assert set(Aspect.objects.filter(is_significant=True)) == {legal}


def test_the_threshold_must_be_reachable(world_a):
    settings = services.ensure_settings(world_a.organisation)
    settings.threshold = 26
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_settings(settings)
    assert error.value.message_dict["threshold"] == [
        "The threshold 26 is outside what the method can give with 5 active criteria: from 5 to 25."
    ]
    settings.method, settings.threshold = "highest", 6
    with pytest.raises(ValidationError):
        services.save_settings(settings)


def test_criteria_changes_recompute_and_keep_the_threshold_reachable(world_a):
    aspect = AspectFactory(activity__organisation=world_a.organisation)
    score_all(aspect, 3)  # 5 × 3 = 15: significant
    criteria = services.active_criteria(world_a.organisation)

    criteria[0].active = False  # 4 × 3 = 12
    services.save_criterion(criteria[0])
    aspect.refresh_from_db()
    assert not aspect.is_significant

    criteria[1].active = False  # 3 active: the sum reaches at most 15, just enough
    services.save_criterion(criteria[1])
    criteria[2].active = False  # 2 active: at most 10 < 15
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_criterion(criteria[2])
    assert "outside what the method can give with 2 active criteria: from 2 to 10" in messages_of(error.value)
    assert SignificanceCriterion.objects.get(pk=criteria[2].pk).active

    settings = services.ensure_settings(world_a.organisation)
    settings.method, settings.threshold = "highest", 3
    services.save_settings(settings)
    for criterion in criteria[2:4]:
        criterion.active = False
        services.save_criterion(criterion)
    criteria[4].active = False
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_criterion(criteria[4])
    assert error.value.message_dict["active"] == ["At least one significance criterion must be active."]


def test_a_new_criterion_leaves_scored_aspects_incomplete(world_a):
    aspect = AspectFactory(activity__organisation=world_a.organisation)
    score_all(aspect, 3)
    services.save_criterion(CriterionFactory.build(organisation=world_a.organisation, name_sv="Vatten"))
    aspect.refresh_from_db()
    [assessed] = queries.assess(queries.listed(Aspect.objects.filter(pk=aspect.pk)))
    assert aspect.is_significant and assessed.assessment.missing == 1  # 15 already reaches the threshold
    assert queries.overview(_scope(world_a))["counts"]["to_rescore"] == 1


def test_a_criterion_used_in_scorings_is_not_deleted(world_a):
    aspect = AspectFactory(activity__organisation=world_a.organisation)
    score_all(aspect, 2)
    used = services.active_criteria(world_a.organisation)[0]
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete_criterion(used)
    assert "1 significance score:" in refusal.value.message
    unused = CriterionFactory(organisation=world_a.organisation)
    services.delete_criterion(unused)
    assert not SignificanceCriterion.objects.filter(pk=unused.pk).exists()


# Handling ----------------------------------------------------------------------------------------------


def _significant(world, **fields):
    aspect = AspectFactory(activity__organisation=world.organisation, **fields)
    score_all(aspect, 5)
    aspect.refresh_from_db()
    assert aspect.is_significant
    return aspect


def test_a_significant_aspect_must_be_handled(world_a):
    aspect = _significant(world_a)
    aspect.impact = "Utsläpp av växthusgaser"
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_aspect(aspect)
    assert error.value.messages == [
        "This aspect is significant and must be handled: link it to a goal or a target, describe its "
        "operational control, or record a decision."
    ]
    goal = GoalFactory(plan__organisation=world_a.organisation)
    services.save_aspect(aspect, goals=[goal])
    with pytest.raises(ValidationError):
        services.save_aspect(aspect, goals=[])  # the only handling cannot be removed
    aspect.operational_control = "Energiuppföljning varje månad av driftteknikerna."
    services.save_aspect(aspect, goals=[])
    assert list(aspect.goals.all()) == []


def test_a_decision_needs_its_date_and_who_decided(world_a):
    aspect = _significant(world_a)
    aspect.decision = "Aspekten accepteras tills vidare; ny bedömning 2027."
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_aspect(aspect)
    assert error.value.message_dict["decision"] == ["A decision needs its text, its date and who decided."]
    aspect.decision_date, aspect.decided_by = timezone.localdate() + timedelta(days=1), "Miljönämnden"
    with pytest.raises(ValidationError) as error:
        services.save_aspect(aspect)
    assert "decision_date" in error.value.message_dict
    aspect.decision_date = date(2025, 3, 1)
    services.save_aspect(aspect)


def test_indirect_aspects_name_their_channel(world_a):
    activity = ActivityFactory(organisation=world_a.organisation)
    aspect = Aspect(activity=activity, name="Inköp av livsmedel", impact="Förlust av biologisk mångfald")
    aspect.influence = Aspect.Influence.INDIRECT
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_aspect(aspect)
    assert error.value.message_dict["channel"] == ["Choose how the organisation influences this indirect aspect."]
    aspect.channel = Aspect.Channel.PROCUREMENT
    services.save_aspect(aspect)
    assert aspect.abroad_hint  # procurement, not yet marked as occurring abroad
    aspect.occurs_abroad = True
    assert not aspect.abroad_hint
    aspect.influence = Aspect.Influence.DIRECT
    with pytest.raises(ValidationError) as error:
        services.save_aspect(aspect)
    assert "channel" in error.value.message_dict


def test_goals_and_targets_of_another_organisation_are_refused(world_a, world_b):
    aspect = AspectFactory(activity__organisation=world_a.organisation)
    with pytest.raises(ValidationError) as error:
        services.save_aspect(aspect, goals=[GoalFactory(plan__organisation=world_b.organisation)])
    assert "goals" in error.value.message_dict


# Deleting ----------------------------------------------------------------------------------------------


def test_an_activity_with_aspects_is_not_deleted(world_a):
    aspect = AspectFactory(activity__organisation=world_a.organisation, name="Buller")
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete_activity(aspect.activity)
    assert "1 sustainability aspect: Buller" in refusal.value.message
    services.delete_aspect(aspect)
    services.delete_activity(aspect.activity)


def test_an_aspect_that_actions_refer_to_is_not_deleted(world_a):
    aspect = AspectFactory(activity__organisation=world_a.organisation)
    score_all(aspect, 1)
    action = create_action(organisation=world_a.organisation, title="Byt till LED", reason=aspect)
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete_aspect(aspect)
    assert "1 action: Byt till LED" in refusal.value.message
    action.delete()
    services.delete_aspect(aspect)
    assert not AspectScore.objects.exists()  # the scores go with the aspect


def test_an_aspect_linked_from_another_register_is_not_deleted(world_a):
    """Many-to-many links from the apps built on the aspects (obligations, risks) are named too."""
    from tests.obligations.factories import obligation_for

    aspect = AspectFactory(activity__organisation=world_a.organisation)
    obligation = obligation_for(world_a.organisation, world_a.unit)
    obligation.aspects.add(aspect)
    with translation.override("en"), pytest.raises(DeletionRefused) as refusal:
        services.delete_aspect(aspect)
    assert f": {obligation}" in refusal.value.message
    assert Aspect.objects.filter(pk=aspect.pk).exists()


# Reviews -----------------------------------------------------------------------------------------------


def test_a_review_is_checked(world_a, world_b):
    review = AspectReviewFactory.build(organisation=world_a.organisation, reviewed_by=world_b.user("coordinator"))
    review.unit = world_b.unit
    review.date = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.record_review(review)
    assert set(error.value.message_dict) == {"unit", "date", "reviewed_by"}
    review.unit, review.date, review.reviewed_by = world_a.unit, timezone.localdate(), world_a.user("editor")
    services.record_review(review)


def _started(activity, day: date):
    type(activity).objects.filter(pk=activity.pk).update(
        created_at=timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 12))
    )


def test_review_status_by_part_of_the_register(world_a):
    organisation = world_a.organisation
    _started(ActivityFactory(organisation=organisation, unit=world_a.unit), date(2024, 1, 10))
    _started(ActivityFactory(organisation=organisation, unit=world_a.sibling), date(2025, 6, 1))
    _started(ActivityFactory(organisation=organisation), date(2024, 9, 1))
    today = date(2025, 6, 15)

    status = queries.review_status(organisation, today)
    by_unit = {subject.unit: subject for subject in status.subjects}
    assert by_unit[world_a.unit].next_review == date(2025, 1, 10) and by_unit[world_a.unit].overdue
    assert by_unit[None].next_review == date(2025, 9, 1) and not by_unit[None].overdue
    assert by_unit[world_a.sibling].next_review == date(2026, 6, 1)
    assert status.next_review == date(2025, 1, 10)

    # A review of the administration covers the unit below it, not the sibling or the organisation.
    AspectReviewFactory(organisation=organisation, unit=world_a.administration, date=date(2025, 3, 1))
    by_unit = {subject.unit: subject for subject in queries.review_status(organisation, today).subjects}
    assert by_unit[world_a.unit].last_review == date(2025, 3, 1) and not by_unit[world_a.unit].overdue
    assert by_unit[None].last_review is None

    # A review of the whole organisation covers every part.
    AspectReviewFactory(organisation=organisation, unit=None, date=date(2025, 5, 1))
    status = queries.review_status(organisation, today)
    assert {subject.last_review for subject in status.subjects} == {date(2025, 5, 1)}
    assert not status.overdue


def _scope(world):
    from hallbar.accounts.scoping import Scope

    return Scope(world.user("reader"), world.organisation)
