"""The input sections of a management review, in the order the review goes through them.

Each section is one kind of input the standards ask top management to consider (ISO 14001 9.3,
EMAS Annex II, SS 854000; see docs/methods/management-review.md). ``key`` names the section in the
stored inputs (:mod:`hallbar.reviews.inputs`), in the per-section conclusions of a review and in page
anchors; ``notes`` names the review's free-text field the coordinator writes for the section, if any.
No model imports: the models validate against this list.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    asks: Promise  # what the standards ask the review to consider, in a sentence
    notes: str = ""  # the ManagementReview field with the coordinator's own input, if any


SECTIONS: tuple[Section, ...] = (
    Section(
        "previous_actions",
        _("Actions from previous reviews"),
        _("The status of the actions decided at earlier management reviews."),
    ),
    Section(
        "context",
        _("Changes in external and internal issues"),
        _("Changes in the environmental scan and among the interested parties and their needs during the period."),
    ),
    Section(
        "obligations",
        _("Compliance obligations"),
        _("New and changed obligations, the results of compliance evaluations and overdue evaluations."),
    ),
    Section(
        "aspects",
        _("Significant aspects"),
        _("The significant sustainability aspects, those that became significant and those not yet handled."),
    ),
    Section(
        "risks",
        _("Risks and opportunities"),
        _("Risks and opportunities at a high or very high level, and those added or changed during the period."),
    ),
    Section(
        "goals",
        _("Fulfilment of goals and targets"),
        _("How the targets of the adopted plans are going, computed from their indicators."),
    ),
    Section(
        "indicators",
        _("Indicators"),
        _("The latest values of the organisation's indicators."),
    ),
    Section(
        "plan_actions",
        _("Actions from plans"),
        _("The actions of the action plans by status, and those that are overdue or stale."),
    ),
    Section(
        "audits",
        _("Audit results"),
        _("The internal audits during the period and their findings."),
    ),
    Section(
        "nonconformities",
        _("Nonconformities and corrective actions"),
        _("Nonconformities opened and closed during the period, open ones by stage, and overdue follow-up."),
    ),
    Section(
        "maturity",
        _("Maturity"),
        _("The latest maturity self-assessment of the whole organisation and the change since the year before."),
    ),
    Section(
        "resources",
        _("Adequacy of resources"),
        _("Whether the resources for the management system are adequate."),
        notes="resources_notes",
    ),
    Section(
        "communication",
        _("Communication"),
        _("Relevant communication from interested parties, including complaints."),
        notes="communication_notes",
    ),
    Section(
        "improvement",
        _("Opportunities for continual improvement"),
        _("Improvement opportunities from audits and the risk register, and those the coordinator adds."),
        notes="improvement_notes",
    ),
)

SECTION_KEYS = tuple(section.key for section in SECTIONS)
BY_KEY = {section.key: section for section in SECTIONS}
