"""The audit report as a PDF (:mod:`hallbar.core.pdf`), from the same read model as its HTML page.

Sections: the audit (programme, dates, status), scope (units and clauses), team, checklist summary,
findings by kind with their clause, the nonconformities raised, and the conclusions.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hallbar.core.pdf import PdfReport

from .models import Audit


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _person(user) -> str:
    return (user.full_name or user.email) if user else _("Not chosen")


def planned_dates(audit: Audit) -> str:
    if audit.planned_end and audit.planned_end != audit.planned_start:
        return f"{_date(audit.planned_start)} – {_date(audit.planned_end)}"
    return _date(audit.planned_start)


def build(audit: Audit, page: dict) -> PdfReport:
    """The report of ``audit``; ``page`` is :func:`hallbar.audits.queries.audit_page` of it."""
    report = PdfReport(_("Internal audit report"), organisation=audit.programme.organisation.name, subtitle=audit.title)
    report.facts(
        [
            (_("Audit programme"), f"{audit.programme} ({audit.programme.year})"),
            (_("Status"), audit.get_status_display()),
            (_("Planned"), planned_dates(audit)),
            (_("Report written on"), _date(audit.report_date) or _("Not yet")),
            (_("Closed on"), _date(audit.closed_on) or _("Not yet")),
        ]
    )
    if audit.objectives:
        report.heading(_("Objectives"))
        report.paragraph(audit.objectives)

    report.heading(_("Scope"))
    report.heading(_("Units audited"), level=2)
    if page["units"]:
        report.bullets(unit.name for unit in page["units"])
    else:
        report.paragraph(_("The whole organisation"))
    report.heading(_("Clauses audited"), level=2)
    report.table(
        [_("Standard"), _("Clause")],
        [[clause.library.name, str(clause)] for clause in page["clauses"]],
        widths=(2, 3),
        empty=_("No clauses chosen."),
    )

    report.heading(_("Audit team"))
    report.facts(
        [
            (_("Lead auditor"), _person(audit.lead_auditor)),
            (_("Audit team"), ", ".join(_person(person) for person in page["team"]) or _("Nobody else")),
        ]
    )

    report.heading(_("Checklist summary"))
    report.facts([(row["label"], row["count"]) for row in page["conclusion_counts"]])
    report.table(
        [_("No."), _("Question"), _("Conclusion"), _("Answer and notes")],
        [
            [item.order, item.clause or item.question, item.get_conclusion_display(), item.answer]
            for item in page["checklist"]
        ],
        widths=(1, 5, 2, 6),
        empty=_("The checklist has no questions."),
    )

    report.heading(_("Findings"))
    for group in page["findings_by_kind"]:
        report.heading(f"{group['label']} ({len(group['findings'])})", level=2)
        report.table(
            [_("Finding"), _("Clause"), _("Unit"), _("Description")],
            [
                [finding.title, finding.clause or "", finding.unit.name if finding.unit else "", finding.description]
                for finding in group["findings"]
            ],
            widths=(3, 3, 2, 5),
            empty=_("None."),
        )

    report.heading(_("Nonconformities raised"))
    report.table(
        [_("Reference"), _("Title"), _("Severity"), _("Stage")],
        [[nc.reference, nc.title, nc.get_severity_display(), nc.get_stage_display()] for nc in page["nonconformities"]],
        widths=(2, 5, 2, 2),
        empty=_("No nonconformities were raised."),
    )

    report.heading(_("Conclusions"))
    report.paragraph(audit.conclusions or _("Not yet written."))
    return report
