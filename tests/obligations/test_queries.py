"""The overdue rule (Python flag and database filter agree), the register's filters and the overview."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.obligations import queries, rules
from hallbar.obligations.models import Obligation

from .factories import ObligationFactory

TODAY = timezone.localdate


@pytest.mark.parametrize(
    ("status", "offset", "overdue"),
    [
        (Obligation.Status.ACTIVE, -1, True),
        (Obligation.Status.ACTIVE, 0, False),  # due today is not overdue yet
        (Obligation.Status.ACTIVE, 30, False),
        (Obligation.Status.ACTIVE, None, False),
        (Obligation.Status.REPEALED, -100, False),
    ],
)
def test_overdue_rule_in_python_and_database(world_a, status, offset, overdue):
    due = TODAY() + timedelta(days=offset) if offset is not None else None
    obligation = ObligationFactory(organisation=world_a.organisation, status=status, next_evaluation_date=due)
    assert rules.is_overdue(obligation) is overdue
    assert Obligation.objects.filter(rules.overdue_q(TODAY()), pk=obligation.pk).exists() is overdue
    assert queries.flag([obligation])[0].is_overdue is overdue


@pytest.fixture
def register(world_a):
    make = ObligationFactory
    org = world_a.organisation
    return {
        "law": make(organisation=org, title="Lag", responsible_unit=world_a.unit, last_result="met"),
        "permit": make(
            organisation=org,
            title="Tillstånd",
            kind=Obligation.Kind.PERMIT,
            responsible_unit=world_a.sibling,
            last_result="not_met",
            next_evaluation_date=TODAY() - timedelta(days=3),
        ),
        "agreement": make(
            organisation=org, title="Avtal", kind=Obligation.Kind.AGREEMENT, last_result="partly"
        ),  # the whole organisation
        "repealed": make(
            organisation=org,
            title="Upphävd",
            status=Obligation.Status.REPEALED,
            responsible_unit=world_a.unit,
            next_evaluation_date=TODAY() - timedelta(days=300),
        ),
    }


def titles(scope, **filters) -> set[str]:
    return {obligation.title for obligation in queries.register(scope, **filters)}


def test_register_filters(world_a, world_b, register):
    ObligationFactory(organisation=world_b.organisation, title="B:s krav")
    scope = Scope(world_a.user(Role.READER), world_a.organisation)
    assert titles(scope) == {"Lag", "Tillstånd", "Avtal", "Upphävd"}
    assert titles(scope, kind=Obligation.Kind.PERMIT) == {"Tillstånd"}
    assert titles(scope, status=Obligation.Status.REPEALED) == {"Upphävd"}
    assert titles(scope, last_result="partly") == {"Avtal"}
    assert titles(scope, last_result=queries.NOT_EVALUATED) == {"Upphävd"}
    assert titles(scope, overdue=True) == {"Tillstånd"}
    assert titles(scope, unit=world_a.administration) == {"Lag", "Upphävd"}  # the unit is below it
    register["agreement"].applies_to_units.set([world_a.unit, world_a.administration])
    assert titles(scope, unit=world_a.administration) == {"Lag", "Upphävd", "Avtal"}  # once, though two units match
    assert titles(scope, unit=world_a.sibling) == {"Tillstånd"}


def test_the_focused_unit_narrows_the_register(world_a, register):
    scope = Scope(world_a.user(Role.READER), world_a.organisation, focus=world_a.administration)
    assert titles(scope) == {"Lag", "Avtal", "Upphävd"}  # the whole organisation's stay


def test_overview_counts_active_obligations_by_unit_and_last_result(world_a, register):
    ObligationFactory(organisation=world_a.organisation, title="Ny", responsible_unit=world_a.unit)
    scope = Scope(world_a.user(Role.READER), world_a.organisation)
    overview = queries.overview(scope)
    rows = {row["unit"]: row for row in overview["rows"]}
    assert [row["unit"] for row in overview["rows"]] == [None, world_a.unit, world_a.sibling]  # tree order
    # counts: met, partly met, not met, not evaluated yet
    assert rows[world_a.unit]["counts"] == [1, 0, 0, 1] and rows[world_a.unit]["total"] == 2
    assert rows[world_a.sibling]["counts"] == [0, 0, 1, 0] and rows[world_a.sibling]["overdue"] == 1
    assert rows[None]["counts"] == [0, 1, 0, 0]
    assert overview["totals"] == {"counts": [1, 1, 1, 1], "total": 4, "overdue": 1}
    assert [obligation.title for obligation in overview["overdue"]] == ["Tillstånd"]
    assert overview["overdue"][0].is_overdue
