"""The inputs on performance: goals and targets, indicators, actions from plans, audits,
nonconformities, maturity; and communication and opportunities for improvement (ISO 14001 9.3 c–g)."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from hallbar.actions.models import Action
from hallbar.audits.models import Finding
from hallbar.audits.models import Status as AuditStatus
from hallbar.core.numbers import measure
from hallbar.indicators.calculations import Status as TargetStatus
from hallbar.nonconformities.models import Origin, Severity, Stage

from .blocks import (
    MOVEMENT_LABELS,
    Cell,
    Facts,
    Paragraph,
    Table,
    action_status,
    day,
    label,
    link,
    number,
    signed,
    target_status,
    unit_cell,
    with_unit,
)
from .changes import RISK_HEADERS, risk_cells


def goals(data: dict) -> list:
    if not data["plans"]:
        return [Paragraph(_("The organisation has no adopted plan."))]
    counts = data["counts"]
    order = [status.value for status in TargetStatus] + ["no_indicator"]
    blocks: list = [
        Facts(
            [
                (target_status(None if key == "no_indicator" else key), str(counts[key]))
                for key in order
                if counts.get(key)
            ]
        )
    ]
    for plan in data["plans"]:
        rows = [row for row in data["targets"] if row["plan_id"] == plan["id"]]
        blocks.append(
            Table(
                _("Targets of %(plan)s (%(years)s)") % {"plan": plan["name"], "years": plan["valid"]},
                [_("Goal"), _("Target"), _("Target value"), _("Status"), _("Projected for the target year")],
                [
                    [
                        Cell(row["goal"], row["goal_url"]),
                        link(row),
                        Cell(
                            _("%(value)s by %(year)s")
                            % {"value": with_unit(row["target_value"], row["measure_unit"]), "year": row["target_year"]}
                        ),
                        Cell(target_status(row["status"])),
                        Cell(with_unit(row["projected"], row["measure_unit"]) if row["projected"] is not None else "–"),
                    ]
                    for row in rows
                ],
                _("The plan has no targets."),
            )
        )
    return blocks


def indicators(data: dict) -> list:
    return [
        Table(
            _("Indicators"),
            [_("Indicator"), _("Latest value"), _("Year"), _("Value before"), _("Year"), _("Movement")],
            [
                [
                    link(row),
                    Cell(with_unit(row["latest"], row["measure_unit"]), numeric=True),
                    Cell(str(row["latest_year"] or "–"), numeric=True),
                    Cell(with_unit(row["previous"], row["measure_unit"]), numeric=True),
                    Cell(str(row["previous_year"] or "–"), numeric=True),
                    Cell(str(MOVEMENT_LABELS.get(row["movement"], _("Not enough values")))),
                ]
                for row in data["indicators"]
            ],
            _("The organisation has no indicators."),
        )
    ]


def plan_actions(data: dict) -> list:
    statuses = Action.Status.choices
    return [
        Paragraph(
            _("An action is stale when it is open and has had no progress update for %(days)s days.")
            % {"days": data["stale_after_days"]}
        ),
        Table(
            _("Actions by action plan"),
            [_("Action plan"), *[str(text) for _value, text in statuses], _("Overdue"), _("Stale"), _("Total")],
            [
                [
                    link(row),
                    *[number(row["statuses"].get(value, 0)) for value, _text in statuses],
                    number(row["overdue"]),
                    number(row["stale"]),
                    number(row["total"]),
                ]
                for row in data["plans"]
            ],
            _("No action plan has actions."),
        ),
        Table(
            _("Overdue or stale actions"),
            [
                _("Action"),
                _("Action plan"),
                _("Status"),
                _("End date"),
                _("Days without an update"),
                _("Responsible unit"),
            ],
            [
                [
                    link(row),
                    Cell(row["plan"]),
                    Cell(action_status(row)),
                    Cell(day(row["end_date"])),
                    number(row["days_without_update"]),
                    unit_cell(row),
                ]
                for row in data["attention"]
            ],
            _("No action of an action plan is overdue or stale."),
        ),
    ]


def audits(data: dict) -> list:
    kinds = Finding.Kind.choices
    nonconforming = [row for row in data["findings"] if row["kind"] in Finding.NONCONFORMING]
    return [
        Facts(
            [(_("Audits during the period"), str(len(data["audits"])))]
            + [(str(text), str(data["totals"][value])) for value, text in kinds]
        ),
        Table(
            _("Audits during the period"),
            [
                _("Audit"),
                _("Audit programme"),
                _("Planned start"),
                _("Status"),
                _("Lead auditor"),
                *[str(text) for _value, text in kinds],
            ],
            [
                [
                    link(row),
                    Cell(row["programme"]),
                    Cell(day(row["planned_start"])),
                    Cell(label(AuditStatus, row["status"])),
                    Cell(row["lead_auditor"] or _("Not chosen")),
                    *[number(row["findings"][value]) for value, _text in kinds],
                ]
                for row in data["audits"]
            ],
            _("No audits during the period."),
        ),
        Table(
            _("Nonconformities found in the audits"),
            [_("Finding"), _("Audit"), _("Kind"), _("Clause"), _("Unit")],
            [
                [
                    link(row),
                    Cell(row["audit"]),
                    Cell(label(Finding.Kind, row["kind"])),
                    Cell(row["clause"] or ""),
                    unit_cell(row),
                ]
                for row in nonconforming
            ],
            _("The audits found no nonconformities."),
        ),
    ]


def _nonconformity(row: dict) -> list[Cell]:
    return [link(row, row["reference"]), Cell(row["name"])]


def nonconformities(data: dict) -> list:
    open_total = sum(data["open_by_stage"].values())
    return [
        Facts(
            [
                (_("Opened during the period"), str(len(data["opened"]))),
                (_("Closed during the period"), str(len(data["closed"]))),
                (_("Open now"), str(open_total)),
                (_("Overdue effectiveness checks"), str(len(data["effectiveness_overdue"]))),
                (_("Overdue corrective actions"), str(len(data["actions_overdue"]))),
            ]
        ),
        Table(
            _("Open nonconformities by stage"),
            [_("Stage"), _("Open nonconformities")],
            [[Cell(label(Stage, stage)), number(count)] for stage, count in data["open_by_stage"].items()],
            "",
        ),
        Table(
            _("Nonconformities opened during the period"),
            [_("Reference"), _("Title"), _("Origin"), _("Severity"), _("Stage")],
            [
                [
                    *_nonconformity(row),
                    Cell(label(Origin, row["origin"])),
                    Cell(label(Severity, row["severity"])),
                    Cell(label(Stage, row["stage"])),
                ]
                for row in data["opened"]
            ],
            _("No nonconformities were opened during the period."),
        ),
        Table(
            _("Nonconformities closed during the period"),
            [_("Reference"), _("Title"), _("Closed on")],
            [[*_nonconformity(row), Cell(day(row["closed_on"]))] for row in data["closed"]],
            _("No nonconformities were closed during the period."),
        ),
        Table(
            _("Overdue effectiveness checks"),
            [_("Reference"), _("Title"), _("Check planned"), _("Responsible unit")],
            [
                [*_nonconformity(row), Cell(day(row["effectiveness_due"])), unit_cell(row)]
                for row in data["effectiveness_overdue"]
            ],
            _("No effectiveness check is overdue."),
        ),
        Table(
            _("Overdue corrective actions"),
            [_("Action"), _("Nonconformity"), _("End date"), _("Status")],
            [
                [
                    link(row),
                    Cell(row["nonconformity"]),
                    Cell(day(row["end_date"])),
                    Cell(label(Action.Status, row["status"])),
                ]
                for row in data["actions_overdue"]
            ],
            _("No corrective action is overdue."),
        ),
    ]


def maturity(data: dict) -> list:
    assessment = data["assessment"]
    if assessment is None:
        return [Paragraph(_("There is no completed maturity self-assessment of the whole organisation yet."))]
    mean = measure(assessment["mean"]) if assessment["mean"] is not None else "–"
    if assessment["mean_change"] is not None:
        mean = _("%(mean)s (%(change)s since %(year)s)") % {
            "mean": mean,
            "change": signed(assessment["mean_change"]),
            "year": assessment["previous_year"],
        }
    return [
        Facts(
            [
                (_("Self-assessment"), str(assessment["year"])),
                (_("Mean stage"), mean),
                (_("Questions assessed"), _("%(assessed)s of %(total)s") % assessment),
            ]
        ),
        Table(
            _("Stage per question"),
            [
                _("Part"),
                _("Question"),
                _("Stage"),
                _("The year before"),
                pgettext("difference between two values", "Change"),
            ],
            [
                [
                    Cell(row["part"]),
                    Cell(row["question"]),
                    Cell(f"{row['stage']} {row['stage_name']}" if row["stage"] else _("Not assessed")),
                    number(row["previous"]),
                    Cell(signed(row["change"]) if row["change"] is not None else "–", numeric=True),
                ]
                for row in data["questions"]
            ],
            "",
        ),
    ]


def communication(data: dict) -> list:
    return [
        Table(
            _("Complaints registered during the period"),
            [_("Reference"), _("Title"), _("Stage"), _("Responsible unit")],
            [[*_nonconformity(row), Cell(label(Stage, row["stage"])), unit_cell(row)] for row in data["complaints"]],
            _("No complaints were registered during the period."),
        )
    ]


def improvement(data: dict) -> list:
    return [
        Table(
            _("Opportunities for improvement found in the audits"),
            [_("Finding"), _("Audit"), _("Description")],
            [[link(row), Cell(row["audit"]), Cell(row["description"])] for row in data["findings"]],
            _("The audits of the period found no opportunities for improvement."),
        ),
        Table(
            _("Open opportunities in the risk register"),
            [_("Opportunity"), *map(str, RISK_HEADERS)],
            [risk_cells(row) for row in data["opportunities"]],
            _("The risk register has no open opportunities."),
        ),
    ]
