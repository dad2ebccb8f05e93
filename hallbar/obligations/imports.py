"""Importing compliance obligations (CSV/XLSX) through the shared import pipeline (hallbar.imports).

One row is one obligation. The column headers are those of the register's export, so an exported
register can be corrected in Excel and imported again.

**Matching rule.** A row *updates* the stored obligation of the organisation with the same reference
and the same title, both compared without regard to upper and lower case and to runs of spaces. Every
other row creates a new obligation. Two rows of one file with the same reference and title are an
error naming both rows; so is a row that matches two stored obligations (rename one of them first).
The reference and title, being the key, are never changed by an import.

**Updates** change only what the row says: an empty cell keeps the stored value, so an import never
clears a field. The units an obligation applies to, its aspects and its evaluations are not imported
(choose them on the obligation's page; evaluations are recorded there).

**Rules**, checked for the whole file before anything is written:

1. A new obligation needs a kind and a summary of what it requires (stored ones have them).
2. Everything a row refers to belongs to the organisation: the lookups know only its active units and
   interested parties (by exact name or id) and its active members (by e-mail) as responsible persons.
3. Who may import: as everywhere, editors only for the units they may change. A row for another unit,
   a new obligation for the whole organisation, or an update of a stored obligation of a unit the user
   may not change (or of the whole organisation) is an error.
4. The model's validation and the next-date rule of :mod:`hallbar.obligations.services` apply through
   ``services.prepare_obligation`` (an active obligation without a next evaluation date is due one
   interval from today) for every row before anything is written; anything refused is reported by row
   and field.

**Writes**: new obligations in one bulk insert, changed ones in one bulk update. There is no history
entry per obligation: the import job records one change for the whole import (docs/decisions/0011-imports.md).
"""

import polars as pl
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.context.models import InterestedParty
from hallbar.imports.lookups import ACTIVE_UNITS, Named, member_emails, member_keys
from hallbar.imports.matching import join_stored, matching_errors, name_key, stored_by_key
from hallbar.imports.permissions import load_unit_permissions, stored_unit_errors, unit_errors
from hallbar.imports.registry import Column, ColumnType, CommitResult, ImportSpec, register
from hallbar.imports.updating import column_ids, fill_from_row, prepared, write
from hallbar.imports.validation import errors_where
from hallbar.organisations.models import OrganisationUnit

from . import services
from .models import Obligation
from .rules import Status

# Columns written to the obligation as they are (references become the ``<name>_id`` column).
FIELDS = ("kind", "url", "summary", "evaluation_interval_months", "next_evaluation_date", "status")
REFERENCES = ("interested_party", "responsible_unit", "responsible_person")
STORED_SCHEMA = {
    "_existing": pl.Int64,
    "_stored_reference": pl.String,
    "_stored_title": pl.String,
    "_stored_unit": pl.Int64,
}

# What a reference column names, within the organisation.
NAMED = {
    "interested_party": Named(lambda organisation: InterestedParty.objects.filter(organisation=organisation), "name"),
    "responsible_unit": ACTIVE_UNITS,
}


def prepare(context) -> None:
    stored = Obligation.objects.filter(organisation=context.organisation).values_list(
        "pk", "reference", "title", "responsible_unit_id"
    )
    keys = {"_reference": name_key(pl.col("_stored_reference")), "_title": name_key(pl.col("_stored_title"))}
    # One row per key: the stored obligation it matches, and how many match (more than one is an error).
    context.data["stored"] = stored_by_key(stored, STORED_SCHEMA, keys)
    load_unit_permissions(context)


def matched(frame: pl.DataFrame, context) -> pl.DataFrame:
    """The frame with the matching rule's key and the stored obligation each row updates (``_existing``)."""
    keys = {"_reference": name_key(pl.col("reference")), "_title": name_key(pl.col("title"))}
    return join_stored(frame, context.data["stored"], keys)


def check(frame: pl.DataFrame, context):
    frame = matched(frame, context)
    comparable = pl.col("_title").is_not_null() & pl.col("_reference").is_not_null()
    yield from matching_errors(frame, ["_reference", "_title"], comparable, "duplicate_obligation")

    new = pl.col("_existing").is_null()
    for column in ("kind", "summary"):
        yield errors_where(frame, new & pl.col(column).is_null(), column, "required_for_new", value=pl.lit(""))

    yield from unit_errors(frame, context, "responsible_unit", new & pl.col("responsible_unit").is_null())
    yield from stored_unit_errors(frame, context)


