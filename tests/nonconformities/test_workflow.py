"""The stage workflow: every allowed and every refused transition, and the timeline it leaves."""

import pytest
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.actions.models import Action
from hallbar.actions.services import update_action
from hallbar.nonconformities import services, workflow
from hallbar.nonconformities.models import Effectiveness, Nonconformity, Stage
from hallbar.nonconformities.workflow import TRANSITIONS, TransitionRefused

from .conftest import corrective_action

DONE, CANCELLED = Action.Status.DONE, Action.Status.CANCELLED


def move(nonconformity, name, user, comment=""):
    return workflow.move(nonconformity, name, user=user, comment=comment)


def refused(nonconformity, name, user, comment="") -> str:
    with translation.override("en"), pytest.raises(TransitionRefused) as error:
        move(nonconformity, name, user, comment)
    return error.value.message


def implemented(item, world):
    """``item`` moved to "implemented" with one done corrective action; returns the editor's action."""
    editor = world.user(Role.EDITOR)
    move(item, "analyse", editor)
    action = corrective_action(item, contact_person=world.user(Role.READER))
    move(item, "plan", editor)
    update_action(action, status=DONE)
    move(item, "implement", editor)
    return action


# Refused because of the stage: every transition from every other stage. -----------------------------


@pytest.mark.parametrize("name", list(TRANSITIONS))
@pytest.mark.parametrize("stage", Stage.values)
def test_a_move_from_another_stage_is_refused(item, world_a, name, stage):
    if TRANSITIONS[name].source == stage:
        return
    Nonconformity.objects.filter(pk=item.pk).update(stage=stage)
    item.refresh_from_db()
    message = refused(item, name, world_a.user(Role.ADMINISTRATOR), comment="Kommentar")
    with translation.override("en"):
        assert message.startswith(f"{TRANSITIONS[name].refused}: it is at the stage “{item.get_stage_display()}”")
    item.refresh_from_db()
    assert item.stage == stage


def test_unknown_move_is_refused(item, world_a):
    assert refused(item, "skip", world_a.user(Role.ADMINISTRATOR)) == "Unknown stage change."


# reported → analysed ----------------------------------------------------------------------------------


def test_analyse_with_correction_and_root_cause(item, world_a):
    editor = world_a.user(Role.EDITOR)
    change = move(item, "analyse", editor, " Klar. ")
    item.refresh_from_db()
    assert item.stage == Stage.ANALYSED
    assert (change.from_stage, change.to_stage, change.changed_by, change.comment) == (
        Stage.REPORTED,
        Stage.ANALYSED,
        editor,
        "Klar.",
    )
    assert [c.to_stage for c in item.stage_changes.all()] == [Stage.REPORTED, Stage.ANALYSED]


def test_analyse_with_no_correction_needed(item, world_a):
    services.update_nonconformity(item, immediate_correction="", no_immediate_correction=True)
    move(item, "analyse", world_a.user(Role.EDITOR))
    assert item.stage == Stage.ANALYSED


def test_analyse_refused_without_correction_or_root_cause(item, world_a):
    services.update_nonconformity(item, immediate_correction="", root_cause="")
    message = refused(item, "analyse", world_a.user(Role.EDITOR))
    assert message == (
        "The nonconformity cannot be marked as analysed: the immediate correction is not described, nor stated "
        "as not needed; the root cause has not been stated."
    )
    assert item.stage_changes.count() == 1


def test_analyse_refused_when_the_five_whys_are_unanswered(item, world_a):
    services.update_nonconformity(item, analysis_method=Nonconformity.AnalysisMethod.FIVE_WHYS)
    assert refused(item, "analyse", world_a.user(Role.EDITOR)).endswith("the five whys have not been answered.")
    services.save_whys(item, ["Ingen rutin."])
    move(item, "analyse", world_a.user(Role.EDITOR))
    assert item.stage == Stage.ANALYSED


# analysed → actions planned ---------------------------------------------------------------------------


