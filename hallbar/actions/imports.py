"""Importing actions (CSV/XLSX) through the shared import pipeline (hallbar.imports).

One row is one action.

**Matching rule.** A row *updates* the stored action of the organisation that has the same action plan
(both without an action plan counts as the same) and the same title, where titles are compared
without regard to upper and lower case and to runs of spaces ("Laddplatser  vid skolan" is
"laddplatser vid skolan"). Every other row creates a new action. Two rows of one file with the same
title and action plan (compared the same way) are an error naming both rows; so is a row that matches
two stored actions (rename one of them first). The title, being the key, is never changed by an import.

**Updates** change only what the row says: an empty cell keeps the stored value, so an import never
clears a field; a goal, target or indicator in the row is *added* to the action's links, none is removed.

**Rules**, checked for the whole file before anything is written:

1. Everything a row refers to belongs to the organisation: the lookups know only its own action plans,
   active units, goals, targets and indicators (by exact title or id), and its active members (by
   e-mail) as contact persons.
2. The end date may not be before the start date, comparing the dates the action will have: a row
   giving only a start date is checked against the stored end date, and the other way round.
3. Who may import: as everywhere, editors only for the units they may change. A row for another unit,
   a new action for the whole organisation, or an update of a stored action of a unit the user may
   not change (or of the whole organisation) is an error.
4. The status rules of :mod:`hallbar.actions.services` apply through ``services.prepare_action``
   (e.g. "done" without an end date gets one), and so does the model's own validation, for every row
   before anything is written; anything it still refuses is reported by row and field. Links are
   checked with ``services.check_links``.

**Writes**: new actions in one bulk insert, changed ones in one bulk update, the links with one insert per
kind (existing links are left as they are). There is no history entry per action: the import job
records one change for the whole import (see docs/decisions/0011-imports.md).
"""

import polars as pl
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.imports.lookups import ACTIVE_UNITS, Named, member_emails, member_keys
from hallbar.imports.matching import join_stored, matching_errors, name_key, stored_by_key
from hallbar.imports.permissions import load_unit_permissions, stored_unit_errors, unit_errors
from hallbar.imports.registry import Column, ColumnType, CommitResult, ImportSpec, register
from hallbar.imports.updating import column_ids, fill_from_row, prepared, write
from hallbar.imports.validation import errors_where, raw
from hallbar.indicators.models import Indicator
from hallbar.organisations.models import OrganisationUnit
from hallbar.plans.models import Goal, Target

from . import services
from .models import Action, ActionPlan
from .rules import Status

MAX_SEK = 10**14 - 1  # the model's 14 digits of whole kronor
# Columns written to the action as they are (references become the ``<name>_id`` column).
FIELDS = ("description", "start_date", "end_date", "budget_sek", "outcome_sek", "status")
REFERENCES = ("action_plan", "responsible_unit", "contact_person")
LINKS = {"goal": "goals", "target": "targets", "indicator": "indicators"}
STORED_SCHEMA = {
    "_existing": pl.Int64,
    "_stored_title": pl.String,
    "_plan": pl.Int64,
    "_stored_unit": pl.Int64,
    "_stored_start": pl.Date,
    "_stored_end": pl.Date,
}


# What a reference column names, within the organisation.
NAMED = {
    "action_plan": Named(lambda organisation: ActionPlan.objects.filter(organisation=organisation), "title"),
    "responsible_unit": ACTIVE_UNITS,
    "goal": Named(lambda organisation: Goal.objects.filter(plan__organisation=organisation), "title"),
    "target": Named(lambda organisation: Target.objects.filter(goal__plan__organisation=organisation), "title"),
    "indicator": Named(lambda organisation: Indicator.objects.filter(organisation=organisation), "title"),
}


def prepare(context) -> None:
    stored = Action.objects.filter(organisation=context.organisation).values_list(
        "pk", "title", "action_plan_id", "responsible_unit_id", "start_date", "end_date"
    )
    keys = {"_title": name_key(pl.col("_stored_title")), "_plan": pl.col("_plan").fill_null(0)}
    # One row per key: the stored action it matches, and how many match (more than one is an error).
    context.data["stored"] = stored_by_key(stored, STORED_SCHEMA, keys)
    load_unit_permissions(context)


def matched(frame: pl.DataFrame, context) -> pl.DataFrame:
    """The frame with the matching rule's key and the stored action each row updates (``_existing``)."""
    plan = pl.col("action_plan").cast(pl.Int64).fill_null(0)  # 0: no action plan
    if raw("action_plan") in frame.columns:  # while checking: an unknown action plan matches nothing
        plan = (
            pl.when(pl.col(raw("action_plan")).is_not_null() & pl.col("action_plan").is_null()).then(-1).otherwise(plan)
        )
    return join_stored(frame, context.data["stored"], {"_title": name_key(pl.col("title")), "_plan": plan})


