"""The columns of the assessment list's Excel and CSV exports (``?export=xlsx|csv``): the assessment,
its summary, and one column per question of the maturity library with the chosen stage.

The columns read only what :func:`hallbar.maturity.queries.assessment_list` fetches and the summary
set by :func:`hallbar.maturity.queries.scored`, so an export takes the same few queries whatever its size.
"""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn

from .matrix import Matrix


def _assessed(assessment) -> str:
    return assessment.unit.name if assessment.unit_id else gettext_lazy("The whole organisation")


ASSESSMENT_COLUMNS = [
    ExportColumn(gettext_lazy("year"), "year", "number", 8),
    ExportColumn(gettext_lazy("assessed"), _assessed, width=30),
    ExportColumn(gettext_lazy("status"), "get_status_display", width=12),
    ExportColumn(gettext_lazy("assessed by"), "assessed_by.full_name", width=24),
    ExportColumn(gettext_lazy("participants"), "participants", width=40),
    ExportColumn(gettext_lazy("questions assessed"), "summary.assessed", "number", 12),
    ExportColumn(gettext_lazy("mean stage"), "summary.mean", "number", 10),
    ExportColumn(gettext_lazy("completed"), "completed_at", "datetime", 18),
    ExportColumn(gettext_lazy("notes"), "notes", width=40),
]


def _stage_of(question_id):
    def value(assessment):
        return next((a.stage for a in assessment.answers.all() if a.dimension_id == question_id), None)

    return value


def columns_for(matrix: Matrix) -> list[ExportColumn]:
    """The fixed columns, then one per question (headed by its reference and name) with the stage."""
    per_question = [ExportColumn(question.label, _stage_of(question.pk), "number", 14) for question in matrix.questions]
    return [*ASSESSMENT_COLUMNS, *per_question, ExportColumn(gettext_lazy("id"), "pk", "number", 8)]
