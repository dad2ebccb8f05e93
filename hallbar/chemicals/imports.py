"""Importing an article list for screening (CSV/XLSX) through the shared import pipeline.

One row is one article (a product, a material) of a unit: its name, supplier, the CAS and/or EC numbers
of the substances it contains — several in one cell, separated by ``;``, ``,``, ``/`` or line
breaks —, and a quantity with its unit. Committing the file stores **one screening per unit** named in
it, matched at once against the current Candidate List and the organisation's phase-out list
(:func:`hallbar.chemicals.services.create_screening`). A file is never merged into an earlier
screening: importing it again is a new screening, so results can be compared over time.

Rules, checked for the whole file before anything is stored (row errors in the reader's language):

1. The unit is one of the organisation's active units, and one the user may change.
2. Every CAS number has the form ``7732-18-5`` and a correct check digit; every EC number the form
   ``231-791-2`` and, for EINECS/ELINCS/NLP numbers, a correct check digit
   (:mod:`hallbar.chemicals.identifiers`). The error names the wrong number and the expected digit.
3. Quantities are numbers of at least 0.
"""

import polars as pl
from django.utils.translation import gettext_lazy as _

from hallbar.imports.matching import keys_by_name
from hallbar.imports.reading import ROW
from hallbar.imports.registry import Column, ColumnType, CommitResult, ImportSpec, register
from hallbar.imports.validation import errors_where, raw
from hallbar.organisations.models import OrganisationUnit

from . import identifiers, services
from .loader import MESSAGES as NUMBER_MESSAGES

SPEC_KEY = "chemical_articles"
KINDS = {"cas_numbers": "cas", "ec_numbers": "ec"}


def units(context):
    return OrganisationUnit.objects.filter(organisation=context.organisation, is_active=True)


def unit_keys(context):
    return keys_by_name(units(context).values_list("pk", "name"))


def prepare(context) -> None:
    context.data["changeable_units"] = list(
        context.scope.changeable_units(context.organisation.pk).values_list("pk", flat=True)
    )


def number_errors(frame: pl.DataFrame, column: str):
    """Rule 2 on every number of every cell: one row per number, errors naming the number."""
    numbers = (
        frame.select(ROW, identifiers.tokens(pl.col(raw(column))).alias("_number"))
        .explode("_number")
        .filter(pl.col("_number").is_not_null() & (pl.col("_number") != ""))
    )
    number = pl.col("_number")
    if KINDS[column] == "cas":
        form_ok, digit_ok, expected = (
            identifiers.cas_form_ok(number),
            identifiers.cas_digit_ok(number),
            identifiers.cas_check_digit_expr(number),
        )
    else:
        form_ok, digit_ok, expected = (
            identifiers.ec_form_ok(number),
            identifiers.ec_digit_ok(number),
            identifiers.ec_check_digit_expr(number),
        )
    kind = KINDS[column]
    yield errors_where(numbers, ~form_ok, column, f"{kind}_form", value=number)
    yield errors_where(numbers, form_ok & ~digit_ok, column, f"{kind}_check_digit", value=number, detail=expected)


def check(frame: pl.DataFrame, context):
    allowed = context.data["changeable_units"]
    yield errors_where(frame, pl.col("unit").is_not_null() & ~pl.col("unit").is_in(allowed), "unit", "permission")
    for column in KINDS:
        yield from number_errors(frame, column)


def commit(frame: pl.DataFrame, context) -> CommitResult:
    by_unit: dict[int, list[dict]] = {}
    for row in frame.sort(ROW).iter_rows(named=True):
        by_unit.setdefault(row["unit"], []).append(
            {
                "row": row[ROW],
                "name": row["article"],
                "supplier": row["supplier"],
                "cas_numbers": identifiers.split(row["cas_numbers"]),
                "ec_numbers": identifiers.split(row["ec_numbers"]),
                "quantity": row["quantity"],
                "quantity_unit": row["quantity_unit"],
            }
        )
    unit_by_pk = units(context).in_bulk(list(by_unit))
    title = context.job.original_filename if context.job else str(_("Article list"))
    for unit_pk, articles in by_unit.items():
        services.create_screening(
            organisation=context.organisation,
            unit=unit_by_pk[unit_pk],
            title=title,
            articles=articles,
            user=context.user,
        )
    return CommitResult(created=frame.height, replaced=0)


register(
    ImportSpec(
        key=SPEC_KEY,
        label=_("Article list for chemical screening"),
        description=_(
            "Articles or products of a unit with the CAS and/or EC numbers of their substances. Each unit in the "
            "file gets a screening against the EU Candidate List and your phase-out list."
        ),
        columns=[
            Column("unit", _("Unit"), ColumnType.REFERENCE, required=True, aliases=("enhet",), lookup=unit_keys),
            Column(
                "article",
                _("Article"),
                required=True,
                aliases=("artikel", "article name", "artikelnamn", "produkt", "product"),
                max_length=300,
            ),
            Column("supplier", _("Supplier"), aliases=("leverantör",), max_length=300),
            Column(
                "cas_numbers",
                _("CAS numbers"),
                aliases=("cas", "cas-nummer", "cas number", "casnr"),
                help_text=_("One or more, separated by semicolons, e.g. 117-81-7; 84-74-2."),
            ),
            Column(
                "ec_numbers",
                _("EC numbers"),
                aliases=("ec", "eg-nummer", "ec number", "egnr"),
                help_text=_("One or more, separated by semicolons, e.g. 204-211-0."),
            ),
            Column(
                "quantity", _("Quantity"), ColumnType.DECIMAL, aliases=("mängd", "antal"), min_value=0, max_value=10**12
            ),
            Column(
                "quantity_unit", _("Unit of quantity"), aliases=("enhet för mängd", "unit of measure"), max_length=30
            ),
        ],
        prepare=prepare,
        check=check,
        commit=commit,
        display={"unit": lambda context: dict(units(context).values_list("pk", "name"))},
        example_rows=lambda context: [
            {
                "unit": units(context).values_list("name", flat=True).first() or "",
                "article": "Regnställ barn",
                "supplier": "Exempel AB",
                "cas_numbers": "117-81-7; 84-74-2",
                "ec_numbers": "",
                "quantity": "40",
                "quantity_unit": "st",
            }
        ],
        messages=NUMBER_MESSAGES,
    )
)