def test_plan_refused_without_a_corrective_action(item, world_a):
    editor = world_a.user(Role.EDITOR)
    move(item, "analyse", editor)
    expected = "The actions cannot be marked as planned: it has no corrective action."
    assert refused(item, "plan", editor) == expected
    corrective_action(item, status=CANCELLED)
    assert refused(item, "plan", editor) == expected
    corrective_action(item)
    move(item, "plan", editor)
    assert item.stage == Stage.ACTIONS_PLANNED


# actions planned → implemented ------------------------------------------------------------------------


def test_implement_refused_while_actions_are_open_or_none_done(item, world_a):
    editor = world_a.user(Role.EDITOR)
    move(item, "analyse", editor)
    first = corrective_action(item)
    second = corrective_action(item, title="Skriv rutin")
    move(item, "plan", editor)
    assert refused(item, "implement", editor) == (
        "The nonconformity cannot be marked as implemented: 2 corrective actions are not done."
    )
    update_action(first, status=CANCELLED)
    assert refused(item, "implement", editor).endswith(": 1 corrective action is not done.")
    update_action(second, status=CANCELLED)
    assert refused(item, "implement", editor).endswith(": no corrective action is done.")
    update_action(second, status=DONE)
    move(item, "implement", editor)
    assert item.stage == Stage.IMPLEMENTED


# implemented → verified / back to analysed ------------------------------------------------------------


def test_verify_by_an_independent_coordinator(item, world_a):
    implemented(item, world_a)
    coordinator = world_a.user(Role.COORDINATOR)
    move(item, "verify", coordinator, "Inga nya läckor på tre månader.")
    item.refresh_from_db()
    assert item.stage == Stage.VERIFIED
    assert (item.effectiveness_result, item.effectiveness_verified_by) == (Effectiveness.EFFECTIVE, coordinator)
    assert item.effectiveness_verified_at is not None
    assert item.effectiveness_comment == "Inga nya läckor på tre månader."


def test_verify_refused_for_the_owner_and_the_contact_person(item, world_a):
    action = implemented(item, world_a)
    owner = world_a.user(Role.EDITOR)
    assert refused(item, "verify", owner) == (
        "The effectiveness cannot be verified: the owner of the nonconformity cannot check its effectiveness."
    )
    assert refused(item, "verify", action.contact_person).endswith(
        ": the contact person of a corrective action cannot check its effectiveness."
    )
    assert refused(item, "verify", None).endswith(": the effectiveness must be checked by a named person.")
    item.refresh_from_db()
    assert item.stage == Stage.IMPLEMENTED and item.effectiveness_result == ""


def test_verify_refused_when_an_action_was_reopened(item, world_a):
    action = implemented(item, world_a)
    update_action(action, status=Action.Status.ONGOING)
    assert refused(item, "verify", world_a.user(Role.COORDINATOR)).endswith(": 1 corrective action is not done.")


def test_not_effective_goes_back_to_analysis_and_needs_new_actions(item, world_a):
    old = implemented(item, world_a)
    coordinator, editor = world_a.user(Role.COORDINATOR), world_a.user(Role.EDITOR)
    assert refused(item, "not-effective", coordinator) == (
        "The actions cannot be judged not effective: a comment is required."
    )
    assert refused(item, "not-effective", editor, "Nej").endswith(
        ": the owner of the nonconformity cannot check its effectiveness."
    )
    change = move(item, "not-effective", coordinator, "Läckan kom tillbaka.")
    item.refresh_from_db()
    assert (change.from_stage, change.to_stage) == (Stage.IMPLEMENTED, Stage.ANALYSED)
    assert item.stage == Stage.ANALYSED and item.effectiveness_result == Effectiveness.NOT_EFFECTIVE
    assert item.effectiveness_comment == "Läckan kom tillbaka." and item.new_actions_since is not None
    assert refused(item, "plan", editor) == (
        "The actions cannot be marked as planned: it has no new corrective action since it went back to analysis."
    )
    new = corrective_action(item, title="Byt avskiljare")
    move(item, "plan", editor)
    update_action(old, status=DONE)
    update_action(new, status=CANCELLED)
    assert refused(item, "implement", editor).endswith(": no corrective action is done.")
    update_action(new, status=DONE)
    move(item, "implement", editor)
    move(item, "verify", coordinator)
    assert item.stage == Stage.VERIFIED and item.effectiveness_result == Effectiveness.EFFECTIVE


