"""What changed since the previous round (the dashboard's reporting section) reads in a fixed number of
queries, however many units had their reports approved (found by benchmarks/bench_followup.py): the
changes are worked out when a report is approved and kept on it."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hallbar.reporting import queries
from hallbar.reporting.models import UnitReport

from .factories import RoundFactory


def approved_rounds(world, units):
    first = RoundFactory(organisation=world.organisation, deadline=date(2026, 5, 15))
    second = RoundFactory(organisation=world.organisation, deadline=date(2026, 9, 15))
    previous = {}
    for round_, status in ((first, "ongoing"), (second, "done")):
        for unit in units:
            action = {"id": unit.pk, "title": f"Åtgärd {unit.name}", "status": status, "status_label": status}
            snapshot = {"actions": [action], "indicators": []}
            UnitReport.objects.create(
                round=round_,
                unit=unit,
                status="approved",
                snapshot=snapshot,
                changes=queries.snapshot_changes(previous.get(unit.pk), snapshot) if unit.pk in previous else [],
            )
            previous[unit.pk] = snapshot
    return second


def count_queries(round_) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        _previous, changes = queries.changes_since_previous(round_)
    return len(captured), len(changes)


@pytest.mark.django_db
def test_changes_since_previous_takes_a_fixed_number_of_queries(world_a):
    one = approved_rounds(world_a, [world_a.unit])
    few_queries, few_changes = count_queries(one)
    UnitReport.objects.all().delete()
    many = approved_rounds(world_a, [world_a.committee, world_a.administration, world_a.unit, world_a.sibling])
    many_queries, many_changes = count_queries(many)
    assert (few_changes, many_changes) == (1, 4)
    assert many_queries == few_queries == 2
