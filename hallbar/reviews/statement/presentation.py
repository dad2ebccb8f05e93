"""The statement's content (:mod:`.content`) as readers see it: labels in the active language,
numbers and dates formatted, in one place for the HTML page and the PDF, so both say the same."""

from collections import Counter
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hallbar.aspects.models import Aspect
from hallbar.core.numbers import NO_VALUE, measure, separators
from hallbar.indicators.calculations import Status
from hallbar.indicators.templatetags.indicators import STATUS_DISPLAY
from hallbar.obligations.rules import NOT_EVALUATED_SYMBOL, RESULT_SYMBOLS, Result
from hallbar.plans.models import Plan, Target

from ..models.statement import AREA_A, Area
from .calculations import Gap

NOT_EVALUATED = "not_evaluated"


def gap_label(gap: str) -> str:
    return {
        Gap.NO_A: _("Not reported: there is no value for A."),
        Gap.NO_B: _("Not reported: there is no value for B."),
        Gap.B_NOT_POSITIVE: _("Not reported: B is zero or negative."),
    }[Gap(gap)]


def result_label(result: str) -> str:
    return _("Not evaluated") if result == NOT_EVALUATED else str(Result(result).label)


def result_symbol(result: str) -> str:
    return NOT_EVALUATED_SYMBOL if result == NOT_EVALUATED else RESULT_SYMBOLS[Result(result)]


def _date(value: str | None) -> str:
    return date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT") if value else ""


def _choice(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def present(content: dict) -> dict:
    marks = separators()
    return {
        "year": content["year"],
        "organisation": content["organisation"],
        "scope": _scope(content["scope"]),
        "policy": _policy(content["policy"]),
        "aspects": {kind: [_aspect(aspect) for aspect in content["aspects"][kind]] for kind in ("direct", "indirect")},
        **_objectives(content["plans"], marks),
        "core_indicators": [_core_indicator(area, marks) for area in content["core_indicators"]],
        "compliance": _compliance(content["compliance"]),
    }


def _scope(scope: dict | None) -> dict | None:
    if scope is None:
        return None
    return {**scope, "valid_from": _date(scope["valid_from"]), "approved_on": _date(scope["approved_on"])}


def _policy(policy: dict | None) -> dict | None:
    if policy is None:
        return None
    return {**policy, "approved_on": _date(policy["approved_on"])}


def _aspect(aspect: dict) -> dict:
    handling = []
    if aspect["goals"]:
        handling.append(_("Goals: %(goals)s") % {"goals": ", ".join(aspect["goals"])})
    if aspect["operational_control"]:
        handling.append(_("Operational control: %(text)s") % {"text": aspect["operational_control"]})
    if aspect["decision"]:
        handling.append(_("Decision: %(text)s") % {"text": aspect["decision"]})
    effect = _choice(Aspect.Effect, aspect["effect"])
    return {
        **aspect,
        "unit": aspect["unit"] or _("The whole organisation"),
        "effect": effect,
        "impact_text": f"{aspect['impact']} ({effect.lower()})",
        "channel": _choice(Aspect.Channel, aspect["channel"]) if aspect["channel"] else "",
        "handling": handling or [_("Not yet handled")],
    }


def _status(code: str | None) -> dict | None:
    if code is None:
        return None
    symbol, label, modifier = STATUS_DISPLAY[Status(code)]
    return {"code": code, "symbol": symbol, "label": str(label), "modifier": modifier}


def _amount(value, unit: str, marks) -> str:
    return " ".join(part for part in (measure(value, marks=marks), unit) if part)


def _target(target: dict, marks) -> dict:
    unit = target["unit"]
    latest = target["latest"]
    return {
        "title": target["title"],
        "path": _("%(baseline)s (%(baseline_year)s) → %(target)s (%(target_year)s)")
        % {
            "baseline": _amount(target["baseline_value"], unit, marks),
            "baseline_year": target["baseline_year"],
            "target": _amount(target["target_value"], unit, marks),
            "target_year": target["target_year"],
        },
        "direction": _choice(Target.Direction, target["direction"]),
        "latest": (
            _("%(value)s (%(year)s)") % {"value": _amount(latest["value"], unit, marks), "year": latest["year"]}
            if latest
            else _("No value yet")
        ),
        "status": _status(target["status"]),
        "status_text": _status(target["status"])["label"] if target["status"] else _("No indicator measures it"),
    }


def _objectives(plans: list[dict], marks) -> dict:
    counts = Counter()
    shown = []
    for plan in plans:
        goals = []
        for goal in plan["goals"]:
            targets = [_target(target, marks) for target in goal["targets"]]
            counts.update(target["status"]["code"] for target in targets if target["status"])
            goals.append({"title": goal["title"], "targets": targets})
        shown.append(
            {
                "title": plan["title"],
                "kind": _choice(Plan.Kind, plan["kind"]),
                "adopted_by": plan["adopted_by"],
                "period": f"{plan['valid_from_year']}–{plan['valid_to_year']}",
                "goals": goals,
            }
        )
    status_counts = [
        {**_status(status.value), "count": counts[status.value]} for status in Status if counts[status.value]
    ]
    return {"plans": shown, "status_counts": status_counts}


def _core_indicator(area: dict, marks) -> dict:
    a, b = area["a"], area["b"]
    rows = []
    for figure in area["figures"]:
        change = figure["change"]
        rows.append(
            {
                "year": figure["year"],
                "a": measure(figure["a"], marks=marks) if figure["a"] is not None else None,
                "b": measure(figure["b"], marks=marks) if figure["b"] is not None else None,
                "r": measure(figure["r"], marks=marks) if figure["r"] is not None else None,
                "gap": gap_label(figure["gap"]) if figure["gap"] else "",
                "change": _percent(change, marks) if change is not None else None,
            }
        )
    return {
        "area": area["area"],
        "label": str(Area(area["area"]).label),
        "a_means": str(AREA_A[Area(area["area"])]),
        "a": a,
        "b": b,
        "r_unit": f"{a['unit']} / {b['unit']}" if a and b else "",
        "note": area["note"],
        "rows": rows,
    }


def _percent(share: float, marks) -> str:
    text = measure(share * 100, max_decimals=1, marks=marks)
    return f"+{text} %" if share > 0 and text != "0" else f"{text} %"


def _compliance(compliance: dict) -> dict:
    keys = [*Result.values, NOT_EVALUATED]
    return {
        "counts": [
            {"label": result_label(key), "symbol": result_symbol(key), "count": compliance["counts"][key]}
            for key in keys
        ],
        "total": compliance["total"],
        "not_fully_met": [
            {
                **item,
                "result": result_label(item["result"]),
                "symbol": result_symbol(item["result"]),
                "date": _date(item["date"]),
            }
            for item in compliance["not_fully_met"]
        ],
    }


def cell(value: str | None) -> str:
    """A table cell in the PDF: the text, or a dash for a value that is not reported."""
    return NO_VALUE if value is None else value