# verified → closed → reopened --------------------------------------------------------------------------


def test_close_after_verification(item, world_a):
    implemented(item, world_a)
    coordinator = world_a.user(Role.COORDINATOR)
    move(item, "verify", coordinator)
    move(item, "close", coordinator, "Avslutad.")
    item.refresh_from_db()
    assert item.stage == Stage.CLOSED
    assert [(c.from_stage, c.to_stage) for c in item.stage_changes.all()][-1] == (Stage.VERIFIED, Stage.CLOSED)


def test_close_refused_when_the_effectiveness_is_not_verified(item, world_a):
    implemented(item, world_a)
    Nonconformity.objects.filter(pk=item.pk).update(stage=Stage.VERIFIED)
    item.refresh_from_db()
    message = refused(item, "close", world_a.user(Role.COORDINATOR))
    assert message == "The nonconformity cannot be closed: the effectiveness has not been verified."


def test_close_refused_when_an_action_was_reopened(item, world_a):
    action = implemented(item, world_a)
    move(item, "verify", world_a.user(Role.COORDINATOR))
    update_action(action, status=Action.Status.DELAYED)
    message = refused(item, "close", world_a.user(Role.COORDINATOR))
    assert message == "The nonconformity cannot be closed: 1 corrective action is not done."


def test_reopen_needs_a_reason_and_is_recorded(item, world_a):
    implemented(item, world_a)
    coordinator = world_a.user(Role.COORDINATOR)
    move(item, "verify", coordinator)
    move(item, "close", coordinator)
    assert refused(item, "reopen", coordinator, "  ") == "The nonconformity cannot be reopened: a comment is required."
    change = move(item, "reopen", coordinator, "Samma fel igen i mars.")
    item.refresh_from_db()
    assert change.is_reopening and change.comment == "Samma fel igen i mars."
    assert (change.from_stage, change.to_stage, item.stage) == (Stage.CLOSED, Stage.ANALYSED, Stage.ANALYSED)
    assert item.effectiveness_result == "" and item.effectiveness_verified_by is None
    assert item.new_actions_since is not None


# Who may attempt which move ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMINISTRATOR, set(TRANSITIONS)),
        (Role.COORDINATOR, set(TRANSITIONS)),
        (Role.EDITOR, {"analyse", "plan", "implement"}),
        (Role.AUDITOR, set()),
        (Role.READER, set()),
    ],
)
def test_who_may_attempt_which_move(item, world_a, role, allowed):
    from hallbar.accounts.scoping import Scope

    scope = Scope(world_a.user(role), world_a.organisation)
    assert {name for name, t in TRANSITIONS.items() if workflow.may(scope, item, t)} == allowed


def test_an_editor_of_another_unit_may_not_move_it(world_a):
    from hallbar.accounts.scoping import Scope

    from .factories import analysed

    other = analysed(world_a.organisation, responsible_unit=world_a.sibling)
    scope = Scope(world_a.user(Role.EDITOR), world_a.organisation)
    assert not workflow.may(scope, other, TRANSITIONS["analyse"])


def test_progress_marks_done_current_and_upcoming(item, world_a):
    move(item, "analyse", world_a.user(Role.EDITOR))
    states = [(step["stage"], step["state"]) for step in workflow.progress(item)]
    assert states == [
        (Stage.REPORTED, "done"),
        (Stage.ANALYSED, "current"),
        (Stage.ACTIONS_PLANNED, "upcoming"),
        (Stage.IMPLEMENTED, "upcoming"),
        (Stage.VERIFIED, "upcoming"),
        (Stage.CLOSED, "upcoming"),
    ]
