from django.utils.translation import gettext_lazy as _

from hallbar.imports.exports import ExportColumn


def _matches(article) -> str:
    return "; ".join(
        f"{match.identifier} {match.substance_name} ({match.get_source_display()})" for match in article.matches.all()
    )


SUBSTANCE_COLUMNS = [
    ExportColumn(_("Substance name"), "name", width=60),
    ExportColumn(_("EC number"), "ec_number", width=12),
    ExportColumn(_("CAS number"), "cas_number", width=12),
    ExportColumn(_("Date of inclusion"), "date_of_inclusion", kind="date"),
    ExportColumn(_("Reason for inclusion"), "reason", width=40),
    ExportColumn(_("Decision"), "decision", width=16),
]

PHASE_OUT_COLUMNS = [
    ExportColumn(_("Substance name"), "name", width=40),
    ExportColumn(_("CAS number"), "cas_number", width=12),
    ExportColumn(_("EC number"), "ec_number", width=12),
    ExportColumn(_("Reason"), "reason", width=60),
    ExportColumn(_("Added"), "added_on", kind="date"),
]

SCREENING_COLUMNS = [
    ExportColumn(_("Title"), "title", width=40),
    ExportColumn(_("Unit"), "unit.name", width=30),
    ExportColumn(_("Screened"), "screened_at", kind="datetime"),
    ExportColumn(_("Articles"), "article_count", kind="number"),
    ExportColumn(_("Articles with matches"), "flagged_count", kind="number"),
    ExportColumn(_("Articles without CAS or EC numbers"), "unidentified_count", kind="number"),
    ExportColumn(_("Candidate List version"), "candidate_list.version", width=24),
]

ARTICLE_COLUMNS = [
    ExportColumn(_("Row in the file"), "row", kind="number", width=8),
    ExportColumn(_("Article"), "name", width=40),
    ExportColumn(_("Supplier"), "supplier", width=24),
    ExportColumn(_("CAS numbers"), "cas_numbers", width=24),
    ExportColumn(_("EC numbers"), "ec_numbers", width=24),
    ExportColumn(_("Quantity"), "quantity", kind="number"),
    ExportColumn(_("Unit of quantity"), "quantity_unit", width=10),
    ExportColumn(_("Has matches"), "is_flagged"),
    ExportColumn(_("Matches"), _matches, width=60),
]
