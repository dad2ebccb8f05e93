"""The environmental statement as a PDF (:mod:`hallbar.core.pdf`), from the same presented content as
its HTML page, section by section in the same order."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hallbar.core.pdf import PdfReport

from ..models import EnvironmentalStatement
from .presentation import cell


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def build(statement: EnvironmentalStatement, page: dict) -> PdfReport:
    """The statement; ``page`` is :func:`.presentation.present` of its content."""
    organisation = page["organisation"]
    report = PdfReport(
        _("Environmental statement"),
        organisation=organisation["name"],
        subtitle=_("Reporting year %(year)s") % {"year": page["year"]},
    )
    _organisation(report, page)
    _policy(report, page["policy"])
    _aspects(report, page["aspects"])
    _objectives(report, page)
    _core_indicators(report, page["core_indicators"])
    _compliance(report, page["compliance"])
    _validation(report, statement)
    return report


def _organisation(report: PdfReport, page: dict) -> None:
    report.heading(_("The organisation"))
    report.paragraph(page["organisation"]["description"])
    scope = page["scope"]
    report.heading(_("Scope of the management system"), level=2)
    if scope is None:
        report.paragraph(_("The organisation has no approved scope for the year."), muted=True)
        return
    report.paragraph(scope["text"])
    facts = [
        (_("Boundaries"), scope["boundaries"]),
        (_("Exclusions and their justification"), scope["exclusions"]),
    ]
    report.facts(
        [
            *[(label, text) for label, text in facts if text],
            (
                _("Version"),
                _("%(version)s, approved by %(by)s on %(date)s")
                % {"version": scope["version"], "by": scope["approved_by"], "date": scope["approved_on"]},
            ),
        ]
    )
    report.heading(_("Units in the scope"), level=3)
    if scope["units"]:
        report.bullets(scope["units"])
    else:
        report.paragraph(_("The whole organisation"))


def _policy(report: PdfReport, policy: dict | None) -> None:
    report.heading(_("Environmental policy"))
    if policy is None:
        report.paragraph(_("The organisation has no approved policy."), muted=True)
        return
    report.heading(policy["title"], level=2)
    report.paragraph(
        _("Version %(number)s, approved %(date)s.") % {"number": policy["version"], "date": policy["approved_on"]},
        muted=True,
    )
    report.paragraph(policy["body"])
    if policy["file_name"]:
        report.paragraph(_("The policy is also kept as the file %(name)s.") % {"name": policy["file_name"]})


def _aspects(report: PdfReport, aspects: dict) -> None:
    report.heading(_("Significant environmental aspects"))
    report.heading(_("Direct aspects"), level=2)
    report.table(
        [_("Aspect"), _("Activity"), _("Impact"), _("How it is handled")],
        [
            [a["name"], f"{a['activity']} ({a['unit']})", a["impact_text"], "\n".join(a["handling"])]
            for a in aspects["direct"]
        ],
        widths=(3, 3, 3, 4),
        empty=_("No significant direct aspects."),
    )
    report.heading(_("Indirect aspects"), level=2)
    report.table(
        [_("Aspect"), _("Activity"), _("Impact"), _("Channel of influence"), _("How it is handled")],
        [
            [
                a["name"],
                f"{a['activity']} ({a['unit']})",
                a["impact_text"] + (f"\n{_('Also abroad')}" if a["abroad"] else ""),
                a["channel"],
                "\n".join(a["handling"]),
            ]
            for a in aspects["indirect"]
        ],
        widths=(3, 3, 3, 2, 4),
        empty=_("No significant indirect aspects."),
    )


def _objectives(report: PdfReport, page: dict) -> None:
    report.heading(_("Objectives and targets"))
    if not page["plans"]:
        report.paragraph(_("No adopted plan is valid in the year."), muted=True)
        return
    if page["status_counts"]:
        report.paragraph(", ".join(f"{item['label']}: {item['count']}" for item in page["status_counts"]))
    for plan in page["plans"]:
        report.heading(plan["title"], level=2)
        report.paragraph(
            f"{plan['kind']}, {plan['period']}" + (f", {plan['adopted_by']}" if plan["adopted_by"] else "")
        )
        for goal in plan["goals"]:
            report.heading(goal["title"], level=3)
            report.table(
                [_("Target"), _("From baseline to target"), _("Latest value"), _("Status")],
                [[t["title"], t["path"], t["latest"], t["status_text"]] for t in goal["targets"]],
                widths=(4, 4, 3, 2),
                empty=_("No measurable targets yet."),
            )


def _core_indicators(report: PdfReport, areas: list[dict]) -> None:
    report.heading(_("Core indicators"))
    report.paragraph(
        _(
            "Each core indicator is given as A / B = R: A is the annual total input or impact, B the annual "
            "reference figure and R the ratio of the two."
        )
    )
    for area in areas:
        report.heading(area["label"], level=2)
        if area["a"] is None:
            report.paragraph(_("Not reported: no indicator has been chosen for A."), muted=True)
            report.paragraph(area["note"])
            continue
        a, b = area["a"], area["b"]
        report.facts(
            [
                (_("A"), f"{a['title']} ({a['unit']})"),
                (_("B"), f"{b['title']} ({b['unit']})" if b else _("No indicator has been chosen for B.")),
                (_("R"), area["r_unit"]),
            ]
        )
        report.table(
            [_("Year"), _("A"), _("B"), _("R"), _("Change in R from the year before")],
            [
                [row["year"], cell(row["a"]), cell(row["b"]), row["r"] or row["gap"], cell(row["change"])]
                for row in area["rows"]
            ],
            widths=(2, 3, 3, 4, 3),
        )
        report.paragraph(area["note"])


def _compliance(report: PdfReport, compliance: dict) -> None:
    report.heading(_("Compliance with legal obligations"))
    report.paragraph(_("The latest evaluation of each active compliance obligation up to the end of the year."))
    report.table(
        [_("Result"), _("Obligations")],
        [[item["label"], item["count"]] for item in compliance["counts"]] + [[_("Total"), compliance["total"]]],
        widths=(3, 1),
    )
    if compliance["not_fully_met"]:
        report.heading(_("Obligations not fully met"), level=2)
        report.table(
            [_("Obligation"), _("Result"), _("Evaluated on"), _("Findings")],
            [
                [f"{item['title']}\n{item['reference']}".strip(), item["result"], item["date"], item["findings"]]
                for item in compliance["not_fully_met"]
            ],
            widths=(4, 2, 2, 5),
        )


def _validation(report: PdfReport, statement: EnvironmentalStatement) -> None:
    """The verifier's part: filled in once the validation is recorded, left empty until then."""
    report.heading(_("Date and validation"))
    report.facts(
        [
            (_("Date of the statement"), _date(statement.statement_date)),
            (_("Environmental verifier"), statement.verifier_name),
            (_("Accreditation or licence number"), statement.accreditation_number),
            (_("Date of validation"), _date(statement.validated_on)),
        ]
    )
    if not statement.is_validated:
        report.paragraph(_("The statement has not yet been validated by an environmental verifier."), muted=True)
