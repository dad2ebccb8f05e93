"""Every rule of hallbar/maturity/services.py: details, answers, the workflow and deleting."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import translation

from hallbar.history.models import ChangeRecord
from hallbar.maturity import services
from hallbar.maturity.matrix import load_matrix
from hallbar.maturity.models import Answer, Assessment
from tests.factories import UserFactory

from .factories import EARLIER_STAGES, answer_all, completed


def messages(error: ValidationError) -> list[str]:
    return error.messages


@pytest.fixture
def draft(world_a):
    return services.create_assessment(organisation=world_a.organisation, unit=world_a.unit, year=2026)


# Details ----------------------------------------------------------------------------------------------


def test_a_new_assessment_is_a_draft(world_a):
    assessment = services.create_assessment(
        organisation=world_a.organisation, year=2026, status=Assessment.Status.COMPLETED
    )
    assert assessment.status == Assessment.Status.DRAFT and assessment.completed_at is None
    assert assessment.unit is None
    with translation.override("en"):
        assert str(assessment) == "Maturity assessment 2026, A kommun"


def test_links_must_stay_in_the_organisation(world_a, world_b):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.create_assessment(
            organisation=world_a.organisation, unit=world_b.unit, assessed_by=UserFactory(), year=2026
        )
    assert error.value.message_dict == {
        "unit": ["The unit must belong to the same organisation."],
        "assessed_by": ["The person who led the assessment must be a member of the organisation."],
    }
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("year", [1999, 2101])
def test_the_year_is_checked(world_a, year):
    with pytest.raises(ValidationError) as error:
        services.create_assessment(organisation=world_a.organisation, year=year)
    assert "year" in error.value.message_dict


def test_one_assessment_per_organisation_or_unit_and_year(world_a, world_b):
    services.create_assessment(organisation=world_a.organisation, year=2026)
    services.create_assessment(organisation=world_a.organisation, unit=world_a.unit, year=2026)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.create_assessment(organisation=world_a.organisation, year=2026)
        assert messages(error.value) == ["The whole organisation already has a maturity assessment for that year."]
        with pytest.raises(ValidationError) as error:
            services.create_assessment(organisation=world_a.organisation, unit=world_a.unit, year=2026)
        assert messages(error.value) == ["This unit already has a maturity assessment for that year."]
    # Other units, other years and other organisations are free.
    services.create_assessment(organisation=world_a.organisation, unit=world_a.sibling, year=2026)
    services.create_assessment(organisation=world_a.organisation, unit=world_a.unit, year=2025)
    services.create_assessment(organisation=world_b.organisation, year=2026)
    assert Assessment.objects.count() == 5


def test_moving_a_draft_onto_a_taken_year_is_refused(world_a, draft):
    services.create_assessment(organisation=world_a.organisation, unit=world_a.unit, year=2025)
    draft.year = 2025
    with pytest.raises(ValidationError):
        services.save_assessment(draft)
    draft.refresh_from_db()
    assert draft.year == 2026


def test_only_a_draft_changes(world_a, draft):
    draft.notes = "Första utkastet"
    services.save_assessment(draft)
    done = completed(world_a.organisation, world_a.unit, 2025)
    done.notes = "Ändrat i efterhand"
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_assessment(done)
    assert messages(error.value) == ["The assessment is completed and cannot be changed. Reopen it first."]
    done.refresh_from_db()
    assert done.notes == ""


# Answers ----------------------------------------------------------------------------------------------


def test_answers_are_created_updated_and_removed(draft):
    matrix = load_matrix()
    focus, scope, actors = matrix.questions[:3]
    services.save_answers(draft, {focus.pk: (2, " Vi hanterar indirekt påverkan. "), scope.pk: (None, "Osäkra")})
    answers = {answer.dimension_id: answer for answer in draft.answers.all()}
    assert (answers[focus.pk].stage, answers[focus.pk].comment) == (2, "Vi hanterar indirekt påverkan.")
    assert (answers[scope.pk].stage, answers[scope.pk].comment) == (None, "Osäkra")  # a comment without a stage

    services.save_answers(draft, {focus.pk: (3, "Vi hanterar indirekt påverkan."), scope.pk: (None, "")})
    answers = {answer.dimension_id: answer for answer in draft.answers.all()}
    assert answers[focus.pk].stage == 3
    assert scope.pk not in answers  # neither stage nor comment: no answer
    services.save_answers(draft, {actors.pk: (None, "")})  # nothing to remove: nothing happens
    assert draft.answers.count() == 1


def test_an_unchanged_answer_is_not_written_again(draft):
    focus = load_matrix().questions[0]
    answer_type = ContentType.objects.get_for_model(Answer)
    services.save_answers(draft, {focus.pk: (2, "Motivering")})
    services.save_answers(draft, {focus.pk: (2, "Motivering")})
    assert ChangeRecord.objects.filter(content_type=answer_type).count() == 1
    services.save_answers(draft, {focus.pk: (3, "Motivering")})
    assert ChangeRecord.objects.filter(content_type=answer_type).count() == 2


def test_only_stages_of_the_question_and_questions_of_the_library(draft):
    focus = load_matrix().questions[0]
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.save_answers(draft, {focus.pk: (5, "")})
        assert messages(error.value) == ["Focus has no stage 5."]
        stage_item = focus.stage(1).item
        with pytest.raises(ValidationError) as error:
            services.save_answers(draft, {stage_item.pk: (1, "")})
        assert messages(error.value) == [f"{stage_item.pk} is not a question of the maturity library."]
    assert not draft.answers.exists()


def test_answers_of_a_completed_assessment_do_not_change(world_a):
    done = completed(world_a.organisation)
    focus = load_matrix().questions[0]
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.save_answers(done, {focus.pk: (4, "")})
    assert messages(error.value) == ["The assessment is completed and cannot be changed. Reopen it first."]
    assert done.answers.get(dimension_id=focus.pk).stage == EARLIER_STAGES[0]


# Workflow ---------------------------------------------------------------------------------------------


def test_complete_needs_a_stage_for_every_question(draft):
    matrix = load_matrix()
    answers = {question.pk: (2, "") for question in matrix.questions[2:]}
    answers[matrix.questions[1].pk] = (None, "Kommentar utan steg")
    services.save_answers(draft, answers)
    with translation.override("en"), pytest.raises(services.IncompleteAssessment) as error:
        services.complete(draft)
    assert messages(error.value) == ["The assessment cannot be completed: no stage is chosen for Focus, Scope."]
    assert error.value.missing == matrix.questions[:2]
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT


def test_complete_and_reopen(draft):
    assert services.allowed_transitions(draft) == ["complete"]
    services.complete(answer_all(draft, [3]))
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.COMPLETED and draft.completed_at is not None
    assert services.allowed_transitions(draft) == ["reopen"]
    services.reopen(draft)
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT and draft.completed_at is None


def test_refused_transitions_say_why(world_a, draft):
    done = completed(world_a.organisation)
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            services.complete(done)
        assert messages(error.value) == ["The assessment cannot be completed: it is already completed."]
        with pytest.raises(ValidationError) as error:
            services.reopen(draft)
        assert messages(error.value) == ["The assessment cannot be reopened: it is not completed."]


def test_the_workflow_is_in_the_history(draft):
    services.complete(answer_all(draft, [2]))
    services.reopen(draft)
    records = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Assessment), object_id=str(draft.pk)
    ).order_by("pk")
    assert [record.action for record in records] == ["create", "update", "update"]
    assert records[1].changes["status"] == ["draft", "completed"]
    assert records[2].changes["status"] == ["completed", "draft"]


# Deleting ---------------------------------------------------------------------------------------------


def test_a_draft_is_deleted_with_its_answers(draft):
    answer_all(draft, [1])
    services.delete_assessment(draft)
    assert not Assessment.objects.exists() and not Answer.objects.exists()


def test_a_completed_assessment_is_not_deleted(world_a):
    done = completed(world_a.organisation)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.delete_assessment(done)
    assert messages(error.value) == ["A completed assessment cannot be deleted. Reopen it first."]
    assert Assessment.objects.filter(pk=done.pk).exists()
