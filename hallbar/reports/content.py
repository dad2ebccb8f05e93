"""What a report says, assembled as plain data from the read models the pages use.

:func:`assemble` returns a JSON-able dict — title, organisation, period, audience and a list of
sections, each a list of blocks (``paragraph``, ``facts``, ``table``, ``chart``, ``heading``) — that the
PDF, DOCX and XLSX writers render and that the version keeps as its frozen content. Numbers stay numbers
(the writers format them); a chart is followed by its table in every format.

Where each section comes from:

* summary: the plan's goals and targets (``plans.queries.plan_tree``) and its action plans' actions;
* goal status: ``plan_tree`` (target status by ``indicators.queries.assess_targets``) with the values up
  to the end of the report's period, and each target's value for that period;
* indicators: ``indicators.charts.indicator_chart`` for each indicator measuring a target of the plan.

Periods: a report covers a year or one of its tertials (an ``indicators.periods.Period``). Each indicator
shows its value for the period it reports in it, as reporting rounds ask for it (``Period.reported_by``:
a yearly indicator its year, a quarterly one in T2 its Q2), and a missing value is said so, never replaced.
The trends and statuses use yearly values up to the end of the report's period
(``organisation_series(until=…)``): for the report's own year, the latest period that had ended stands
for the year, as the target-status method says (``indicators.periods.yearly_series``);
* actions: the actions of the plan's action plans (``actions.queries.listed``/``flag``) and their progress
  updates in the period (``progress_between``);
* climate: ``climate.status`` (SMHI's territorial emissions and the budget status of the chosen preset);
* procurement: ``procurement.queries.requirement_shares`` for the year (internal reports only);
* audit results: the year's audit programmes (``audits.queries.programme_list``/``audits_of``) (internal only).

A **public** report holds only what the portal publishes (``hallbar.portal.queries``): the plan must be
published, and only its published goals, published indicators and published action plans are shown;
procurement and audits are never in it; people's names are never in any report.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from hallbar.accounts.scoping import Scope
from hallbar.actions import queries as action_queries
from hallbar.actions.models import Action, ActionPlan
from hallbar.core import numbers
from hallbar.indicators.calculations import Status
from hallbar.indicators.charts import indicator_chart
from hallbar.indicators.models import Indicator
from hallbar.indicators.periods import Frequency, Period
from hallbar.indicators.queries import assess_targets, organisation_series, period_values
from hallbar.indicators.templatetags.indicators import STATUS_DISPLAY
from hallbar.plans.queries import plan_tree, status_counts
from hallbar.portal import queries as portal_queries
from hallbar.web.charts import BarChart, Series

from . import charts
from .models import Report
from .sections import (
    ACTIONS,
    AUDITS,
    CLIMATE,
    GOALS,
    INDICATORS,
    INTERNAL_ONLY,
    PROCUREMENT,
    SECTIONS,
    SUMMARY,
    ordered,
    period_bounds,
)


class ContentProblem(Exception):
    """The report cannot be made as set up (e.g. a public report of an unpublished plan)."""


def _status_text(status) -> str:
    symbol, label, _modifier = STATUS_DISPLAY[Status(status)]
    return f"{symbol} {label}"


class _Reader:
    """Reads the data once and hands it to each section."""

    def __init__(self, report: Report, user):
        self.report = report
        self.organisation = report.organisation
        self.public = report.audience == Report.Audience.PUBLIC
        self.scope = Scope(user, self.organisation)
        self.start, self.end = period_bounds(report.year, report.tertial)
        self.covered = Period(report.year, Frequency.TERTIAL, report.tertial) if report.tertial else Period(report.year)
        self.published = portal_queries.published_ids(self.organisation) if self.public else None
        plan = report.plan
        if self.public and plan.pk not in self.published[type(plan)]:
            raise ContentProblem(_("The plan is not published on the portal, so it cannot be in a public report."))
        tree = plan_tree(plan)
        goals = [goal for area in tree["focus_areas"] for goal in area["goals"]] + tree["unplaced_goals"]
        if self.public:
            goals = [goal for goal in goals if goal.pk in self.published[type(goal)]]
        self.goals = goals
        self.targets = [target for goal in goals for target in goal.targets.all()]
        indicator_ids = {target.indicator_id for target in self.targets if target.indicator_id}
        if self.public:
            indicator_ids &= self.published[Indicator]
        self.indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=indicator_ids).order_by("title", "pk")}
        self.series = organisation_series(indicator_ids, until=self.covered)
        self.period_values = {line.indicator.pk: line for line in period_values(self.indicators.values(), self.covered)}
        shown = [target for target in self.targets if target.indicator_id in self.indicators]
        assessments = assess_targets(shown, self.series)
        for target in self.targets:
            target.assessment = assessments.get(target.pk)
        action_plans = ActionPlan.objects.filter(plan=plan, organisation=self.organisation)
        if self.public:
            action_plans = action_plans.filter(pk__in=self.published[ActionPlan])
        self.action_plans = list(action_plans.order_by("title", "pk"))
        settings = action_queries.follow_up_settings(self.organisation)
        self.actions = action_queries.flag(
            action_queries.listed(Action.objects.filter(action_plan__in=self.action_plans)).order_by("title", "pk"),
            settings,
        )

    # --- Sections ------------------------------------------------------------------------------------

    def summary(self) -> list[dict]:
        counts = status_counts(target.assessment for target in self.targets if target.assessment)
        actions = Counter(action.status for action in self.actions)
        rows = [
            [_("Plan"), self.report.plan.title],
            [_("Period"), _period_text(self.start, self.end)],
            [_("Goals"), len(self.goals)],
            [_("Targets"), len(self.targets)],
            *[[_status_text(status), count] for status, count in counts],
            [_("Actions"), len(self.actions)],
            *[[label, actions[value]] for value, label in Action.Status.choices if actions[value]],
        ]
        return [{"type": "facts", "rows": rows}]

    def goals_section(self) -> list[dict]:
        if not self.goals:
            return [{"type": "paragraph", "text": _("The plan has no goals to report.")}]
        headers = [_("Goal"), _("Target"), _("Baseline"), _("Target value"), _("Value for the period"), _("Period")]
        headers.append(_("Status"))
        rows, missing = [], {}
        for goal in self.goals:
            targets = list(goal.targets.all()) or [None]
            for target in targets:
                if target is None:
                    rows.append([goal.title, _("No targets"), None, None, None, "", ""])
                    continue
                line = self.period_values.get(target.indicator_id)
                if line is not None and line.value is None:
                    missing[line.indicator.pk] = line
                rows.append(
                    [
                        goal.title,
                        target.title,
                        f"{numbers.measure(target.baseline_value)} ({target.baseline_year})",
                        f"{numbers.measure(target.target_value)} ({target.target_year})",
                        line.value.value if line and line.value else None,
                        line.period_label if line else "",
                        _status_text(target.assessment.status) if target.assessment else _("Not measured"),
                    ]
                )
        blocks = [{"type": "table", "title": _("Goal status"), "headers": headers, "rows": rows}]
        if missing:
            names = ", ".join(f"{line.indicator.title} ({line.period_label})" for line in missing.values())
            blocks.append(
                {"type": "paragraph", "text": _("No value for the report's period: %(names)s.") % {"names": names}}
            )
        return blocks

    def indicators_section(self) -> list[dict]:
        blocks = []
        for pk, indicator in self.indicators.items():
            targets = [target for target in self.targets if target.indicator_id == pk]
            spec = indicator_chart(indicator, self.series.get(pk, {}), targets)
            if spec is None:
                blocks.append({"type": "heading", "text": indicator.title})
                blocks.append(
                    {"type": "paragraph", "text": _("No values up to %(year)s.") % {"year": self.report.year}}
                )
                continue
            blocks.append({"type": "chart", "chart": charts.from_spec(spec)})
            line = self.period_values[pk]
            if line.value is None:
                blocks.append(
                    {"type": "paragraph", "text": _("No value for %(period)s.") % {"period": line.period_label}}
                )
        return blocks or [{"type": "paragraph", "text": _("No indicator measures the plan's targets.")}]

    def actions_section(self) -> list[dict]:
        if not self.actions:
            return [{"type": "paragraph", "text": _("The plan has no action plans with actions.")}]
        updates = Counter(
            action_queries.progress_between(self.scope, self.start, self.end)
            .filter(action__in=[action.pk for action in self.actions])
            .values_list("action_id", flat=True)
        )
        counts = Counter(action.status for action in self.actions)
        statuses = [(value, label) for value, label in Action.Status.choices if counts[value]]
        spec = BarChart(
            title=_("Actions by status"),
            unit=_("actions"),
            categories=[label for _value, label in statuses],
            series=[Series(_("Actions"), [counts[value] for value, _label in statuses])],
            category_title=_("Status"),
        )
        headers = [_("Action"), _("Action plan"), _("Responsible unit"), _("Status"), _("Complete (%)")]
        headers += [_("End date"), _("Overdue"), _("Progress updates in the period")]
        rows = [
            [
                action.title,
                action.action_plan.title if action.action_plan else "",
                action.responsible_unit.name if action.responsible_unit else "",
                action.get_status_display(),
                action.percent_complete,
                action.end_date.isoformat() if action.end_date else "",
                _("Yes") if action.is_overdue else _("No"),
                updates[action.pk],
            ]
            for action in self.actions
        ]
        return [
            {"type": "chart", "chart": charts.from_spec(spec)},
            {"type": "table", "title": _("Actions"), "headers": headers, "rows": rows},
        ]

    def climate_section(self) -> list[dict]:
        from hallbar.climate import queries as climate_queries
        from hallbar.climate import status as figures

        area = figures.area_for(self.organisation)
        history = figures.history(area) if area else None
        if history is None:
            return [{"type": "paragraph", "text": _("There are no territorial emission figures for the organisation.")}]
        years = [year for year in history.years if year <= self.report.year]
        spec_series = [Series(_("Total"), history.total[: len(years)])]
        chart = {
            "kind": "line",
            "title": _("Territorial greenhouse gas emissions"),
            "unit": _("tonnes CO2e"),
            "x_title": _("Year"),
            "x_labels": [str(year) for year in years],
            "series": [charts.series_of(one) for one in spec_series],
        }
        blocks = [
            {
                "type": "paragraph",
                "text": _("Source: SMHI, Nationella emissionsdatabasen, release %(release)s.")
                % {"release": str(history.release)},
            },
            {"type": "chart", "chart": chart},
        ]
        found = figures.areas(
            climate_queries.method_for(self.organisation), area, self.report.year, figures.municipalities()
        )
        if found is not None:
            status = figures.status(found)
            blocks.append(
                {
                    "type": "facts",
                    "rows": [
                        [_("Budget method"), str(status.method)],
                        [_("Carbon budget from %(year)s (tonnes CO2e)") % {"year": status.start_year}, status.budget_t],
                        [_("Emitted so far (tonnes CO2e)"), status.emitted_t],
                        [_("Remaining (tonnes CO2e)"), status.remaining_t],
                        [_("Runs out"), status.runs_out.isoformat() if status.runs_out else _("Not at the trend")],
                    ],
                }
            )
        return blocks

    def procurement_section(self) -> list[dict]:
        from hallbar.procurement.queries import requirement_shares

        rows = requirement_shares(self.scope, year=self.report.year)
        if not rows:
            return [{"type": "paragraph", "text": _("No procurements in %(year)s.") % {"year": self.report.year}}]
        headers = [_("Buying unit"), _("Procurements"), _("Value (SEK)")]
        headers += [_("Environmental requirements (%)"), _("Social requirements (%)"), _("Innovation (%)")]
        table = [
            [
                _("All units") if row.is_total else row.unit_name,
                row.count,
                float(row.value),
                _number(row.environmental_count_share),
                _number(row.social_count_share),
                _number(row.innovation_count_share),
            ]
            for row in rows
        ]
        return [{"type": "table", "title": _("Procurements with requirements"), "headers": headers, "rows": table}]

    def audits_section(self) -> list[dict]:
        from hallbar.audits.models import Finding
        from hallbar.audits.queries import audits_of, programme_list

        programmes = list(programme_list(self.scope, year=self.report.year))
        if not programmes:
            return [{"type": "paragraph", "text": _("No audit programme for %(year)s.") % {"year": self.report.year}}]
        kinds = Finding.Kind.choices
        headers = [_("Audit"), _("Status"), *[label for _value, label in kinds], _("Findings")]
        rows = [
            [
                audit.title,
                audit.get_status_display(),
                *[getattr(audit, f"{value}_count") for value, _label in kinds],
                audit.finding_count,
            ]
            for programme in programmes
            for audit in audits_of(programme)
        ]
        return [{"type": "table", "title": _("Audit results"), "headers": headers, "rows": rows}]


def _number(value):
    return None if value is None else float(value)


def _period_text(start: date, end: date) -> str:
    return f"{start.isoformat()} – {end.isoformat()}"


BUILDERS = {
    SUMMARY: _Reader.summary,
    GOALS: _Reader.goals_section,
    INDICATORS: _Reader.indicators_section,
    ACTIONS: _Reader.actions_section,
    CLIMATE: _Reader.climate_section,
    PROCUREMENT: _Reader.procurement_section,
    AUDITS: _Reader.audits_section,
}


def assemble(report: Report, user) -> dict:
    """The report's content for ``user`` (who asked for it: the data is read within their scope)."""
    reader = _Reader(report, user)
    keys = [key for key in ordered(report.sections) if not (reader.public and key in INTERNAL_ONLY)]
    return _plain(
        {
            "title": report.title,
            "organisation": report.organisation.name,
            "subtitle": f"{report.get_kind_display()} · {report.period_label} · {report.plan.title}",
            "audience": report.audience,
            "audience_label": str(
                _("Public report: holds only what is published") if reader.public else _("Internal report")
            ),
            "generated_at": timezone.now().isoformat(),
            "sections": [{"key": key, "title": str(SECTIONS[key]), "blocks": BUILDERS[key](reader)} for key in keys],
        }
    )


def _plain(value):
    """Lazily translated labels as text, so the content is JSON (numbers and None stay as they are)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)
