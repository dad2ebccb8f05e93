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
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.accounts.roles import Permission
from hallbar.imports.matching import keys_by_name, name_key, rejection, row_errors
from hallbar.imports.registry import Column, ColumnType, CommitResult, ImportSpec, normalise, register
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
KEY = ["_title", "_plan"]
STORED_SCHEMA = {
    "_existing": pl.Int64,
    "_stored_title": pl.String,
    "_plan": pl.Int64,
    "_stored_unit": pl.Int64,
    "_stored_start": pl.Date,
    "_stored_end": pl.Date,
}


# What a reference column names, within the organisation: queryset and the field read as its name.
NAMED = {
    "action_plan": (lambda organisation: ActionPlan.objects.filter(organisation=organisation), "title"),
    "responsible_unit": (
        lambda organisation: OrganisationUnit.objects.filter(organisation=organisation, is_active=True),
        "name",
    ),
    "goal": (lambda organisation: Goal.objects.filter(plan__organisation=organisation), "title"),
    "target": (lambda organisation: Target.objects.filter(goal__plan__organisation=organisation), "title"),
    "indicator": (lambda organisation: Indicator.objects.filter(organisation=organisation), "title"),
}


def keys_of(name: str):
    """The column's lookup: {normalised name or id: pk} of the organisation's objects."""
    queryset, field = NAMED[name]
    return lambda context: keys_by_name(queryset(context.organisation).values_list("pk", field))


def names_of(name: str):
    """The preview's names for the column's ids."""
    queryset, field = NAMED[name]
    return lambda context: dict(queryset(context.organisation).values_list("pk", field))


def members(context):
    """Active users with an active membership in the organisation: the possible contact persons."""
    return get_user_model().objects.filter(
        is_active=True, memberships__organisation=context.organisation, memberships__is_active=True
    )


def contact_keys(context):
    """{normalised e-mail: pk} of the organisation's active members (only e-mail addresses, no ids)."""
    keys: dict[str, int | None] = {}
    for pk, email in members(context).values_list("pk", "email").distinct():
        key = normalise(email)
        keys[key] = None if key in keys and keys[key] != pk else pk
    return keys


def prepare(context) -> None:
    stored = Action.objects.filter(organisation=context.organisation).values_list(
        "pk", "title", "action_plan_id", "responsible_unit_id", "start_date", "end_date"
    )
    frame = pl.DataFrame(list(stored), schema=STORED_SCHEMA, orient="row")
    frame = frame.with_columns(name_key(pl.col("_stored_title")).alias("_title"), pl.col("_plan").fill_null(0))
    # One row per key: the stored action it matches, and how many match (more than one is an error).
    context.data["stored"] = frame.group_by(KEY).agg(pl.all().first(), pl.len().alias("_matches"))
    organisation_id = context.organisation.pk
    context.data["changeable_units"] = list(
        context.scope.changeable_units(organisation_id).values_list("pk", flat=True)
    )
    context.data["whole_organisation"] = context.scope.has(Permission.CHANGE, organisation_id=organisation_id)


def matched(frame: pl.DataFrame, context) -> pl.DataFrame:
    """The frame with the matching rule's key and the stored action each row updates (``_existing``)."""
    plan = pl.col("action_plan").cast(pl.Int64).fill_null(0)  # 0: no action plan
    if raw("action_plan") in frame.columns:  # while checking: an unknown action plan matches nothing
        plan = (
            pl.when(pl.col(raw("action_plan")).is_not_null() & pl.col("action_plan").is_null()).then(-1).otherwise(plan)
        )
    keyed = frame.with_columns(name_key(pl.col("title")).alias("_title"), plan.alias("_plan"))
    return keyed.join(context.data["stored"], on=KEY, how="left", maintain_order="left")


