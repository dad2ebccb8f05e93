"""Load a version of the EU Candidate List: validate the whole file, then write it in one transaction.

The file is ECHA's export of https://echa.europa.eu/candidate-list-table (CSV or XLSX; a title above
the header row is skipped) or the bundled CSV. Columns, found by their header (English, case, spaces
and punctuation aside): substance name, EC number, CAS number, date of inclusion, reason for inclusion,
and optionally decision and group members. ``-`` or an empty cell means "no number".

Rules: every row has a name; EC and CAS numbers have a valid form and check digit
(:mod:`.identifiers`); dates are dates ("05-Nov-2025", "2025-11-05", "5/11/2025"). Any problem
rejects the whole file with every row error listed. Loading a file identical to a stored version
(same checksum) changes nothing and returns that version; a *different* file under a version name that
is already used is refused.

Reading and the generic checks reuse the import pipeline's reader and validation (header search,
CSV/XLSX, typed text columns, "row 14, CAS number: …" messages), without an import job: the list is
shared reference data of the installation, not an organisation's import.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl
import yaml
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.imports.messages import render_errors
from hallbar.imports.reading import ROW, read_table
from hallbar.imports.registry import Column, ImportSpec
from hallbar.imports.validation import ImportContext, auto_mapping, date_value, errors_where, validate

from . import identifiers
from .models import Substance, SubstanceList

DATA = Path(__file__).parent / "data"
BUNDLED = DATA / "candidate-list.yaml"

COLUMNS = [
    Column("name", gettext_lazy("Substance name"), required=True, aliases=("substance_name", "name")),
    Column("ec_number", gettext_lazy("EC number"), aliases=("ec_no", "ec no.", "ec"), max_length=40),
    Column("cas_number", gettext_lazy("CAS number"), aliases=("cas_no", "cas no.", "cas"), max_length=40),
    Column("date_of_inclusion", gettext_lazy("Date of inclusion"), required=True, aliases=("date_of_inclusion",)),
    Column("reason", gettext_lazy("Reason for inclusion"), required=True, aliases=("reason_for_inclusion",)),
    Column("decision", gettext_lazy("Decision"), max_length=100),
    Column("group_members", gettext_lazy("Group members"), aliases=("group_members_text",)),
]
MESSAGES = {
    "cas_form": gettext_lazy("'%(value)s' is not a CAS number; write it as 7732-18-5"),
    "cas_check_digit": gettext_lazy("the check digit of CAS number '%(value)s' is wrong (it should be %(detail)s)"),
    "ec_form": gettext_lazy("'%(value)s' is not an EC number; write it as 231-791-2"),
    "ec_check_digit": gettext_lazy("the check digit of EC number '%(value)s' is wrong (it should be %(detail)s)"),
    "one_number": gettext_lazy("give one number per entry, not '%(value)s'"),
}


class InvalidList(Exception):
    """The file cannot be loaded; ``errors`` are the messages in the active language."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class LoadResult:
    substance_list: SubstanceList
    created: bool


def identifier_errors(frame: pl.DataFrame, column: str, kind: str) -> list[pl.DataFrame]:
    """Row errors for a column of single numbers: more than one number, bad form, bad check digit."""
    value = pl.col(column)
    several = value.str.contains(identifiers.SEPARATORS)
    form_ok = identifiers.cas_form_ok(value) if kind == "cas" else identifiers.ec_form_ok(value)
    digit_ok = identifiers.cas_digit_ok(value) if kind == "cas" else identifiers.ec_digit_ok(value)
    expected = identifiers.cas_check_digit_expr(value) if kind == "cas" else identifiers.ec_check_digit_expr(value)
    present = value.is_not_null() & ~value.is_in(list(identifiers.EMPTY))
    return [
        errors_where(frame, present & several, column, "one_number"),
        errors_where(frame, present & ~several & ~form_ok, column, f"{kind}_form"),
        errors_where(frame, present & ~several & form_ok & ~digit_ok, column, f"{kind}_check_digit", detail=expected),
    ]


def inclusion_date(expr: pl.Expr) -> pl.Expr:
    """ECHA writes "05-Nov-2025"; the pipeline's date parser reads "05 Nov 2025" and the usual forms."""
    return date_value(expr.str.replace_all(r"^(\d{1,2})-(\p{L}+)-(\d{4})$", "$1 $2 $3"))


def check(frame: pl.DataFrame, context):
    yield from identifier_errors(frame, "cas_number", "cas")
    yield from identifier_errors(frame, "ec_number", "ec")
    undated = pl.col("date_of_inclusion").is_not_null() & inclusion_date(pl.col("date_of_inclusion")).is_null()
    yield errors_where(frame, undated, "date_of_inclusion", "not_a_date")


# Not registered: the Candidate List is loaded here, never through an organisation's import page.
SPEC = ImportSpec(
    key="candidate_list",
    label=gettext_lazy("EU Candidate List"),
    description="",
    columns=COLUMNS,
    commit=lambda frame, context: None,
    check=check,
    messages=MESSAGES,
)


def read(data: bytes, filename: str) -> pl.DataFrame:
    """The file's rows, checked; raises InvalidList with every problem (or reading.UnreadableFile)."""
    table = read_table(data, filename, SPEC)
    validation = validate(SPEC, table, auto_mapping(SPEC, table.headers), ImportContext(organisation=None, scope=None))
    if not validation.is_valid:
        raise InvalidList([error["message"] for error in render_errors(SPEC, validation.errors.rows())])
    return validation.frame.with_columns(inclusion_date(pl.col("date_of_inclusion")).alias("_date"))


def _number(value: str | None) -> str:
    return "" if value is None or value in identifiers.EMPTY else value


@transaction.atomic
def load(
    data: bytes, filename: str, *, version: str, dated: date, source: str, total_entries: int | None = None
) -> LoadResult:
    """Load one version (all or nothing); identical content already stored is returned unchanged."""
    checksum = hashlib.sha256(data).hexdigest()
    existing = SubstanceList.objects.filter(key=SubstanceList.CANDIDATE_LIST, checksum=checksum).first()
    if existing is not None:
        return LoadResult(existing, created=False)
    if SubstanceList.objects.filter(key=SubstanceList.CANDIDATE_LIST, version=version).exists():
        raise InvalidList(
            [
                _("Version “%(version)s” is already loaded with other content; give this export a new version.")
                % {"version": version}
            ]
        )
    frame = read(data, filename)
    substance_list = SubstanceList.objects.create(
        version=version, dated=dated, source=source, total_entries=total_entries, checksum=checksum
    )
    Substance.objects.bulk_create(
        Substance(
            substance_list=substance_list,
            name=row["name"],
            ec_number=_number(row["ec_number"]),
            cas_number=_number(row["cas_number"]),
            date_of_inclusion=row["_date"],
            reason=(row["reason"] or "")[:500],
            decision=row["decision"] or "",
            group_members=row["group_members"] or "",
        )
        for row in frame.sort(ROW).iter_rows(named=True)
    )
    return LoadResult(substance_list, created=True)


def load_bundled() -> LoadResult:
    """The version described in ``data/candidate-list.yaml`` (idempotent: run after every migrate)."""
    meta = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    path = DATA / meta["file"]
    return load(
        path.read_bytes(),
        path.name,
        version=str(meta["version"]),
        dated=meta["dated"],
        source=meta["source"],
        total_entries=meta.get("total_entries"),
    )