def check(frame: pl.DataFrame, context):
    frame = matched(frame, context)
    # The same title and action plan twice in the file (compared as the matching rule does).
    comparable = pl.col("_title").is_not_null() & (pl.col("_plan") >= 0)
    yield from matching_errors(frame, ["_title", "_plan"], comparable, "duplicate_action")

    start = pl.coalesce(pl.col("start_date"), pl.col("_stored_start"))
    end = pl.coalesce(pl.col("end_date"), pl.col("_stored_end"))
    reversed_dates = end < start
    iso = "%Y-%m-%d"
    yield errors_where(
        frame,
        reversed_dates & pl.col("end_date").is_not_null(),
        "end_date",
        "end_before_start",
        detail=start.dt.to_string(iso),
    )
    yield errors_where(
        frame,
        reversed_dates & pl.col("end_date").is_null(),
        "start_date",
        "start_after_end",
        detail=end.dt.to_string(iso),
    )

    new_for_all = pl.col("_existing").is_null() & pl.col(raw("responsible_unit")).is_null()
    yield from unit_errors(frame, context, "responsible_unit", new_for_all)
    yield from stored_unit_errors(frame, context)


def count_existing(frame: pl.DataFrame, context) -> int:
    """How many rows update a stored action (see the matching rule)."""
    return int(matched(frame, context)["_existing"].is_not_null().sum())


def _build(row: dict, stored: dict, related: dict, organisation) -> Action:
    """The action a row describes: the stored one with the row's non-empty cells, or a new one."""
    action = stored.get(row["_existing"])
    if action is None:
        action = Action(organisation=organisation, title=row["title"])
    return fill_from_row(action, row, FIELDS, related)


def commit(frame: pl.DataFrame, context) -> CommitResult:
    frame = matched(frame, context)
    rows = frame.to_dicts()  # thousands of rows at most: clarity over speed (see the module docstring)
    related = {
        "action_plan": ActionPlan.objects.in_bulk(column_ids(frame, "action_plan")),
        "responsible_unit": OrganisationUnit.objects.in_bulk(column_ids(frame, "responsible_unit")),
        "contact_person": get_user_model().objects.in_bulk(column_ids(frame, "contact_person")),
    }
    stored = Action.objects.select_related(*REFERENCES).in_bulk(column_ids(frame, "_existing"))
    actions = prepared(  # the status rules and the model's validation
        frame, rows, lambda row: _build(row, stored, related, context.organisation), services.prepare_action
    )
    services.check_links(
        context.organisation.pk,
        {
            "goals": Goal.objects.filter(pk__in=column_ids(frame, "goal")),
            "targets": Target.objects.filter(pk__in=column_ids(frame, "target")),
            "indicators": Indicator.objects.filter(pk__in=column_ids(frame, "indicator")),
        },
    )
    result = write(Action, actions, [*FIELDS, *REFERENCES])
    for column, field in LINKS.items():
        through = getattr(Action, field).through  # the automatic table: action_id, goal_id / target_id / …
        links = [
            through(action_id=action.pk, **{f"{column}_id": row[column]})
            for row, action in zip(rows, actions, strict=True)
            if row[column] is not None
        ]
        through.objects.bulk_create(links, ignore_conflicts=True)  # an existing link stays as it is
    return result


def examples(context) -> list[dict]:
    plan = ActionPlan.objects.filter(organisation=context.organisation).order_by("title").first()
    unit = OrganisationUnit.objects.filter(organisation=context.organisation, is_active=True).order_by("path").first()
    email = context.user.email if context.user is not None else "anna.andersson@kommun.se"
    common = {
        "action_plan": plan.title if plan else "",
        "responsible_unit": unit.name if unit else "",
        "contact_person": email,
    }
    rows = [
        (_("Charging points at the town hall"), Status.ONGOING, "2025-03-01", "2026-12-31", 1250000),
        (_("Climate training for all managers"), Status.NOT_STARTED, "2026-01-15", "2026-06-30", 80000),
    ]
    return [
        {
            **common,
            "title": title,
            "status": str(status.label),
            "start_date": start,
            "end_date": end,
            "budget_sek": money,
        }
        for title, status, start, end, money in rows
    ]


def reference(name, label, aliases, help_text):
    return Column(name, label, ColumnType.REFERENCE, aliases=aliases, help_text=help_text, lookup=NAMED[name].keys)


STATUS_WORDS = {
    Status.NOT_STARTED: ("ej påbörjad", "inte påbörjad", "ej startad", "planerad"),
    Status.ONGOING: ("pågår", "pågående", "påbörjad", "in progress"),
    Status.DONE: ("klar", "genomförd", "slutförd", "avslutad", "completed"),
    Status.DELAYED: ("försenad",),
    Status.CANCELLED: ("inställd", "avbruten", "struken", "canceled"),
}

