"""The summary as text: sections of a lead sentence and a table, read by both the page and the PDF, so
the two always say the same thing."""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from hallbar.core.numbers import measure

from .summary import CHANGE_DAYS, Summary


@dataclass
class Section:
    key: str
    title: str
    lead: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    empty: str = ""
    links: list[str | None] = field(default_factory=list)  # the first cell's link, per row (page only)

    @property
    def linked_rows(self) -> list[tuple[str | None, str, list[str]]]:
        """(link or None, first cell, other cells) per row, for the page."""
        links = self.links or [None] * len(self.rows)
        return [(link, row[0], row[1:]) for link, row in zip(links, self.rows, strict=True)]


def _tonnes(value) -> str:
    return _("%(tonnes)s t CO2e") % {"tonnes": measure(value, 0)}


def sections(summary: Summary) -> list[Section]:
    return [
        _goals(summary),
        _actions(summary),
        _emissions(summary),
        _budget(summary),
        _consumption(summary),
        _audits(summary),
        _changes(summary),
    ]


def _goals(s: Summary) -> Section:
    lead = _(
        "%(goals)s of %(all)s goals of the adopted plans have targets off track: %(off)s of %(total)s targets "
        "are off track and %(risk)s at risk (the trend of their indicator will not reach the target in time)."
    ) % {
        "goals": s.off_track_goal_count,
        "all": s.goal_count,
        "off": s.off_track_count,
        "total": s.target_count,
        "risk": s.at_risk_count,
    }
    return Section(
        "goals",
        _("Goals off track"),
        lead,
        [_("Goal"), pgettext("document", "Plan"), _("Targets off track"), _("Targets at risk"), _("Targets")],
        [[g.title, g.plan.title, str(g.off_track), str(g.at_risk), str(g.target_count)] for g in s.off_track],
        _("No goal has a target off track."),
        [g.get_absolute_url() for g in s.off_track],
    )


def _actions(s: Summary) -> Section:
    lead = ngettext(
        "%(late)s of %(open)s open actions is delayed or past its end date.",
        "%(late)s of %(open)s open actions are delayed or past their end date.",
        s.late_action_count,
    ) % {"late": s.late_action_count, "open": s.open_action_count}
    return Section(
        "actions",
        _("Actions delayed or overdue"),
        lead,
        [_("Action"), _("Responsible unit"), _("Status"), _("End date")],
        [
            [
                a.title,
                a.responsible_unit.name if a.responsible_unit else "–",
                a.get_status_display() + (f" ({_('overdue')})" if a.is_overdue else ""),
                formats.date_format(a.end_date, "SHORT_DATE_FORMAT") if a.end_date else "–",
            ]
            for a in s.late_actions
        ],
        _("No action is delayed or overdue."),
        [a.get_absolute_url() for a in s.late_actions],
    )


def _emissions(s: Summary) -> Section:
    if s.emission_year is None:
        return Section("emissions", _("Largest territorial emission sectors"), _("No territorial emission data."))
    lead = _("Territorial emissions %(year)s: %(total)s in all (SMHI, %(release)s).") % {
        "year": s.emission_year,
        "total": _tonnes(s.emission_total),
        "release": s.emissions.release,
    }
    return Section(
        "emissions",
        _("Largest territorial emission sectors"),
        lead,
        [_("Sector"), _("Emissions")],
        [[label, _tonnes(value)] for label, value in s.sectors],
    )


def _budget(s: Summary) -> Section:
    b = s.budget
    if b is None:
        return Section("budget", _("Carbon budget"), _("No carbon budget covers the organisation's area."))
    if b.is_spent:
        lead = _("The carbon budget from %(start)s is spent: %(over)s over.") % {
            "start": b.start_year,
            "over": _tonnes(b.overshoot_t),
        }
    else:
        lead = _("%(remaining)s of the carbon budget from %(start)s remain.") % {
            "remaining": _tonnes(b.remaining_t),
            "start": b.start_year,
        }
    rows = [
        [_("Budget"), _tonnes(b.budget_t)],
        [_("Emitted since the start year"), _tonnes(b.emitted_t)],
        [_("Remaining"), _tonnes(b.remaining_t)],
        [
            _("Needed yearly reduction"),
            "–" if b.annual_reduction is None else f"{measure(b.annual_reduction_percent, 1)} %",
        ],
        [
            _("Runs out at the current trend"),
            formats.date_format(b.runs_out, "SHORT_DATE_FORMAT") if b.runs_out else "–",
        ],
    ]
    return Section(
        "budget",
        _("Carbon budget"),
        lead,
        [_("Figure"), _("Value")],
        rows,
        _("Method: %(method)s") % {"method": b.method},
    )


def _consumption(s: Summary) -> Section:
    if s.footprint_year is None:
        return Section("consumption", _("Consumption footprint hotspots"), _("No ledger imported yet."))
    lead = _("Spend-based footprint %(year)s: %(total)s in all; the largest unit and category combinations:") % {
        "year": s.footprint_year,
        "total": _tonnes(s.footprint_tonnes),
    }
    return Section(
        "consumption",
        _("Consumption footprint hotspots"),
        lead,
        [_("Unit"), _("Category"), _("Emissions")],
        [[row["unit__name"] or "–", row["mapping__name"] or "–", _tonnes(row["tonnes"])] for row in s.hotspots],
    )


def _audits(s: Summary) -> Section:
    lead = _(
        "%(findings)s audit findings (major or minor nonconformities) are not closed; %(ncs)s nonconformities are open."
    ) % {
        "findings": len(s.open_findings),
        "ncs": s.open_nonconformity_count,
    }
    return Section(
        "audits",
        _("Open audit findings and nonconformities"),
        lead,
        [_("Reference"), _("Title"), _("Stage")],
        [[nc.reference, nc.title, nc.get_stage_display()] for nc in s.open_nonconformities],
        _("No open nonconformities."),
        [nc.get_absolute_url() for nc in s.open_nonconformities],
    )


def _changes(s: Summary) -> Section:
    lead = _(
        "In the last %(days)s days (by the change history): %(done)s actions were completed and "
        "%(closed)s nonconformities closed."
    ) % {"days": CHANGE_DAYS, "done": s.completed_actions, "closed": s.closed_nonconformities}
    return Section(
        "changes",
        _("What changed"),
        lead,
        [
            _("Records"),
            pgettext("change count", "Added"),
            pgettext("change count", "Changed"),
            pgettext("change count", "Deleted"),
        ],
        [
            [str(name).capitalize(), str(added), str(changed), str(deleted)]
            for name, added, changed, deleted in s.changes
        ],
        _("Nothing changed."),
    )
