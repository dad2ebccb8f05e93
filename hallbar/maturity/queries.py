"""Read models for the maturity pages and the API: the list, the result of one assessment, its history.

Each function takes a fixed number of queries whatever the number of assessments or answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from . import calculations
from .matrix import Matrix, Part, Question, Stage, load_matrix
from .models import Answer, Assessment

# How many earlier assessments the result page compares with (the radar stays readable).
EARLIER_SHOWN = 4


def stages_of(assessment: Assessment) -> dict[int, int | None]:
    """``{question id: stage}`` from the assessment's prefetched (or fetched) answers."""
    return {answer.dimension_id: answer.stage for answer in assessment.answers.all()}


def assessment_list(scope, *, year: int | None = None, unit=None, whole_organisation: bool = False):
    """The scope's assessments (narrowed to the focused unit's subtree), newest year first, with answers."""
    assessments = scope.in_focus(scope.filter(Assessment.objects.all()))
    if year is not None:
        assessments = assessments.filter(year=year)
    if unit is not None:
        assessments = assessments.filter(unit=unit)
    elif whole_organisation:
        assessments = assessments.filter(unit__isnull=True)
    return assessments.select_related("organisation", "unit", "assessed_by").prefetch_related("answers")


def years(scope) -> list[int]:
    return list(scope.filter(Assessment.objects.all()).order_by("-year").values_list("year", flat=True).distinct())


def scored(assessments, matrix: Matrix) -> list[Assessment]:
    """Set ``summary`` (over the current questions) on each assessment; answers must be prefetched."""
    assessments = list(assessments)
    keys = [question.pk for question in matrix.questions]
    for assessment in assessments:
        assessment.summary = calculations.summarise(keys, stages_of(assessment), matrix.top)
    return assessments


def earlier_assessments(assessment: Assessment, limit: int = EARLIER_SHOWN) -> list[Assessment]:
    """Completed assessments of the same organisation and unit from earlier years, oldest first."""
    earlier = Assessment.objects.filter(
        organisation_id=assessment.organisation_id,
        unit_id=assessment.unit_id,  # None matches the whole organisation's (unit IS NULL)
        year__lt=assessment.year,
        status=Assessment.Status.COMPLETED,
    )
    answers = Prefetch("answers", queryset=Answer.objects.only("assessment_id", "dimension_id", "stage"))
    return list(reversed(earlier.order_by("-year").prefetch_related(answers)[:limit]))


@dataclass
class Row:
    """One question of the result: the chosen stage, the change since the previous assessment, what next."""

    question: Question
    answer: Answer | None
    stage: Stage | None
    previous: int | None
    change: int | None
    next: Stage | None

    @property
    def comment(self) -> str:
        return self.answer.comment if self.answer else ""


@dataclass
class PartResult:
    part: Part
    rows: list[Row]
    summary: calculations.Summary
    previous_summary: calculations.Summary | None
    mean_change: Decimal | None


@dataclass
class Result:
    assessment: Assessment
    stages: dict[int, int | None]  # this assessment's, by question id
    matrix: Matrix
    parts: list[PartResult]
    summary: calculations.Summary
    earlier: list[Assessment]  # oldest first
    previous: Assessment | None
    mean_change: Decimal | None

    @property
    def rows(self) -> list[Row]:
        return [row for part in self.parts for row in part.rows]

    @property
    def lowest_questions(self) -> list[str]:
        """The names of the questions at the lowest stage reached."""
        return [row.question.item.name for row in self.rows if row.question.pk in self.summary.at_lowest]

    def stages_by_year(self) -> list[tuple[Assessment, dict[int, int | None]]]:
        """Each earlier assessment and this one, oldest first, with their stages by question id."""
        return [*((one, stages_of(one)) for one in self.earlier), (self.assessment, self.stages)]


def result(assessment: Assessment) -> Result:
    """Everything the result page and the API show about one assessment (four queries)."""
    answers = {answer.dimension_id: answer for answer in assessment.answers.all()}
    matrix = load_matrix(answered=frozenset(answers))
    stages = {pk: answer.stage for pk, answer in answers.items()}
    earlier = earlier_assessments(assessment)
    previous = earlier[-1] if earlier else None
    before = stages_of(previous) if previous else {}
    parts = []
    for part in matrix.parts:
        keys = [question.pk for question in part.questions]
        rows = []
        for question in part.questions:
            stage = stages.get(question.pk)
            rows.append(
                Row(
                    question=question,
                    answer=answers.get(question.pk),
                    stage=question.stage(stage),
                    previous=before.get(question.pk),
                    change=calculations.change(stage, before.get(question.pk)),
                    next=question.stage(calculations.next_stage(stage, question.top)),
                )
            )
        parts.append(
            PartResult(
                part=part,
                rows=rows,
                summary=calculations.summarise(keys, stages, matrix.top),
                previous_summary=calculations.summarise(keys, before, matrix.top) if previous else None,
                mean_change=calculations.mean_change(keys, stages, before) if previous else None,
            )
        )
    keys = [question.pk for question in matrix.questions]
    return Result(
        assessment=assessment,
        stages=stages,
        matrix=matrix,
        parts=parts,
        summary=calculations.summarise(keys, stages, matrix.top),
        earlier=earlier,
        previous=previous,
        mean_change=calculations.mean_change(keys, stages, before) if previous else None,
    )
