"""The open-data files of published records: indicator values, goal/target status, action progress, the
climate figures and adopted climate budgets.

Each dataset is a list of columns (a stable machine name and a translated heading) and rows of plain
values, built from the same read models as the public pages (``queries``). ``as_csv`` writes UTF-8
with a byte-order mark, ``;`` between fields and a decimal comma (so spreadsheet programs in Swedish
open it as it is); ``as_json`` writes the same rows under the dataset's title, publisher and licence.

The climate figures are one long table, one number a row: ``measure`` says what the number is —
``emissions`` (per sector and year, and ``emissions_total``), ``trend`` and ``reduction_path`` (per year),
and the carbon budget's ``budget``, ``emitted``, ``remaining_budget``, ``needed_annual_reduction`` and
``budget_runs_out`` (with its ``date``) — and ``source`` names the release or the preset it comes from.
"""

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from hallbar.actions.models import ActionPlan
from hallbar.climate.models import ClimateBudget
from hallbar.imports.exports import csv_cell, csv_lines
from hallbar.indicators.calculations import Status
from hallbar.indicators.models import Indicator
from hallbar.organisations.models import Organisation
from hallbar.plans.models import Goal

from . import queries
from .publishable import kind_of

STATUS_TEXT = {
    Status.ON_TRACK: "on_track",
    Status.AT_RISK: "at_risk",
    Status.OFF_TRACK: "off_track",
    Status.NOT_ENOUGH_DATA: "not_enough_data",
}


@dataclass
class Dataset:
    title: str
    description: str
    columns: list[tuple[str, str]]  # (key, heading)
    rows: list[dict] = field(default_factory=list)


def dataset_for(organisation, obj) -> Dataset:
    builder = {
        Indicator: indicator_values,
        Goal: target_status,
        ActionPlan: action_progress,
        Organisation: climate_figures,
        ClimateBudget: budget_ceilings,
    }[type(obj)]
    return builder(organisation, obj)


def title_of(obj) -> str:
    return str(kind_of(obj).dataset_title) % {"title": obj}


def description_of(obj) -> str:
    """What the dataset holds, without reading it (for the catalogue)."""
    texts = {
        Indicator: _("Values of the indicator “%(title)s” for the whole organisation, by period."),
        Goal: _("The targets of the goal “%(title)s” with their status computed from the indicator values."),
        ActionPlan: _("The actions of the action plan “%(title)s” with their status and progress."),
        Organisation: _(
            "Territorial greenhouse-gas emissions of the area of %(title)s by sector and year (SMHI, Nationella "
            "emissionsdatabasen), and its carbon budget: trend, reduction path, remaining budget and when it runs out."
        ),
        ClimateBudget: _(
            "The yearly emission ceilings of the adopted climate budget “%(title)s”, with trend and reductions."
        ),
    }
    return texts[type(obj)] % {"title": obj}


def indicator_values(organisation, indicator: Indicator) -> Dataset:
    page = queries.indicator(organisation, indicator)
    columns = [
        ("indicator", _("indicator")),
        ("year", _("year")),
        ("period", _("period")),
        ("value", _("value")),
        ("unit", _("unit of measurement")),
    ]
    if indicator.split_by_gender:
        columns += [("value_women", _("value for women")), ("value_men", _("value for men"))]
    columns += [("status", _("status")), ("source", _("source"))]
    rows = [
        {
            "indicator": indicator.title,
            "year": value.year,
            "period": value.period_label,
            "value": value.value,
            "unit": indicator.unit,
            "value_women": value.value_women,
            "value_men": value.value_men,
            "status": value.status,
            "source": value.source or indicator.source,
        }
        for value in page["values"]
    ]
    return Dataset(title_of(indicator), description_of(indicator), columns, rows)


def target_status(organisation, goal: Goal) -> Dataset:
    page = queries.goal(organisation, goal)
    columns = [
        ("goal", _("goal")),
        ("target", _("target")),
        ("baseline_year", _("baseline year")),
        ("baseline_value", _("baseline value")),
        ("target_year", _("target year")),
        ("target_value", _("target value")),
        ("unit", _("unit of measurement")),
        ("direction", _("desired direction")),
        ("status", _("status")),
        ("projected_value", _("projected value in the target year")),
    ]
    rows = []
    for target in page["targets"]:
        assessment = target.assessment
        rows.append(
            {
                "goal": goal.title,
                "target": target.title,
                "baseline_year": target.baseline_year,
                "baseline_value": float(target.baseline_value),
                "target_year": target.target_year,
                "target_value": float(target.target_value),
                "unit": target.unit,
                "direction": target.direction,
                "status": STATUS_TEXT[assessment.status] if assessment else "no_indicator",
                "projected_value": assessment.projected if assessment else None,
            }
        )
    return Dataset(title_of(goal), description_of(goal), columns, rows)


