"""The read models: the list with its filters, and the result of one assessment compared with earlier years."""

from decimal import Decimal

import pytest
from django.utils import translation

from hallbar.accounts.roles import Role
from hallbar.accounts.scoping import Scope
from hallbar.maturity import queries, services
from hallbar.maturity.matrix import load_matrix

from .factories import EARLIER_STAGES, LATER_STAGES, answer_all, assessment_for, completed


def scope_of(world, role=Role.READER, focus=None):
    return Scope(world.user(role), world.organisation, focus)


def test_result_compares_with_the_latest_earlier_completed_assessment(world_a):
    completed(world_a.organisation, world_a.unit, 2023, stages=[4])
    completed(world_a.organisation, world_a.unit, 2024, stages=[3])
    current = assessment_for(world_a.organisation, world_a.unit)  # 2026, a draft; completed in 2025
    previous = current.__class__.objects.get(unit=world_a.unit, year=2025)
    draft_2025_org = services.create_assessment(organisation=world_a.organisation, year=2025)  # not the same unit
    completed(world_a.organisation, world_a.sibling, 2025, stages=[4])  # another unit

    result = queries.result(current)
    assert result.previous == previous
    assert [one.year for one in result.earlier] == [2023, 2024, 2025]
    assert draft_2025_org not in result.earlier

    focus, scope, actors, position = result.parts[0].rows
    # Focus: 2 now, 1 in 2025 → +1, next stage 3; position: 1 now and before.
    assert (focus.stage.number, focus.previous, focus.change, focus.next.number) == (2, 1, 1, 3)
    assert (actors.stage.number, actors.previous, actors.change) == (3, 1, 2)
    assert (position.stage.number, position.previous, position.change) == (1, 1, 0)
    assert focus.comment == "Motivering 1"
    understanding = result.parts[1].rows[-1]
    assert understanding.stage.number == 4 and understanding.next is None  # the top: nothing above

    # The maturity matrix: 2, 2, 3, 1 now (mean 2.0), 1, 2, 1, 1 before (1.25 → 1.3); change over the
    # same questions: 2.0 − 1.3 = 0.7. All nine: 21 / 9 = 2.33 → 2.3 now, 12 / 9 = 1.33 → 1.3 before.
    matrix_part = result.parts[0]
    assert matrix_part.summary.mean == Decimal("2.0")
    assert matrix_part.previous_summary.mean == Decimal("1.3")
    assert matrix_part.mean_change == Decimal("0.7")
    assert result.summary.mean == Decimal("2.3")
    assert result.summary.assessed == result.summary.total == 9
    assert result.mean_change == Decimal("1.0")
    with translation.override("en"):
        assert result.lowest_questions == ["Position"]


def test_result_without_earlier_assessments(world_a):
    draft = services.create_assessment(organisation=world_a.organisation, year=2026)
    focus = load_matrix().questions[0]
    services.save_answers(draft, {focus.pk: (None, "Bara en kommentar")})
    result = queries.result(draft)
    assert result.previous is None and result.mean_change is None
    row = result.parts[0].rows[0]
    assert (row.stage, row.previous, row.change, row.next, row.comment) == (None, None, None, None, "Bara en kommentar")
    assert result.summary.assessed == 0 and result.summary.mean is None


def test_at_most_four_earlier_years_are_compared(world_a):
    for year in range(2019, 2026):
        completed(world_a.organisation, None, year)
    current = services.create_assessment(organisation=world_a.organisation, year=2026)
    assert [one.year for one in queries.result(current).earlier] == [2022, 2023, 2024, 2025]


def test_result_takes_four_queries(world_a, django_assert_num_queries):
    current = assessment_for(world_a.organisation, world_a.unit)
    with django_assert_num_queries(4):
        queries.result(current)


def test_list_filters_and_focus(world_a, world_b):
    whole = completed(world_a.organisation, None, 2025)
    unit = assessment_for(world_a.organisation, world_a.unit)
    earlier_unit = unit.__class__.objects.get(unit=world_a.unit, year=2025)
    sibling = services.create_assessment(organisation=world_a.organisation, unit=world_a.sibling, year=2026)
    assessment_for(world_b.organisation, world_b.unit)
    scope = scope_of(world_a)
    assert set(queries.assessment_list(scope)) == {whole, unit, earlier_unit, sibling}
    assert set(queries.assessment_list(scope, year=2026)) == {unit, sibling}
    assert set(queries.assessment_list(scope, unit=world_a.unit)) == {unit, earlier_unit}
    assert set(queries.assessment_list(scope, whole_organisation=True)) == {whole}
    focused = scope_of(world_a, focus=world_a.administration)  # the unit is below the administration
    assert set(queries.assessment_list(focused)) == {whole, unit, earlier_unit}
    assert queries.years(scope) == [2026, 2025]


def test_scored_sets_a_summary_over_the_current_questions(world_a):
    assessment = assessment_for(world_a.organisation)
    earlier = completed(world_a.organisation, world_a.unit, 2024)
    rows = queries.scored(queries.assessment_list(scope_of(world_a)), load_matrix())
    summaries = {row.pk: row.summary for row in rows}
    assert summaries[assessment.pk].mean == Decimal("2.3")  # LATER_STAGES: 21 / 9
    assert summaries[earlier.pk].mean == Decimal("1.3")  # EARLIER_STAGES: 12 / 9
    assert sum(LATER_STAGES) == 21 and sum(EARLIER_STAGES) == 12


def test_a_partly_answered_draft_is_scored_on_what_it_has(world_a):
    draft = services.create_assessment(organisation=world_a.organisation, year=2026)
    answer_all(draft, [3])
    focus = load_matrix().questions[0]
    services.save_answers(draft, {focus.pk: (None, "")})
    (row,) = queries.scored(queries.assessment_list(scope_of(world_a)), load_matrix())
    assert (row.summary.assessed, row.summary.total, row.summary.mean) == (8, 9, Decimal("3.0"))


@pytest.mark.parametrize("count", [1, 6])
def test_list_queries_do_not_grow(world_a, count, django_assert_num_queries):
    for year in range(2026 - count, 2026):
        completed(world_a.organisation, None, year)
    scope = scope_of(world_a)
    scope.grants  # noqa: B018 - the membership query, done once per request
    with django_assert_num_queries(3):  # the matrix, the assessments, their answers
        queries.scored(queries.assessment_list(scope), load_matrix())
