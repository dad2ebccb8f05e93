"""The management review as a PDF (:mod:`hallbar.core.pdf`), with the content of the review page:
the same facts, the input sections from :mod:`hallbar.reviews.presentation` with the coordinator's
notes and the conclusions, the conclusions on the system, the decisions and the actions."""

from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.core.pdf import PdfReport

from .models import ManagementReview
from .presentation import Facts, Paragraph, Table


def _person(user) -> str:
    return (user.full_name or user.email) if user else ""


def facts(review: ManagementReview, context: dict) -> list[tuple[str, str]]:
    """The facts at the top of the review, as on the page."""
    pairs = [
        (_("Status"), review.get_status_display()),
        (_("Date of the review"), review.date.isoformat()),
        (_("Period"), context["period"]),
        (_("Participants"), review.participants or _("Not recorded yet")),
        (_("Inputs assembled"), context["assembled_on"]),
    ]
    if review.approved_at:
        approved = [timezone.localdate(review.approved_at).isoformat(), _person(review.approved_by)]
        pairs.append((_("Approved"), ", ".join(part for part in approved if part)))
    return pairs


def _widths(table: Table) -> tuple[int, ...] | None:
    """Column widths by content, within bounds: room for the longest word (so words are not broken)
    and more for longer texts."""
    if not table.rows:
        return None
    columns = zip(table.headers, *[[cell.text for cell in row] for row in table.rows], strict=True)
    widths = []
    for column in columns:
        texts = [str(text) for text in column]
        longest_word = max((len(word) for text in texts for word in text.split()), default=0)
        widths.append(min(max(6, longest_word, max(len(text) for text in texts) // 3), 30))
    return tuple(widths)


def _blocks(report: PdfReport, blocks: list) -> None:
    for block in blocks:
        if isinstance(block, Facts):
            report.facts(block.pairs)
        elif isinstance(block, Paragraph):
            report.paragraph(block.text)
        elif isinstance(block, Table):
            report.heading(block.caption, level=3)
            rows = [[cell.text for cell in row] for row in block.rows]
            report.table(block.headers, rows, widths=_widths(block), empty=block.empty)


def build(review: ManagementReview, context: dict) -> PdfReport:
    """The PDF of ``review``; ``context`` is the review page's context (its sections, decisions, actions)."""
    report = PdfReport(_("Management review"), organisation=review.organisation.name, subtitle=review.title)
    report.facts(facts(review, context))

    for section in context["sections"]:
        report.heading(section.title)
        report.paragraph(str(section.section.asks), muted=True)
        _blocks(report, section.blocks)
        if section.notes_label:
            report.heading(_("Input from the coordinator: %(what)s") % {"what": section.notes_label}, level=2)
            report.paragraph(section.notes or _("None written."))
        report.heading(_("Conclusion"), level=2)
        report.paragraph(section.conclusion or _("No conclusion written."))

    report.heading(_("Conclusions on the management system"))
    for name in ("suitability", "adequacy", "effectiveness"):
        report.heading(str(ManagementReview._meta.get_field(name).verbose_name).capitalize(), level=2)
        report.paragraph(getattr(review, name) or _("Not written yet."))

    report.heading(_("Decisions"))
    report.table(
        [_("Kind"), _("Decision")],
        [[decision.get_kind_display(), decision.text] for decision in context["decisions"]],
        widths=(1, 3),
        empty=_("No decisions recorded."),
    )

    report.heading(_("Actions"))
    report.table(
        [_("Action"), _("Status"), _("Responsible unit"), _("Contact person"), _("End date")],
        [
            [
                action.title,
                action.get_status_display() + (f" – {_('overdue')}" if action.is_overdue else ""),
                action.responsible_unit.name if action.responsible_unit else _("The whole organisation"),
                _person(action.contact_person),
                action.end_date.isoformat() if action.end_date else "",
            ]
            for action in context["actions"]
        ],
        widths=(4, 2, 3, 3, 2),
        empty=_("No actions decided."),
    )
    return report