def check(frame: pl.DataFrame, context):
    frame = matched(frame, context)
    # The same title and action plan twice in the file (compared as the matching rule does).
    comparable = pl.col("_title").is_not_null() & (pl.col("_plan") >= 0)
    frame = frame.with_columns(pl.when(comparable).then(pl.col("_title")).alias("_dup"))
    frame = frame.with_columns(pl.when(comparable).then(pl.col("__row").min().over("_dup", "_plan")).alias("_first"))
    yield errors_where(frame, pl.col("__row") != pl.col("_first"), "title", "duplicate_action", detail=pl.col("_first"))
    yield errors_where(frame, pl.col("_matches") > 1, "title", "ambiguous_existing", detail=pl.col("_matches"))

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

    changeable = pl.Series(context.data["changeable_units"], dtype=pl.Int64).implode()
    unit = pl.col("responsible_unit")
    yield errors_where(frame, unit.is_not_null() & ~unit.is_in(changeable), "responsible_unit", "permission")
    if not context.data["whole_organisation"]:
        new_for_all = pl.col("_existing").is_null() & pl.col(raw("responsible_unit")).is_null()
        yield errors_where(frame, new_for_all, "responsible_unit", "whole_organisation", value=pl.lit(""))
        stored_unit = pl.col("_stored_unit")
        not_theirs = pl.col("_existing").is_not_null() & (stored_unit.is_null() | ~stored_unit.is_in(changeable))
        yield errors_where(frame, not_theirs, "title", "not_yours")


def count_existing(frame: pl.DataFrame, context) -> int:
    """How many rows update a stored action (see the matching rule)."""
    return int(matched(frame, context)["_existing"].is_not_null().sum())


def _build(row: dict, stored: dict, related: dict, organisation) -> Action:
    """The action a row describes: the stored one with the row's non-empty cells, or a new one."""
    action = stored.get(row["_existing"])
    if action is None:
        action = Action(organisation=organisation, title=row["title"])
    for name in FIELDS:
        if row[name] is not None:
            setattr(action, name, row[name])
    for name in REFERENCES:
        if row[name] is not None:
            setattr(action, name, related[name][row[name]])  # instances: clean() reads them without queries
    return action


def commit(frame: pl.DataFrame, context) -> CommitResult:
    frame = matched(frame, context)
    rows = frame.to_dicts()  # thousands of rows at most: clarity over speed (see the module docstring)

    def ids(name):
        return frame.get_column(name).drop_nulls().unique().to_list()

    related = {
        "action_plan": ActionPlan.objects.in_bulk(ids("action_plan")),
        "responsible_unit": OrganisationUnit.objects.in_bulk(ids("responsible_unit")),
        "contact_person": get_user_model().objects.in_bulk(ids("contact_person")),
    }
    stored = Action.objects.select_related(*REFERENCES).in_bulk(ids("_existing"))
    actions, problems = [], []
    for row in rows:
        action = _build(row, stored, related, context.organisation)
        try:
            services.prepare_action(action)  # the status rules and the model's validation
        except ValidationError as error:
            problems.extend(row_errors(row, error))
        actions.append(action)
    if problems:
        raise rejection(problems, frame)
    services.check_links(
        context.organisation.pk,
        {
            "goals": Goal.objects.filter(pk__in=ids("goal")),
            "targets": Target.objects.filter(pk__in=ids("target")),
            "indicators": Indicator.objects.filter(pk__in=ids("indicator")),
        },
    )
    new = [action for action in actions if action.pk is None]
    changed = [action for action in actions if action.pk is not None]
    Action.objects.bulk_create(new)  # sets the primary keys (PostgreSQL and SQLite alike)
    Action.objects.bulk_update(changed, [*FIELDS, *REFERENCES])
    for column, field in LINKS.items():
        through = getattr(Action, field).through  # the automatic table: action_id, goal_id / target_id / …
        links = [
            through(action_id=action.pk, **{f"{column}_id": row[column]})
            for row, action in zip(rows, actions, strict=True)
            if row[column] is not None
        ]
        through.objects.bulk_create(links, ignore_conflicts=True)  # an existing link stays as it is
    return CommitResult(created=len(new), replaced=len(changed))


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
    return Column(name, label, ColumnType.REFERENCE, aliases=aliases, help_text=help_text, lookup=keys_of(name))


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
                lookup=contact_keys,
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
            **{name: names_of(name) for name in NAMED},
            "contact_person": lambda context: dict(members(context).values_list("pk", "email")),
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