def count_existing(frame: pl.DataFrame, context) -> int:
    """How many rows update a stored obligation (see the matching rule)."""
    return int(matched(frame, context)["_existing"].is_not_null().sum())


def _build(row: dict, stored: dict, related: dict, organisation) -> Obligation:
    """The obligation a row describes: the stored one with the row's non-empty cells, or a new one."""
    obligation = stored.get(row["_existing"])
    if obligation is None:
        obligation = Obligation(organisation=organisation, title=row["title"], reference=row["reference"])
    return fill_from_row(obligation, row, FIELDS, related)


def commit(frame: pl.DataFrame, context) -> CommitResult:
    frame = matched(frame, context)
    rows = frame.to_dicts()
    related = {
        "interested_party": InterestedParty.objects.in_bulk(column_ids(frame, "interested_party")),
        "responsible_unit": OrganisationUnit.objects.in_bulk(column_ids(frame, "responsible_unit")),
        "responsible_person": get_user_model().objects.in_bulk(column_ids(frame, "responsible_person")),
    }
    stored = Obligation.objects.select_related(*REFERENCES).in_bulk(column_ids(frame, "_existing"))
    obligations = prepared(  # the next-date rule and the model's validation
        frame, rows, lambda row: _build(row, stored, related, context.organisation), services.prepare_obligation
    )
    return write(Obligation, obligations, [*FIELDS, *REFERENCES])


def examples(context) -> list[dict]:
    unit = OrganisationUnit.objects.filter(organisation=context.organisation, is_active=True).order_by("path").first()
    email = context.user.email if context.user is not None else "anna.andersson@kommun.se"
    common = {
        "responsible_unit": unit.name if unit else "",
        "responsible_person": email,
        "status": str(Status.ACTIVE.label),
    }
    return [
        {
            **common,
            "title": _("Self-monitoring of environmentally hazardous activities"),
            "kind": str(Obligation.Kind.ORDINANCE.label),
            "reference": "SFS 1998:901",
            "url": "https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/forordning-1998901-om-verksamhetsutovares_sfs-1998-901/",
            "summary": _("We document responsibilities, check our activities regularly and keep a list of chemicals."),
            "evaluation_interval_months": 12,
            "next_evaluation_date": "2026-03-31",
        },
        {
            **common,
            "title": _("Environmental permit for the wastewater treatment plant"),
            "kind": str(Obligation.Kind.PERMIT.label),
            "reference": "M 1234-20",
            "summary": _("We meet the permit's limits for discharges and report the annual environmental report."),
            "evaluation_interval_months": 6,
        },
    ]


KIND_WORDS = {
    Obligation.Kind.LAW: ("lag", "balk", "miljöbalken", "sfs"),
    Obligation.Kind.ORDINANCE: ("förordning",),
    Obligation.Kind.REGULATION: ("föreskrift", "föreskrifter", "regulation"),
    Obligation.Kind.PERMIT: ("tillstånd", "beslut", "dom", "permit", "decision"),
    Obligation.Kind.AGREEMENT: ("avtal", "åtagande", "överenskommelse", "agreement", "commitment"),
    Obligation.Kind.INTERNAL: ("intern", "internt", "policy", "riktlinje", "internal"),
}
STATUS_WORDS = {
    Status.ACTIVE: ("gällande", "gäller", "aktivt", "in force"),
    Status.REPEALED: ("upphävd", "upphörd", "inaktuell", "repealed"),
}


def choice_aliases(words: dict) -> tuple:
    return tuple((word, value) for value, aliases in words.items() for word in aliases)


