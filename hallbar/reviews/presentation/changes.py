"""The inputs on what changed: actions from earlier reviews, external and internal issues, compliance
obligations, significant aspects, risks and opportunities (ISO 14001 9.3 a–b)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.aspects.models import Aspect
from hallbar.context.models import InterestedParty, ScanItem
from hallbar.obligations.models import Obligation
from hallbar.obligations.rules import Result
from hallbar.risks.models import Level, Risk

from .blocks import Cell, Facts, Table, action_status, change, day, label, link, number, unit_cell


def previous_actions(data: dict) -> list:
    counts = data["counts"]
    return [
        Facts(
            [
                (_("Actions from earlier reviews"), str(counts["total"])),
                (_("Done"), str(counts["done"])),
                (_("Open"), str(counts["open"])),
                (_("Of which overdue"), str(counts["overdue"])),
                (_("Cancelled"), str(counts["cancelled"])),
            ]
        ),
        Table(
            _("Actions decided at earlier reviews"),
            [_("Action"), _("Review"), _("Status"), _("End date"), _("Responsible unit")],
            [
                [link(row), Cell(row["review"]), Cell(action_status(row)), Cell(day(row["end_date"])), unit_cell(row)]
                for row in data["actions"]
            ],
            _("No actions from earlier reviews to follow up."),
        ),
    ]


def context(data: dict) -> list:
    totals, scope = data["totals"], data["scope"]
    if scope is None:
        scope_text = _("No approved scope yet.")
    else:
        scope_text = _("Version %(version)s, approved %(date)s by %(by)s") % {
            "version": scope["version"],
            "date": day(scope["approved_on"]),
            "by": scope["approved_by"],
        }
        if scope["changed_in_period"]:
            scope_text = _("%(scope)s (changed during the period)") % {"scope": scope_text}
    return [
        Facts(
            [
                (_("Interested parties"), str(totals["parties"])),
                (_("Of which of high relevance"), str(totals["high_relevance"])),
                (_("Active scan items"), str(totals["scan_items"])),
                (_("Of which with a negative impact"), str(totals["scan_negative"])),
                (_("Scope of the management system"), scope_text),
            ]
        ),
        Table(
            _("Scan items added or changed during the period"),
            [
                _("Scan item"),
                _("PESTLE category"),
                _("Expected impact"),
                _("Time horizon"),
                _("What happened"),
                _("Date"),
            ],
            [
                [
                    link(row),
                    Cell(label(ScanItem.Category, row.get("category"))),
                    Cell(label(ScanItem.Impact, row.get("impact"))),
                    Cell(label(ScanItem.Horizon, row.get("time_horizon"))),
                    change(row),
                    Cell(day(row["date"])),
                ]
                for row in data["scan_items"]
            ],
            _("No scan items were added or changed during the period."),
        ),
        Table(
            _("Interested parties added or changed during the period"),
            [_("Interested party"), _("Category"), _("Relevance"), _("What happened"), _("Date")],
            [
                [
                    link(row),
                    Cell(label(InterestedParty.Category, row.get("category"))),
                    Cell(label(InterestedParty.Relevance, row.get("relevance"))),
                    change(row),
                    Cell(day(row["date"])),
                ]
                for row in data["parties"]
            ],
            _("No interested parties were added or changed during the period."),
        ),
    ]


def obligations(data: dict) -> list:
    evaluations = data["evaluations"]
    return [
        Facts(
            [
                (_("Active compliance obligations"), str(data["active"])),
                (_("Evaluations during the period"), str(evaluations["total"])),
                (label(Result, Result.MET), str(evaluations[Result.MET])),
                (label(Result, Result.PARTLY), str(evaluations[Result.PARTLY])),
                (label(Result, Result.NOT_MET), str(evaluations[Result.NOT_MET])),
                (_("Overdue evaluations"), str(len(data["overdue"]))),
            ]
        ),
        Table(
            _("Obligations added or changed during the period"),
            [_("Obligation"), _("Reference"), _("Kind"), _("What happened"), _("Date")],
            [
                [
                    link(row),
                    Cell(row.get("reference", "")),
                    Cell(label(Obligation.Kind, row.get("kind"))),
                    change(row),
                    Cell(day(row["date"])),
                ]
                for row in data["changed"]
            ],
            _("No obligations were added or changed during the period."),
        ),
        Table(
            _("Evaluations during the period that were not fully met"),
            [_("Obligation"), _("Evaluated on"), _("Result"), _("Findings")],
            [
                [
                    link(row),
                    Cell(day(row["date"]), row["evaluation_url"]),
                    Cell(label(Result, row["result"])),
                    Cell(row["findings"]),
                ]
                for row in data["not_met"]
            ],
            _("Every evaluation during the period found the obligation met."),
        ),
        Table(
            _("Overdue evaluations"),
            [_("Obligation"), _("Reference"), _("Evaluation due"), _("Responsible unit")],
            [
                [link(row), Cell(row["reference"]), Cell(day(row["next_evaluation_date"])), unit_cell(row)]
                for row in data["overdue"]
            ],
            _("No evaluation is overdue."),
        ),
    ]


def aspects(data: dict) -> list:
    counts = data["counts"]
    return [
        Facts(
            [
                (_("Aspects in the register"), str(counts["total"])),
                (_("Significant"), str(counts["significant"])),
                (_("Became significant during the period"), str(counts["became_significant"])),
                (_("Significant but not handled"), str(counts["unhandled"])),
            ]
        ),
        Table(
            _("Significant aspects"),
            [_("Aspect"), _("Activity"), _("Impact"), _("Direct or indirect"), _("Handled"), _("Became significant")],
            [
                [
                    link(row),
                    Cell(f"{row['activity']} ({row['unit']})" if row["unit"] else row["activity"]),
                    Cell(row["impact"]),
                    Cell(label(Aspect.Influence, row["influence"])),
                    Cell(_("Yes") if row["handled"] else _("No – to be handled")),
                    Cell(day(row["became_significant"])),
                ]
                for row in data["significant"]
            ],
            _("No aspect is significant."),
        ),
    ]


def risk_cells(row: dict) -> list[Cell]:
    return [
        link(row),
        Cell(label(Level, row["level"])),
        Cell(label(Level, row["residual_level"]) or _("Not assessed")),
        Cell(label(Risk.Status, row["status"])),
        Cell(label(Risk.Strategy, row["strategy"]) or _("Not chosen")),
        number(row["open_actions"]),
    ]


RISK_HEADERS = (
    gettext_lazy("Level"),
    gettext_lazy("Residual level"),
    gettext_lazy("Status"),
    gettext_lazy("Strategy"),
    gettext_lazy("Open actions"),
)


def risks(data: dict) -> list:
    return [
        Table(
            _("Open risks and opportunities by current level"),
            [_("Level"), _("Risks and opportunities")],
            [[Cell(label(Level, level)), number(count)] for level, count in data["levels"].items()],
            "",
        ),
        Table(
            _("Risks at a high or very high level"),
            [_("Risk"), *map(str, RISK_HEADERS)],
            [risk_cells(row) for row in data["high"]],
            _("No open risk is at a high or very high level."),
        ),
        Table(
            _("Risks and opportunities added or changed during the period"),
            [_("Risk or opportunity"), _("Kind"), *map(str, RISK_HEADERS), _("What happened")],
            [
                [*risk_cells(row)[:1], Cell(label(Risk.Kind, row["kind"])), *risk_cells(row)[1:], change(row)]
                for row in data["changed"]
            ],
            _("No risks or opportunities were added or changed during the period."),
        ),
    ]
