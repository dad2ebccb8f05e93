"""The open-data files of published records: indicator values, goal/target status, action progress.

Each dataset is a list of columns (a stable machine name and a translated heading) and rows of plain
values, built from the same read models as the public pages (``queries``). ``as_csv`` writes UTF-8
with a byte-order mark, ``;`` between fields and a decimal comma (so spreadsheet programs in Swedish
open it as it is); ``as_json`` writes the same rows under the dataset's title, publisher and licence.
"""

import csv
import io
import json
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from hallbar.actions.models import ActionPlan
from hallbar.indicators.calculations import Status
from hallbar.indicators.models import Indicator
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
    builder = {Indicator: indicator_values, Goal: target_status, ActionPlan: action_progress}[type(obj)]
    return builder(organisation, obj)


def title_of(obj) -> str:
    return str(kind_of(obj).dataset_title) % {"title": obj}


def description_of(obj) -> str:
    """What the dataset holds, without reading it (for the catalogue)."""
    texts = {
        Indicator: _("Values of the indicator “%(title)s” for the whole organisation, by period."),
        Goal: _("The targets of the goal “%(title)s” with their status computed from the indicator values."),
        ActionPlan: _("The actions of the action plan “%(title)s” with their status and progress."),
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


# --- Files --------------------------------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # text a spreadsheet would run as a formula


def _cell(value) -> str:
    """A CSV cell: decimal comma, no float noise (0,3 not 0,30000000000000004), no exponent, and text that
    could start a formula (titles may come from citizens' proposals) prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        text = format(value, ".15g")  # 15 significant digits: what the value holds, without float noise
        if "e" in text:
            text = format(Decimal(text), "f")
        return text.replace(".", ",")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def as_csv(dataset: Dataset) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([key for key, _heading in dataset.columns])
    for row in dataset.rows:
        writer.writerow([_cell(row.get(key)) for key, _heading in dataset.columns])
    return out.getvalue()


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
