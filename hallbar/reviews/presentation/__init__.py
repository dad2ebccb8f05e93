"""What a review shows, in the reader's language: the stored inputs (:mod:`hallbar.reviews.inputs`)
turned into facts, tables and paragraphs, section by section, for the HTML page and the PDF alike —
so both always carry the same content.

The inputs keep the values of choices (statuses, levels, kinds); the labels are looked up here from
the owning app's choices, so a review started in Swedish reads in English too. Statuses are written
as text, never shown by colour alone. No queries: everything comes from the review.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ManagementReview
from ..sections import SECTIONS
from . import changes, performance
from .blocks import Cell, Facts, Paragraph, SectionView, Table

__all__ = ["Cell", "Facts", "Paragraph", "SectionView", "Table", "assembled_on", "period_text", "sections"]

PRESENTERS = {
    "previous_actions": changes.previous_actions,
    "context": changes.context,
    "obligations": changes.obligations,
    "aspects": changes.aspects,
    "risks": changes.risks,
    "goals": performance.goals,
    "indicators": performance.indicators,
    "plan_actions": performance.plan_actions,
    "audits": performance.audits,
    "nonconformities": performance.nonconformities,
    "maturity": performance.maturity,
    "communication": performance.communication,
    "improvement": performance.improvement,
}


def sections(review: ManagementReview) -> list[SectionView]:
    """Every input section of the review, in order, with its blocks, the coordinator's notes and the conclusion."""
    stored = (review.inputs or {}).get("sections", {})
    views = []
    for number, section in enumerate(SECTIONS, start=1):
        view = SectionView(number, section, conclusion=review.conclusion(section.key))
        presenter = PRESENTERS.get(section.key)
        if presenter is not None:
            data = stored.get(section.key)
            view.blocks = presenter(data) if data is not None else [Paragraph(_("Not part of the assembled inputs."))]
        if section.notes:
            view.notes = getattr(review, section.notes)
            view.notes_label = str(ManagementReview._meta.get_field(section.notes).verbose_name)
        views.append(view)
    return views


def assembled_on(review: ManagementReview) -> str:
    if review.inputs_assembled_at is None:
        return ""
    return timezone.localtime(review.inputs_assembled_at).strftime("%Y-%m-%d %H:%M")


def period_text(review: ManagementReview) -> str:
    return f"{review.period_start.isoformat()} – {review.period_end.isoformat()}"
