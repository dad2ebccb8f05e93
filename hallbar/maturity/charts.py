"""The result page's radar charts: one per part of the matrix, one polygon per year."""

from django.utils.translation import gettext as _

from hallbar.web.charts import RadarChart, Series

from .queries import Result


def year_label(assessment) -> str:
    if assessment.is_draft:
        return _("%(year)s (draft)") % {"year": assessment.year}
    return str(assessment.year)


def radar_charts(result: Result) -> list[RadarChart]:
    history = result.stages_by_year()
    charts = []
    for part_result in result.parts:
        questions = part_result.part.questions
        part = part_result.part.item
        charts.append(
            RadarChart(
                title=_("%(part)s: stage by year") % {"part": part.name if part else _("Maturity")},
                unit="",
                axes=[question.label for question in questions],
                series=[
                    Series(year_label(assessment), [stages.get(question.pk) for question in questions])
                    for assessment, stages in history
                ],
                min_value=0,
                max_value=result.matrix.top,
                step=1,
                decimals=0,
                axis_title=_("Dimension"),
                description=_("The stage reached in each dimension, from 1 to %(top)s, by year.")
                % {"top": result.matrix.top},
            )
        )
    return charts