SPEC = register(
    ImportSpec(
        key="obligations",
        label=gettext_lazy("Compliance obligations"),
        description=gettext_lazy(
            "Compliance obligations with their kind, reference, link, summary, interested party, responsible "
            "unit and person, evaluation interval and next evaluation. A row with the same reference and title "
            "(upper and lower case and extra spaces aside) as a stored obligation updates it: filled-in cells "
            "replace the stored values, empty cells keep them."
        ),
        columns=[
            Column(
                "title",
                gettext_lazy("Title"),
                ColumnType.TEXT,
                required=True,
                aliases=("titel", "krav", "namn", "benämning", "obligation"),
                help_text=gettext_lazy("What the requirement is about. Together with the reference it identifies it."),
                max_length=300,
            ),
            Column(
                "kind",
                gettext_lazy("Kind"),
                ColumnType.CHOICE,
                aliases=("typ", "slag", "typ av krav"),
                choices=tuple(Obligation.Kind.choices),
                choice_aliases=choice_aliases(KIND_WORDS),
                help_text=gettext_lazy("Required for a new obligation."),
            ),
            Column(
                "reference",
                gettext_lazy("Reference"),
                ColumnType.TEXT,
                required=True,
                aliases=("referens", "källa", "lagrum", "författning", "sfs-nummer", "diarienummer"),
                help_text=gettext_lazy("E.g. “SFS 1998:808 Miljöbalken 2 kap.” or a permit’s case number."),
                max_length=200,
            ),
            Column(
                "url",
                gettext_lazy("Link to the source"),
                ColumnType.TEXT,
                aliases=("länk", "url", "webbadress", "länk till källan"),
                max_length=500,
            ),
            Column(
                "summary",
                gettext_lazy("What it requires of us"),
                ColumnType.TEXT,
                aliases=(
                    "vad det kräver av oss",
                    "sammanfattning",
                    "vad kravet innebär",
                    "krav på oss",
                    "beskrivning",
                    "summary",
                ),
                help_text=gettext_lazy("In your own words. Required for a new obligation."),
            ),
            Column(
                "interested_party",
                gettext_lazy("Interested party"),
                ColumnType.REFERENCE,
                aliases=("intressent", "intressenter"),
                help_text=gettext_lazy("The interested party's exact name or id, if the obligation comes from one."),
                lookup=NAMED["interested_party"].keys,
            ),
            Column(
                "responsible_unit",
                gettext_lazy("Responsible unit"),
                ColumnType.REFERENCE,
                aliases=("ansvarig enhet", "enhet", "unit", "organisationsenhet", "verksamhet"),
                help_text=gettext_lazy("The organisational unit's name or id; empty for the whole organisation."),
                lookup=NAMED["responsible_unit"].keys,
            ),
            Column(
                "responsible_person",
                gettext_lazy("Responsible person"),
                ColumnType.REFERENCE,
                aliases=("ansvarig person", "ansvarig", "e-post", "epost", "email", "e-mail"),
                help_text=gettext_lazy("The e-mail address of an active member of your organisation."),
                lookup=member_keys,
            ),
            Column(
                "evaluation_interval_months",
                gettext_lazy("Evaluation interval (months)"),
                ColumnType.INTEGER,
                aliases=("utvärderingsintervall (månader)", "utvärderingsintervall", "intervall", "månader"),
                help_text=gettext_lazy("Between 1 and 60. Empty: 12 for a new obligation."),
                min_value=1,
                max_value=60,
            ),
            Column(
                "next_evaluation_date",
                gettext_lazy("Next evaluation"),
                ColumnType.DATE,
                aliases=("nästa utvärdering", "utvärderas senast", "nästa kontroll"),
                help_text=gettext_lazy("Empty for a new active obligation: one evaluation interval from today."),
            ),
            Column(
                "status",
                gettext_lazy("Status"),
                ColumnType.CHOICE,
                aliases=("läge",),
                choices=tuple(Status.choices),
                choice_aliases=choice_aliases(STATUS_WORDS),
                help_text=gettext_lazy("Empty: active for a new obligation, unchanged for a stored one."),
            ),
        ],
        prepare=prepare,
        check=check,
        commit=commit,
        count_existing=count_existing,
        updates_existing=True,
        display={
            **{name: named.names for name, named in NAMED.items()},
            "responsible_person": member_emails,
        },
        example_rows=examples,
        messages={
            "duplicate_obligation": gettext_lazy("the same reference and title as row %(detail)s"),
            "ambiguous_existing": gettext_lazy(
                "%(detail)s stored obligations have this reference and title; rename all but one of them first"
            ),
            "required_for_new": gettext_lazy("required for a new obligation"),
            "permission": gettext_lazy("you may not change obligations of the unit '%(value)s'"),
            "whole_organisation": gettext_lazy(
                "you may only import obligations for the units you work in; this row is for the whole organisation"
            ),
            "not_yours": gettext_lazy(
                "the stored obligation '%(value)s' belongs to the whole organisation or to a unit you may not change"
            ),
            "invalid": lambda params: params["detail"],
        },
    )
)
