"""Risk services: assessment from the matrix, the rules on fields and links, the matrix change that
recomputes levels, the status workflow (every allowed and refused transition) and guarded delete."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.actions.models import Action
from hallbar.core.deletion import DeletionRefused
from hallbar.history.models import ChangeRecord
from hallbar.risks import calculations, defaults, queries, services
from hallbar.risks.models import Risk, RiskMatrix
from tests.aspects.factories import AspectFactory
from tests.context.factories import ScanItemFactory
from tests.obligations.factories import ObligationFactory

from .factories import RiskFactory, RiskMatrixFactory, risk_for

Status = Risk.Status


@pytest.fixture(autouse=True)
def _english():
    """Messages are read in English (model messages are lazy: they translate when read)."""
    with translation.override("en"):
        yield


def messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


# Assessment ------------------------------------------------------------------------------------------


def test_create_assesses_with_the_default_matrix(world_a):
    risk = services.create_risk(
        organisation=world_a.organisation,
        title="Torka",
        inherent_likelihood=4,
        inherent_consequence=4,
        residual_likelihood=2,
        residual_consequence=2,
    )
    assert (risk.inherent_score, risk.inherent_level) == (16, "very_high")  # 5 × 5, very high from 16
    assert (risk.residual_score, risk.residual_level) == (4, "low")
    assert risk.status == Status.OPEN and risk.kind == Risk.Kind.RISK


def test_residual_is_optional_but_comes_in_pairs(world_a):
    risk = services.create_risk(
        organisation=world_a.organisation, title="Brand", inherent_likelihood=2, inherent_consequence=5
    )
    assert (risk.residual_score, risk.residual_level) == (None, None)
    with pytest.raises(ValidationError) as error:
        services.update_risk(risk, residual_likelihood=2)
    assert "Give both the residual likelihood and the residual consequence" in messages_of(error.value)


def test_levels_must_lie_on_the_matrix(world_a):
    RiskMatrixFactory(organisation=world_a.organisation, likelihood_levels=3, consequence_levels=4)
    with pytest.raises(ValidationError) as error:
        services.create_risk(
            organisation=world_a.organisation, title="Ras", inherent_likelihood=4, inherent_consequence=4
        )
    assert error.value.message_dict == {
        "inherent_likelihood": ["Choose a level from 1 to 3 (the organisation's matrix)."]
    }
    with pytest.raises(ValidationError) as error:
        services.create_risk(
            organisation=world_a.organisation, title="Ras", inherent_likelihood=0, inherent_consequence=5
        )
    assert set(error.value.message_dict) == {"inherent_likelihood", "inherent_consequence"}
    assert not Risk.objects.exists()


@pytest.mark.parametrize(
    ("kind", "strategy", "fits"),
    [
        ("risk", "avoid", True),
        ("risk", "reduce", True),
        ("risk", "transfer", True),
        ("risk", "accept", True),
        ("risk", "pursue", False),
        ("risk", "enhance", False),
        ("opportunity", "pursue", True),
        ("opportunity", "enhance", True),
        ("opportunity", "accept", True),
        ("opportunity", "avoid", False),
        ("opportunity", "reduce", False),
        ("opportunity", "transfer", False),
    ],
)
def test_strategy_fits_the_kind(kind, strategy, fits, world_a):
    create = lambda: services.create_risk(  # noqa: E731
        organisation=world_a.organisation,
        title="x",
        kind=kind,
        treatment_strategy=strategy,
        inherent_likelihood=3,
        inherent_consequence=3,
    )
    if fits:
        assert create().treatment_strategy == strategy
    else:
        with pytest.raises(ValidationError) as error:
            create()
        assert f"This strategy is not for the kind chosen ({kind})" in error.value.message_dict["treatment_strategy"][0]


def test_unit_and_owner_belong_to_the_organisation(world_a, world_b):
    with pytest.raises(ValidationError) as error:
        services.create_risk(
            organisation=world_a.organisation,
            title="x",
            inherent_likelihood=1,
            inherent_consequence=1,
            responsible_unit=world_b.unit,
            owner=world_b.user(Role.EDITOR),
        )
    assert error.value.message_dict == {
        "responsible_unit": ["The responsible unit must belong to the same organisation."],
        "owner": ["The owner must be a member of the organisation."],
    }
    risk = services.create_risk(
        organisation=world_a.organisation,
        title="x",
        inherent_likelihood=1,
        inherent_consequence=1,
        owner=world_a.user(Role.READER),
    )
    assert risk.owner == world_a.user(Role.READER)


def test_links_belong_to_the_organisation(world_a, world_b):
    own = [ScanItemFactory(organisation=world_a.organisation), ObligationFactory(organisation=world_a.organisation)]
    risk = services.create_risk(
        organisation=world_a.organisation,
        title="x",
        inherent_likelihood=1,
        inherent_consequence=1,
        scan_items=[own[0]],
        obligations=[own[1]],
    )
    assert [list(risk.scan_items.all()), list(risk.obligations.all())] == [[own[0]], [own[1]]]
    foreign = AspectFactory(activity__organisation=world_b.organisation, name="Utsläpp till luft")
    with pytest.raises(ValidationError) as error:
        services.update_risk(risk, aspects=[foreign], obligations=[])
    assert error.value.message_dict == {"aspects": ["These belong to another organisation: “Utsläpp till luft”."]}
    risk.refresh_from_db()
    assert list(risk.obligations.all()) == [own[1]]  # nothing was written
    services.update_risk(risk, obligations=[])
    assert not risk.obligations.exists() and risk.scan_items.exists()  # links left out stay


def test_status_is_not_edited_and_new_risks_are_open(world_a):
    risk = RiskFactory(organisation=world_a.organisation)
    with pytest.raises(ValidationError):
        services.update_risk(risk, status=Status.CLOSED)
    with pytest.raises(ValidationError):
        services.create_risk(
            organisation=world_a.organisation, title="x", inherent_likelihood=1, inherent_consequence=1, status="closed"
        )


def test_changes_are_recorded_in_the_history(world_a):
    risk = RiskFactory(organisation=world_a.organisation, title="Värmebölja")
    services.update_risk(risk, title="Långvarig värmebölja")
    records = ChangeRecord.objects.filter(object_id=str(risk.pk), content_type__model="risk")
    assert [record.action for record in records.order_by("pk")] == ["create", "update"]
    assert records.order_by("pk").last().changes["title"] == ["Värmebölja", "Långvarig värmebölja"]


# The matrix ------------------------------------------------------------------------------------------


def test_default_matrix_is_5_by_5_with_labels_in_the_active_language(world_a):
    matrix = queries.matrix_for(world_a.organisation)
    assert matrix.pk is None and (matrix.likelihood_levels, matrix.consequence_levels) == (5, 5)
    assert matrix.thresholds == (5, 10, 16)
    with translation.override("sv"):
        assert matrix.labels("likelihood")[0] == "Mycket osannolik"
    with translation.override("en"):
        assert matrix.labels("likelihood")[0] == "Rare"
        assert matrix.choices("consequence")[4] == (5, "5 – Severe")
    assert defaults.version() == 1


def test_own_labels_override_the_defaults_level_by_level(world_a):
    matrix = RiskMatrix(organisation=world_a.organisation, likelihood_levels=3, consequence_levels=3)
    matrix.likelihood_labels = ["Sällan", "", "Ofta"]
    services.save_matrix(matrix)
    with translation.override("en"):
        assert matrix.labels("likelihood") == ["Sällan", "Medium", "Ofta"]
        assert matrix.labels("consequence") == ["Minor", "Moderate", "Major"]


def test_saving_the_matrix_recomputes_stored_levels(world_a):
    high = RiskFactory(organisation=world_a.organisation, inherent_likelihood=3, inherent_consequence=4)
    low = RiskFactory(organisation=world_a.organisation, inherent_likelihood=1, inherent_consequence=2)
    assert (high.inherent_score, high.inherent_level) == (12, "high")
    matrix = RiskMatrix(organisation=world_a.organisation, medium_from=2, high_from=6, very_high_from=12)
    assert services.save_matrix(matrix) == 2
    high.refresh_from_db()
    low.refresh_from_db()
    assert (high.inherent_level, low.inherent_level) == ("very_high", "medium")
    assert services.save_matrix(matrix) == 0  # nothing changes the second time


def test_levels_by_cell(world_a):
    risk = RiskFactory(organisation=world_a.organisation, inherent_likelihood=1, inherent_consequence=3)
    matrix = RiskMatrix(
        organisation=world_a.organisation,
        likelihood_levels=3,
        consequence_levels=3,
        band_method=RiskMatrix.BandMethod.CELLS,
        cell_levels=[["low", "medium", "high"], ["medium", "high", "high"], ["high", "very_high", "very_high"]],
    )
    services.save_matrix(matrix)
    risk.refresh_from_db()
    assert (risk.inherent_score, risk.inherent_level) == (3, "high")  # by cell; the thresholds say medium


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"medium_from": 5}, "medium_from", "Give all three thresholds, or none"),
        ({"medium_from": 1, "high_from": 10, "very_high_from": 16}, "medium_from", "Medium must begin at a score"),
        ({"medium_from": 10, "high_from": 8, "very_high_from": 16}, "high_from", "Each threshold must be higher"),
        ({"medium_from": 5, "high_from": 10, "very_high_from": 26}, "very_high_from", "may exceed the highest score"),
        (
            {"likelihood_levels": 3, "consequence_levels": 3, "medium_from": 5, "high_from": 7, "very_high_from": 10},
            "very_high_from",
            "the highest score of the matrix, 9",
        ),
        ({"likelihood_levels": 6}, "likelihood_levels", "6 is not a valid choice"),
        ({"band_method": "cells", "cell_levels": [["low"]]}, "cell_levels", "Choose a level for every cell"),
        ({"likelihood_labels": ["x" * 61]}, "likelihood_labels", "at most 60 characters"),
    ],
)
def test_matrix_is_validated(fields, field, message, world_a):
    matrix = RiskMatrix(organisation=world_a.organisation, **fields)
    with pytest.raises(ValidationError) as error:
        services.save_matrix(matrix)
    assert message in " ".join(error.value.message_dict[field])
    assert not RiskMatrix.objects.exists()


def test_cells_may_not_decrease(world_a):
    matrix = RiskMatrix(
        organisation=world_a.organisation,
        likelihood_levels=3,
        consequence_levels=3,
        band_method=RiskMatrix.BandMethod.CELLS,
        cell_levels=[["low", "high", "medium"], ["medium", "high", "high"], ["high", "very_high", "very_high"]],
    )
    with pytest.raises(ValidationError) as error:
        services.save_matrix(matrix)
    assert "Check likelihood × consequence 1 × 3." in error.value.message_dict["cell_levels"][0]


def test_a_scale_cannot_shrink_below_levels_in_use(world_a):
    RiskFactory(organisation=world_a.organisation, title="Storm", inherent_likelihood=5, inherent_consequence=1)
    matrix = RiskMatrix(organisation=world_a.organisation, likelihood_levels=4)
    with pytest.raises(ValidationError) as error:
        services.save_matrix(matrix)
    assert error.value.message_dict == {
        "likelihood_levels": ["The scale cannot have 4 levels: 1 risk uses a higher level (“Storm”). Change it first."]
    }
    matrix.likelihood_levels, matrix.consequence_levels = 5, 3
    services.save_matrix(matrix)  # the consequence scale may shrink: 1 is in use


def test_switching_back_to_thresholds_forgets_the_cells(world_a):
    matrix = RiskMatrixFactory(organisation=world_a.organisation)
    matrix.band_method = RiskMatrix.BandMethod.CELLS
    matrix.cell_levels = [list(row) for row in calculations.cells_from_thresholds(5, 5, (5, 10, 16))]
    services.save_matrix(matrix)
    matrix.band_method = RiskMatrix.BandMethod.THRESHOLDS
    services.save_matrix(matrix)
    assert RiskMatrix.objects.get().cell_levels == []


# Status workflow -------------------------------------------------------------------------------------


def treated_ready(world, **fields):
    """A risk with a strategy, a residual assessment and one finished action."""
    risk = RiskFactory(
        organisation=world.organisation,
        treatment_strategy=Risk.Strategy.REDUCE,
        residual_likelihood=1,
        residual_consequence=3,
        **fields,
    )
    services.add_action(risk, title="Klart", status=Action.Status.DONE)
    return risk


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.OPEN, Status.TREATED),
        (Status.OPEN, Status.CLOSED),
        (Status.TREATED, Status.OPEN),
        (Status.TREATED, Status.CLOSED),
        (Status.CLOSED, Status.OPEN),
    ],
)
def test_every_allowed_transition(start, target, world_a):
    risk = treated_ready(world_a, status=start)
    assert services.allowed_transitions(risk) == list(services.TRANSITIONS[start])
    services.change_status(risk, target)
    risk.refresh_from_db()
    assert risk.status == target


@pytest.mark.parametrize(
    ("start", "target", "reason"),
    [
        (Status.OPEN, Status.OPEN, "cannot be reopened: it is open"),
        (Status.TREATED, Status.TREATED, "cannot be marked as treated: it is treated"),
        (Status.CLOSED, Status.CLOSED, "cannot be closed: it is closed"),
        (Status.CLOSED, Status.TREATED, "cannot be marked as treated: it is closed"),
    ],
)
def test_transitions_outside_the_workflow_are_refused(start, target, reason, world_a):
    risk = treated_ready(world_a, status=start)
    with pytest.raises(ValidationError) as error:
        services.change_status(risk, target)
    assert reason in messages_of(error.value)
    risk.refresh_from_db()
    assert risk.status == start


def test_treated_needs_strategy_residual_and_an_action(world_a):
    risk = RiskFactory(organisation=world_a.organisation, title="Översvämning")
    with pytest.raises(ValidationError) as error:
        services.change_status(risk, Status.TREATED)
    assert messages_of(error.value) == (
        "“Översvämning” cannot be marked as treated: no treatment strategy is chosen; the residual likelihood "
        "and consequence are not assessed; no action treats it (an action is needed unless the strategy is to "
        "accept)."
    )


def test_an_accepted_risk_is_treated_without_actions(world_a):
    risk = RiskFactory(
        organisation=world_a.organisation,
        treatment_strategy=Risk.Strategy.ACCEPT,
        residual_likelihood=3,
        residual_consequence=3,
    )
    services.change_status(risk, Status.TREATED)
    assert risk.status == Status.TREATED


@pytest.mark.parametrize("target", [Status.TREATED, Status.CLOSED])
def test_open_actions_block_treated_and_closed(target, world_a):
    risk = treated_ready(world_a, title="Skyfall")
    services.add_action(risk, title="Pågår", status=Action.Status.ONGOING)
    services.add_action(risk, title="Försenad", status=Action.Status.DELAYED)
    with pytest.raises(ValidationError) as error:
        services.change_status(risk, target)
    assert "“Skyfall” cannot be" in messages_of(error.value)
    assert messages_of(error.value).endswith(": 2 actions are still open.")
    Action.objects.filter(reason_id=risk.pk).update(status=Action.Status.CANCELLED)
    services.change_status(risk, target)
    assert risk.status == target


def test_unknown_status_is_refused(world_a):
    risk = RiskFactory(organisation=world_a.organisation)
    with pytest.raises(ValidationError):
        services.change_status(risk, "bogus")


# Actions and delete ----------------------------------------------------------------------------------


def test_actions_treat_the_risk_through_the_one_action_model(world_a):
    risk = risk_for(world_a.organisation, world_a.unit)
    action = Action.objects.get()
    assert action.reason == risk and action.organisation == world_a.organisation
    assert [a.pk for a in queries.actions_for(risk, Scope(world_a.user(Role.READER), world_a.organisation))] == [
        action.pk
    ]


def test_delete_is_refused_while_actions_treat_the_risk(world_a):
    risk = risk_for(world_a.organisation, world_a.unit)
    with pytest.raises(DeletionRefused) as refusal:
        services.delete_risk(risk)
    assert refusal.value.message == (
        "Skyfall översvämmar Centrumtunneln cannot be deleted because actions treat it: "
        "1 action: Bygg fördröjningsmagasin. Close it instead, or delete the actions first."
    )
    assert Risk.objects.filter(pk=risk.pk).exists()
    Action.objects.all().delete()
    services.delete_risk(risk)
    assert not Risk.objects.exists()