def action_progress(organisation, action_plan: ActionPlan) -> Dataset:
    page = queries.action_plan(organisation, action_plan)
    columns = [
        ("action_plan", _("action plan")),
        ("action", _("action")),
        ("status", _("status")),
        ("percent_complete", _("percent complete")),
        ("start_date", _("start date")),
        ("end_date", _("end date")),
        ("overdue", _("overdue")),
        ("responsible_unit", _("responsible unit")),
    ]
    rows = [
        {
            "action_plan": action_plan.title,
            "action": action.title,
            "status": action.status,
            "percent_complete": action.percent_complete,
            "start_date": action.start_date.isoformat() if action.start_date else None,
            "end_date": action.end_date.isoformat() if action.end_date else None,
            "overdue": action.is_overdue,
            "responsible_unit": action.responsible_unit.name if action.responsible_unit else None,
        }
        for action in page["actions"]
    ]
    return Dataset(title_of(action_plan), description_of(action_plan), columns, rows)


BUDGET_UNIT = "t CO2"  # the carbon budget is of carbon dioxide, whatever unit the release's series have


def climate_figures(organisation, _organisation) -> Dataset:
    overview = queries.climate(organisation)["overview"]
    columns = [
        ("area", _("area")),
        ("measure", _("measure")),
        ("sector", _("sector")),
        ("year", _("year")),
        ("value", _("value")),
        ("unit", _("unit of measurement")),
        ("date", _("date")),
        ("source", _("source")),
    ]
    rows: list[dict] = []
    if overview is None:
        return Dataset(title_of(organisation), description_of(organisation), columns, rows)

    def add(measure, year, value, unit, source, sector=None, day=None):
        rows.append(
            {
                "area": overview.area.name,
                "measure": measure,
                "sector": sector,
                "year": year,
                "value": value,
                "unit": unit,
                "date": day.isoformat() if day else None,
                "source": source,
            }
        )

    history = overview.history
    if history is not None:
        release = history.release
        for label, values in history.by_sector:
            for year, value in zip(history.years, values, strict=True):
                if value is not None:
                    add("emissions", year, value, release.unit, release.name, sector=label)
        for year, value in zip(history.years, history.total, strict=True):
            if value is not None:
                add("emissions_total", year, value, release.unit, release.name)
    status = overview.status
    if status is not None:
        method, unit = status.method, status.method.release.unit
        source = _("%(method)s; release %(release)s") % {"method": method, "release": method.release.name}
        for measure, values in (("trend", status.trend), ("reduction_path", status.path)):
            for year, value in zip(status.chart_years, values, strict=True):
                if value is not None:
                    add(measure, year, value, unit, source)
        add("budget", status.start_year, status.budget_t, BUDGET_UNIT, source)
        add("emitted", status.current_year, status.emitted_t, unit, source)
        add("remaining_budget", status.current_year, status.remaining_t, BUDGET_UNIT, source)
        add("needed_annual_reduction", status.current_year, status.annual_reduction_percent, "%", source)
        runs_out = status.runs_out
        add("budget_runs_out", runs_out.year if runs_out else None, None, None, source, day=runs_out)
    return Dataset(title_of(organisation), description_of(organisation), columns, rows)


def budget_ceilings(organisation, budget: ClimateBudget) -> Dataset:
    page = queries.climate_budget(budget)
    figures = page.figures
    columns = [
        ("budget", _("climate budget")),
        ("year", _("year")),
        ("ceiling", _("ceiling")),
        ("trend", _("trend")),
        ("needed_reduction", _("needed reduction")),
        ("planned_reduction", _("planned reduction")),
        ("remaining_gap", _("remaining gap")),
        ("unit", _("unit of measurement")),
        ("method", _("carbon-budget method")),
        ("release", _("release")),
    ]
    rows = [
        {
            "budget": budget.title,
            "year": row.year,
            "ceiling": row.ceiling_t,
            "trend": row.trend_t,
            "needed_reduction": row.needed_t,
            "planned_reduction": row.planned_t,
            "remaining_gap": row.gap_t,
            "unit": figures.unit,
            "method": figures.method,
            "release": figures.method_release,
        }
        for row in page.year_sums
    ]
    return Dataset(title_of(budget), description_of(budget), columns, rows)


# --- Files --------------------------------------------------------------------------------------------


def as_csv(dataset: Dataset) -> str:
    """The shared CSV writer (``imports.exports``), with a decimal comma and 1/0 for yes/no in every language."""
    header = [key for key, _heading in dataset.columns]
    cells = ([csv_cell(row.get(key), ",", ("0", "1")) for key, _heading in dataset.columns] for row in dataset.rows)
    return "".join(csv_lines(header, cells))


def as_json(dataset: Dataset, *, organisation, licence, url: str) -> str:
    document = {
        "title": dataset.title,
        "description": dataset.description,
        "publisher": organisation.name,
        "source": url,
        "licence": {"name": str(licence.name), "url": licence.url},
        "licence_statement": licence_statement(organisation, licence),
        "columns": [{"key": key, "title": str(heading)} for key, heading in dataset.columns],
        "rows": dataset.rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def licence_statement(organisation, licence) -> str:
    return _("Data from %(publisher)s, published under %(licence)s (%(url)s).") % {
        "publisher": organisation.name,
        "licence": licence.name,
        "url": licence.url,
    }