SPEC = register(
    ImportSpec(
        key="actions",
        label=gettext_lazy("Actions"),
        description=gettext_lazy(
            "Actions, with their action plan, responsible unit, contact person, dates, money and links to goals, "
            "targets and indicators. A row with the same title (upper and lower case and extra spaces aside) and "
            "action plan as a stored action updates it: filled-in cells replace the stored values, empty cells "
            "keep them, and goals, targets and indicators are added to its links."
        ),
        columns=[
            Column(
                "title",
                gettext_lazy("Title"),
                ColumnType.TEXT,
                required=True,
                aliases=("titel", "åtgärd", "action", "namn", "name", "benämning"),
                help_text=gettext_lazy("What is to be done. Together with the action plan it identifies the action."),
                max_length=300,
            ),
            reference(
                "action_plan",
                gettext_lazy("Action plan"),
                ("åtgärdsplan", "handlingsplan", "action plan id", "åtgärdsplan id"),
                gettext_lazy("The action plan's exact title or its id; empty for an action without an action plan."),
            ),
            Column("description", gettext_lazy("Description"), ColumnType.TEXT, aliases=("beskrivning",)),
            reference(
                "responsible_unit",
                gettext_lazy("Responsible unit"),
                ("ansvarig enhet", "enhet", "unit", "organisationsenhet", "verksamhet", "ansvarig"),
                gettext_lazy("The organisational unit's name or id; empty for the whole organisation."),
            ),
            Column(
                "contact_person",
                gettext_lazy("Contact person"),
                ColumnType.REFERENCE,
                aliases=("kontaktperson", "kontakt", "e-post", "epost", "email", "e-mail", "ansvarig person"),
                help_text=gettext_lazy("The e-mail address of an active member of your organisation."),
                lookup=member_keys,
            ),
            Column(
                "status",
                gettext_lazy("Status"),
                ColumnType.CHOICE,
                aliases=("läge",),
                choices=tuple(Status.choices),
                choice_aliases=tuple((word, status) for status, words in STATUS_WORDS.items() for word in words),
                help_text=gettext_lazy(
                    "Empty: not started for a new action, unchanged for a stored one. An action marked done "
                    "without an end date ends today."
                ),
            ),
            Column("start_date", gettext_lazy("Start date"), ColumnType.DATE, aliases=("startdatum", "start", "från")),
            Column(
                "end_date",
                gettext_lazy("End date"),
                ColumnType.DATE,
                aliases=("slutdatum", "slut", "klart senast", "deadline", "till"),
            ),
            Column(
                "budget_sek",
                gettext_lazy("Budget (SEK)"),
                ColumnType.INTEGER,
                aliases=("budget", "budget kr", "budget sek", "budget kronor"),
                help_text=gettext_lazy("Whole kronor, e.g. 1 250 000."),
                min_value=0,
                max_value=MAX_SEK,
            ),
            Column(
                "outcome_sek",
                gettext_lazy("Outcome (SEK)"),
                ColumnType.INTEGER,
                aliases=("utfall", "utfall kr", "utfall sek", "outcome", "kostnad"),
                help_text=gettext_lazy("What has been spent so far, in whole kronor."),
                min_value=0,
                max_value=MAX_SEK,
            ),
            reference(
                "goal",
                gettext_lazy("Goal"),
                ("mål", "goal id", "mål id"),
                gettext_lazy("A goal the action serves: its exact title or its id. Added to the action's goals."),
            ),
            reference(
                "target",
                gettext_lazy("Target"),
                ("delmål", "target id", "delmål id"),
                gettext_lazy("A target the action serves: its exact title or its id. Added to the action's targets."),
            ),
            reference(
                "indicator",
                gettext_lazy("Indicator"),
                ("indikator", "nyckeltal", "indicator id", "indikator id"),
                gettext_lazy("An indicator that follows the action up: its exact title or its id."),
            ),
        ],
        prepare=prepare,
        check=check,
        commit=commit,
        count_existing=count_existing,
        updates_existing=True,
        display={
            **{name: named.names for name, named in NAMED.items()},
            "contact_person": member_emails,
        },
        example_rows=examples,
        messages={
            "duplicate_action": gettext_lazy("the same title and action plan as row %(detail)s"),
            "ambiguous_existing": gettext_lazy(
                "%(detail)s stored actions have this title and action plan; rename all but one of them first"
            ),
            "end_before_start": gettext_lazy("the end date %(value)s is before the start date %(detail)s"),
            "start_after_end": gettext_lazy("the start date %(value)s is after the action's end date %(detail)s"),
            "permission": gettext_lazy("you may not change actions of the unit '%(value)s'"),
            "whole_organisation": gettext_lazy(
                "you may only import actions for the units you work in; this row is for the whole organisation"
            ),
            "not_yours": gettext_lazy(
                "the stored action '%(value)s' belongs to the whole organisation or to a unit you may not change"
            ),
            "invalid": lambda params: params["detail"],
        },
    )
)
