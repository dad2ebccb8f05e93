"""The status workflow of a review: every allowed and every refused transition, who may make them,
and what may change in each status."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.reviews import workflow
from hallbar.reviews.models import Status
from tests.factories import MembershipFactory, UserFactory

from .factories import ReviewFactory

TODAY = timezone.localdate()
CONCLUDED = {"suitability": "Passar.", "adequacy": "Räcker.", "effectiveness": "Når målen."}


def held(world, **fields):
    return ReviewFactory(organisation=world.organisation, status=Status.HELD, participants="KD", **fields)


def refusal(review, name) -> list[str]:
    with translation.override("en"):
        return workflow.problems(review, name)


def test_a_review_in_preparation_is_held(world_a):
    review = ReviewFactory(organisation=world_a.organisation, participants="Kommundirektör, förvaltningschefer")
    workflow.transition(review, "hold", user=world_a.user(Role.COORDINATOR))
    review.refresh_from_db()
    assert review.status == Status.HELD and review.approved_by is None


def test_holding_is_refused_before_the_day_and_without_participants(world_a):
    tomorrow = TODAY + timedelta(days=1)
    review = ReviewFactory(organisation=world_a.organisation, date=tomorrow, period_end=tomorrow)
    assert refusal(review, "hold") == [
        f"The review cannot be marked as held: the day of the review ({tomorrow.isoformat()}) has not come yet.",
        "The review cannot be marked as held: the participants are not recorded.",
    ]
    with pytest.raises(ValidationError), translation.override("en"):
        workflow.transition(review, "hold", user=world_a.user(Role.COORDINATOR))
    review.refresh_from_db()
    assert review.status == Status.PREPARATION


def test_a_held_review_is_approved_by_a_coordinator_with_the_time(world_a):
    review = held(world_a, **CONCLUDED)
    coordinator = world_a.user(Role.COORDINATOR)
    workflow.transition(review, "approve", user=coordinator)
    review.refresh_from_db()
    assert (review.status, review.approved_by) == (Status.APPROVED, coordinator)
    assert review.approved_at is not None and review.is_locked


@pytest.mark.parametrize(
    ("missing", "reason"),
    [
        ("suitability", "the conclusion on the suitability of the management system is not written."),
        ("adequacy", "the conclusion on the adequacy of the management system is not written."),
        ("effectiveness", "the conclusion on the effectiveness of the management system is not written."),
    ],
)
def test_approving_needs_the_three_overall_conclusions(world_a, missing, reason):
    review = held(world_a, **{**CONCLUDED, missing: "  "})
    assert refusal(review, "approve") == [f"The review cannot be approved: {reason}"]


def test_moves_from_the_wrong_status_are_refused(world_a):
    preparing = ReviewFactory(organisation=world_a.organisation, participants="KD", **CONCLUDED)
    assert refusal(preparing, "approve") == ["The review cannot be approved: its status is “In preparation”."]
    assert refusal(held(world_a), "hold") == ["The review cannot be marked as held: its status is “Held”."]
    approved = ReviewFactory(organisation=world_a.organisation, status=Status.APPROVED, **CONCLUDED)
    assert refusal(approved, "approve") == ["The review cannot be approved: its status is “Approved”."]
    assert refusal(approved, "hold") == ["The review cannot be marked as held: its status is “Approved”."]
    assert refusal(approved, "reopen") == ["There is no such step for a management review."]
    assert workflow.available(approved) == []
    with pytest.raises(ValidationError):
        workflow.transition(approved, "hold", user=world_a.user(Role.ADMINISTRATOR))


def test_who_may_make_which_transition(world_a):
    review = ReviewFactory(organisation=world_a.organisation)
    hold, approve = workflow.TRANSITIONS["hold"], workflow.TRANSITIONS["approve"]
    organisation_editor = UserFactory()
    MembershipFactory(user=organisation_editor, organisation=world_a.organisation, role=Role.EDITOR)

    def may(user, transition) -> bool:
        return workflow.may(Scope(user, world_a.organisation), review, transition)

    for role in (Role.COORDINATOR, Role.ADMINISTRATOR):
        assert may(world_a.user(role), hold) and may(world_a.user(role), approve)
    assert may(organisation_editor, hold) and not may(organisation_editor, approve)
    for role in (Role.EDITOR, Role.READER, Role.AUDITOR):  # the editor works in one administration only
        assert not may(world_a.user(role), hold) and not may(world_a.user(role), approve)


def test_what_may_change_in_each_status(world_a):
    preparing = ReviewFactory(organisation=world_a.organisation)
    assert all(workflow.editable(preparing, part) for part in ("inputs", "record", "delete"))
    review = held(world_a)
    assert workflow.editable(review, "record") and workflow.editable(review, "delete")
    with translation.override("en"):
        assert workflow.refusal(review, "inputs") == (
            "The inputs cannot be refreshed: the review has been held, so its inputs are kept as they were at the "
            "meeting."
        )
        approved = ReviewFactory(organisation=world_a.organisation, status=Status.APPROVED)
        assert workflow.refusal(approved, "record") == "The review cannot be changed: it is approved."
        assert workflow.refusal(approved, "delete") == "The review cannot be deleted: it is approved."
        with pytest.raises(ValidationError) as error:
            workflow.require_editable(approved, "inputs")
    assert error.value.messages == ["The inputs cannot be refreshed: it is approved."]
