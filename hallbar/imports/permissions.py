"""Who may import a unit's records: as everywhere, editors only for the units they may change, and
only those who may change the whole organisation's records for the whole organisation.

An ImportSpec's ``prepare`` calls :func:`load_unit_permissions`; its ``check`` yields the error frames
of :func:`unit_errors` (and, when rows update stored records, :func:`stored_unit_errors`). The spec
gives the messages for the codes "permission", "whole_organisation" and "not_yours".
"""

import polars as pl

from hallbar.accounts.roles import Permission

from .validation import errors_where


def load_unit_permissions(context) -> None:
    """Put into ``context.data`` the units the user may change (``changeable_units``) and whether they
    may change the whole organisation's records (``whole_organisation``)."""
    organisation_id = context.organisation.pk
    context.data["changeable_units"] = list(
        context.scope.changeable_units(organisation_id).values_list("pk", flat=True)
    )
    context.data["whole_organisation"] = context.scope.has(Permission.CHANGE, organisation_id=organisation_id)


def _changeable(context) -> pl.Expr:
    return pl.Series(context.data["changeable_units"], dtype=pl.Int64).implode()


def unit_errors(frame: pl.DataFrame, context, column: str, for_whole_organisation: pl.Expr):
    """Rows naming a unit the user may not change in ``column`` ("permission") and, unless they may
    change the whole organisation's records, the rows ``for_whole_organisation`` ("whole_organisation")."""
    unit = pl.col(column)
    yield errors_where(frame, unit.is_not_null() & ~unit.is_in(_changeable(context)), column, "permission")
    if not context.data["whole_organisation"]:
        yield errors_where(frame, for_whole_organisation, column, "whole_organisation", value=pl.lit(""))


def stored_unit_errors(frame: pl.DataFrame, context):
    """Unless the user may change the whole organisation's records: rows updating a stored record
    (``_existing``) of the whole organisation or of a unit they may not change (its ``_stored_unit``),
    reported on the title ("not_yours")."""
    if context.data["whole_organisation"]:
        return
    stored_unit = pl.col("_stored_unit")
    not_theirs = pl.col("_existing").is_not_null() & (stored_unit.is_null() | ~stored_unit.is_in(_changeable(context)))
    yield errors_where(frame, not_theirs, "title", "not_yours")
