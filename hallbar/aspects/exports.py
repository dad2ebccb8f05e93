"""The columns of the aspects register's Excel and CSV exports (``?export=xlsx|csv``, see hallbar.imports.exports).

The register columns read only what :func:`hallbar.aspects.queries.listed` fetches (activity, unit,
scores, ``is_handled``) and the ``assessment`` set by :func:`hallbar.aspects.queries.assess`, so an
export takes the same few queries whatever the number of aspects.
"""

from django.utils.translation import gettext_lazy

from hallbar.imports.exports import ExportColumn


def _unit(unit):
    return unit.name if unit is not None else gettext_lazy("The whole organisation")


ASPECT_COLUMNS = [
    ExportColumn(gettext_lazy("aspect"), "name", width=36),
    ExportColumn(gettext_lazy("impact"), "impact", width=30),
    ExportColumn(gettext_lazy("activity, product or service"), "activity.name", width=30),
    ExportColumn(gettext_lazy("unit"), lambda aspect: _unit(aspect.activity.unit), width=26),
    ExportColumn(gettext_lazy("dimension"), "get_dimension_display", width=14),
    ExportColumn(gettext_lazy("positive or negative"), "get_effect_display", width=12),
    ExportColumn(gettext_lazy("direct or indirect"), "get_influence_display", width=12),
    ExportColumn(gettext_lazy("channel of influence"), "get_channel_display", width=22),
    ExportColumn(gettext_lazy("the impact also occurs abroad"), "occurs_abroad", width=12),
    ExportColumn(gettext_lazy("life-cycle stage"), "get_life_cycle_stage_display", width=18),
    ExportColumn(gettext_lazy("operating condition"), "get_condition_display", width=14),
    ExportColumn(gettext_lazy("score"), "assessment.score", "number", 8),
    ExportColumn(gettext_lazy("significant"), "is_significant", width=10),
    ExportColumn(gettext_lazy("handled"), "is_handled", width=10),
    ExportColumn(gettext_lazy("scored on"), "scored_on", "date", 12),
    ExportColumn(gettext_lazy("rationale for the scoring"), "rationale", width=50),
    ExportColumn(gettext_lazy("operational control"), "operational_control", width=40),
    ExportColumn(gettext_lazy("controlled document"), "controlled_document", width=30),
    ExportColumn(gettext_lazy("decision"), "decision", width=40),
    ExportColumn(gettext_lazy("date of the decision"), "decision_date", "date", 12),
    ExportColumn(gettext_lazy("decided by"), "decided_by", width=24),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]

ACTIVITY_COLUMNS = [
    ExportColumn(gettext_lazy("name"), "name", width=36),
    ExportColumn(gettext_lazy("kind"), "get_kind_display", width=12),
    ExportColumn(gettext_lazy("unit"), lambda activity: _unit(activity.unit), width=26),
    ExportColumn(gettext_lazy("aspects"), "aspect_count", "number", 10),
    ExportColumn(gettext_lazy("significant aspects"), "significant_count", "number", 10),
    ExportColumn(gettext_lazy("description"), "description", width=50),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]

REVIEW_COLUMNS = [
    ExportColumn(gettext_lazy("date of the review"), "date", "date", 12),
    ExportColumn(gettext_lazy("unit"), lambda review: _unit(review.unit), width=26),
    ExportColumn(gettext_lazy("reviewed by"), lambda review: review.reviewed_by.full_name or review.reviewed_by.email),
    ExportColumn(gettext_lazy("notes"), "notes", width=60),
    ExportColumn(gettext_lazy("id"), "pk", "number", 8),
]
