"""Every write of maturity assessments and their answers, with the workflow in one place.

Views and the API call these functions; none of them saves an assessment itself. Callers check
*who* may write (``scope.require(Permission.CHANGE, assessment)``: editors of the assessed unit,
coordinators and administrators for the whole organisation); these functions check *what* is written.

Workflow::

    draft ── complete (every current question has a stage) ──▶ completed
      ▲                                                            │
      └──────────────────────────── reopen ────────────────────────┘

1. A new assessment is a draft. Only a draft changes: its details (unit, year, who led it,
   participants, notes) and its answers. A completed assessment is a record; reopen it to change it.
2. An organisation has at most one assessment of the whole organisation, and one per unit, in a year.
3. Answers are saved per question of the current maturity library: a stage (1–4, one of the
   question's stages) and a comment. A draft may hold a comment without a stage; a question with
   neither has no answer.
4. Completing needs a stage for every current question of the library.
5. A completed assessment cannot be deleted; reopen it first. Deleting a draft deletes its answers.
"""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.core.deletion import guarded_delete

from .matrix import Matrix, Question, load_matrix
from .models import Answer, Assessment

Status = Assessment.Status

# name: (from, to) — the only moves between statuses.
TRANSITIONS = {
    "complete": (Status.DRAFT, Status.COMPLETED),
    "reopen": (Status.COMPLETED, Status.DRAFT),
}


class IncompleteAssessment(ValidationError):
    """Completing was refused because these questions have no stage."""

    def __init__(self, message: str, missing: list[Question]):
        super().__init__(message)
        self.missing = missing


def allowed_transitions(assessment: Assessment) -> list[str]:
    return [name for name, (source, _target) in TRANSITIONS.items() if assessment.status == source]


def require_changeable(assessment: Assessment) -> None:
    """Rule 1: only a draft changes."""
    if not assessment.is_draft:
        raise ValidationError(_("The assessment is completed and cannot be changed. Reopen it first."))


def require_deletable(assessment: Assessment) -> None:
    """Rule 5: a completed assessment is not deleted."""
    if not assessment.is_draft:
        raise ValidationError(_("A completed assessment cannot be deleted. Reopen it first."))


# Details ----------------------------------------------------------------------------------------------


def save_assessment(assessment: Assessment) -> Assessment:
    """Create a draft, or change a draft's details (rules 1 and 2)."""
    if assessment.pk is not None:
        require_changeable(Assessment.objects.only("status").get(pk=assessment.pk))
    else:
        assessment.status = Status.DRAFT
        assessment.completed_at = None
    assessment.full_clean()
    assessment.save()
    return assessment


def create_assessment(**fields) -> Assessment:
    return save_assessment(Assessment(**fields))


def delete_assessment(assessment: Assessment) -> None:
    """Delete a draft with its answers (rule 5); raises ValidationError for a completed one."""
    require_deletable(assessment)
    guarded_delete(assessment)


# Answers ----------------------------------------------------------------------------------------------


@transaction.atomic
def save_answers(
    assessment: Assessment, answers: Mapping[int, tuple[int | None, str]], matrix: Matrix | None = None
) -> list[Answer]:
    """Save ``{question id: (stage or None, comment)}`` for a draft (rule 3).

    Questions not in ``answers`` keep their answers; an answer is written only when it changes, so
    the history shows what really changed. Returns the assessment's answers after saving.
    """
    require_changeable(assessment)
    matrix = matrix or load_matrix()
    errors = []
    for pk, (stage, _comment) in answers.items():
        question = matrix.question(pk)
        if question is None:
            errors.append(_("%(id)s is not a question of the maturity library.") % {"id": pk})
        elif stage is not None and question.stage(stage) is None:
            errors.append(_("%(question)s has no stage %(stage)s.") % {"question": question.item.name, "stage": stage})
    if errors:
        raise ValidationError(errors)
    existing = {answer.dimension_id: answer for answer in assessment.answers.all()}
    for pk, (stage, comment) in answers.items():
        comment = (comment or "").strip()
        answer = existing.get(pk)
        if stage is None and not comment:
            if answer is not None:
                answer.delete()
                del existing[pk]
            continue
        if answer is None:
            answer = existing[pk] = Answer(assessment=assessment, dimension=matrix.question(pk).item)
        elif (answer.stage, answer.comment) == (stage, comment):
            continue
        answer.stage, answer.comment = stage, comment
        answer.full_clean()
        answer.save()
    return list(existing.values())


# Workflow ---------------------------------------------------------------------------------------------


def _require_transition(assessment: Assessment, name: str, refusal: str) -> str:
    source, target = TRANSITIONS[name]
    if assessment.status != source:
        raise ValidationError(refusal)
    return target


def missing_questions(assessment: Assessment, matrix: Matrix) -> list[Question]:
    staged = set(assessment.answers.filter(stage__isnull=False).values_list("dimension_id", flat=True))
    return [question for question in matrix.questions if question.pk not in staged]


@transaction.atomic
def complete(assessment: Assessment, matrix: Matrix | None = None) -> Assessment:
    """Draft → completed (rule 4); raises :class:`IncompleteAssessment` naming questions without a stage."""
    target = _require_transition(
        assessment, "complete", _("The assessment cannot be completed: it is already completed.")
    )
    missing = missing_questions(assessment, matrix or load_matrix())
    if missing:
        names = ", ".join(question.item.name for question in missing)
        raise IncompleteAssessment(
            _("The assessment cannot be completed: no stage is chosen for %(questions)s.") % {"questions": names},
            missing,
        )
    assessment.status = target
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["status", "completed_at"])
    return assessment


def reopen(assessment: Assessment) -> Assessment:
    """Completed → draft, so that it can be changed again."""
    target = _require_transition(assessment, "reopen", _("The assessment cannot be reopened: it is not completed."))
    assessment.status = target
    assessment.completed_at = None
    assessment.save(update_fields=["status", "completed_at"])
    return assessment
