"""Writing reviews: starting with the inputs frozen, the period, refreshing, conclusions, decisions,
actions and deleting — and what is refused once the review is held or approved."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.actions.models import Action
from hallbar.actions.queries import actions_for
from hallbar.history.models import ChangeRecord
from hallbar.reviews import services
from hallbar.reviews.models import Decision, ManagementReview, Status
from tests.context.factories import ScanItemFactory

from .factories import DecisionFactory, ReviewFactory, coordinator_of

TODAY = timezone.localdate()


@pytest.fixture
def user(world_a):
    return coordinator_of(world_a.organisation)


def start(world, user, **fields) -> ManagementReview:
    values = {"title": "Ledningens genomgång 2026", "date": TODAY}
    return services.start_review(organisation=world.organisation, user=user, **{**values, **fields})


def scan_titles(review) -> list[str]:
    return [row["name"] for row in review.inputs["sections"]["context"]["scan_items"]]


def test_starting_assembles_and_freezes_the_inputs(world_a, user):
    ScanItemFactory(organisation=world_a.organisation, title="Elbilar ökar")
    review = start(world_a, user, participants="Kommundirektör")
    review.refresh_from_db()
    assert (review.status, review.created_by, review.participants) == (Status.PREPARATION, user, "Kommundirektör")
    assert review.inputs_assembled_at is not None
    assert scan_titles(review) == ["Elbilar ökar"]
    ScanItemFactory(organisation=world_a.organisation, title="Skyfall")
    review.refresh_from_db()
    assert scan_titles(review) == ["Elbilar ökar"]  # the record does not follow the live data
    assert ChangeRecord.objects.filter(object_id=str(review.pk), content_type__model="managementreview").exists()


def test_the_period_defaults_to_the_time_since_the_previous_review(world_a, user):
    first = start(world_a, user, title="2025", date=TODAY - timedelta(days=200))
    assert (first.period_start, first.period_end) == (
        TODAY - timedelta(days=200) - timedelta(days=364),
        TODAY - timedelta(days=200),
    )
    second = start(world_a, user)
    assert (second.period_start, second.period_end) == (first.period_end + timedelta(days=1), TODAY)


def test_a_chosen_period_is_kept_and_must_not_end_before_it_starts(world_a, user):
    review = start(world_a, user, period_start=TODAY - timedelta(days=30), period_end=TODAY - timedelta(days=1))
    assert review.inputs["period"] == {
        "start": (TODAY - timedelta(days=30)).isoformat(),
        "end": (TODAY - timedelta(days=1)).isoformat(),
    }
    with pytest.raises(ValidationError) as error, translation.override("en"):
        start(world_a, user, period_start=TODAY, period_end=TODAY - timedelta(days=1))
    assert error.value.message_dict == {"period_end": ["The period cannot end before it starts."]}


def test_changing_the_period_in_preparation_assembles_the_inputs_again(world_a, user):
    review = start(world_a, user, period_start=TODAY - timedelta(days=30), period_end=TODAY - timedelta(days=1))
    ScanItemFactory(organisation=world_a.organisation, title="Elbilar ökar")
    services.update_review(review, user=user, title="Ny titel", participants="KD")
    assert scan_titles(review) == []  # details only: the inputs stay
    services.update_review(review, user=user, period_end=TODAY)
    review.refresh_from_db()
    assert scan_titles(review) == ["Elbilar ökar"] and review.title == "Ny titel"


def test_refreshing_reads_the_system_again_only_in_preparation(world_a, user):
    review = start(world_a, user)
    ScanItemFactory(organisation=world_a.organisation, title="Elbilar ökar")
    services.refresh_inputs(review, user=user)
    review.refresh_from_db()
    assert scan_titles(review) == ["Elbilar ökar"]

    ManagementReview.objects.filter(pk=review.pk).update(status=Status.HELD)
    review.refresh_from_db()
    ScanItemFactory(organisation=world_a.organisation, title="Skyfall")
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.refresh_inputs(review, user=user)
    assert error.value.messages == [
        "The inputs cannot be refreshed: the review has been held, so its inputs are kept as they were at the meeting."
    ]
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.update_review(review, user=user, period_start=TODAY - timedelta(days=10))
    assert error.value.message_dict["period_start"][0].startswith("The period cannot be changed: The inputs cannot")
    services.update_review(review, user=user, participants="Kommundirektör, miljöchef")  # the record may
    review.refresh_from_db()
    assert scan_titles(review) == ["Elbilar ökar"] and review.participants == "Kommundirektör, miljöchef"


def test_conclusions_per_section_and_on_the_system(world_a):
    review = ReviewFactory(organisation=world_a.organisation)
    services.save_conclusions(
        review,
        sections={"aspects": "  Energin är fortsatt viktigast. ", "risks": "", "context": "   "},
        suitability="Systemet passar.",
        adequacy="Resurserna räcker inte.",
        effectiveness="Målen nås delvis.",
    )
    review.refresh_from_db()
    assert review.conclusions == {"aspects": "Energin är fortsatt viktigast."}
    assert review.conclusion("aspects") == "Energin är fortsatt viktigast." and review.conclusion("risks") == ""
    assert (review.suitability, review.adequacy) == ("Systemet passar.", "Resurserna räcker inte.")
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.save_conclusions(review, sections={"weather": "Soligt."})
    assert error.value.message_dict == {
        "conclusions": ["Conclusions can only be given for the input sections of a review."]
    }


def test_decisions_are_recorded_changed_and_deleted_until_approval(world_a):
    review = ReviewFactory(organisation=world_a.organisation, status=Status.HELD)
    decision = services.add_decision(review, kind=Decision.Kind.RESOURCES, text="Anställ en miljöstrateg.")
    decision.text = "Anställ en miljöstrateg på heltid."
    services.save_decision(decision)
    assert list(review.decisions.values_list("kind", "text")) == [("resources", "Anställ en miljöstrateg på heltid.")]
    other = DecisionFactory(review=review)
    services.delete_decision(other)
    assert review.decisions.count() == 1
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.add_decision(review, kind="wish", text="")
    assert set(error.value.message_dict) == {"kind", "text"}

    ManagementReview.objects.filter(pk=review.pk).update(status=Status.APPROVED)
    decision.review.refresh_from_db()
    with pytest.raises(ValidationError) as error, translation.override("en"):
        services.save_decision(decision)
    assert error.value.messages == ["The review cannot be changed: it is approved."]
    with pytest.raises(ValidationError):
        services.delete_decision(decision)
    with pytest.raises(ValidationError):
        services.add_decision(decision.review, kind=Decision.Kind.OTHER, text="Något mer.")


def test_actions_are_the_one_action_model_with_the_review_as_reason(world_a):
    review = ReviewFactory(organisation=world_a.organisation)
    action = services.add_action(review, title="Inför resfria möten", responsible_unit=world_a.unit)
    assert (action.reason, action.organisation, action.status) == (review, world_a.organisation, "not_started")
    assert list(actions_for(review)) == [action]
    ManagementReview.objects.filter(pk=review.pk).update(status=Status.APPROVED)
    review.refresh_from_db()
    with pytest.raises(ValidationError):
        services.add_action(review, title="För sent")
    assert Action.objects.count() == 1


def test_a_review_is_not_deleted_with_actions_or_once_approved(world_a):
    review = ReviewFactory(organisation=world_a.organisation)
    DecisionFactory(review=review)
    action = services.add_action(review, title="Inför resfria möten")
    with translation.override("en"):
        assert services.deletion_refusal(review) == "The review cannot be deleted: 1 action was decided at it."
        with pytest.raises(ValidationError):
            services.delete_review(review)
        action.delete()
        assert services.deletion_refusal(review) is None
        approved = ReviewFactory(organisation=world_a.organisation, status=Status.APPROVED)
        assert services.deletion_refusal(approved) == "The review cannot be deleted: it is approved."
    services.delete_review(review)
    assert not ManagementReview.objects.filter(pk=review.pk).exists() and not Decision.objects.exists()
