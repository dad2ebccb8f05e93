"""Importing indicator values (CSV/XLSX) through the shared import pipeline (hallbar.imports).

One row is one value of one indicator for one period, for the whole organisation (unit empty) or
one unit. A value already stored for the same indicator, unit, year and period is replaced.
"""

import polars as pl
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hallbar.imports.lookups import ACTIVE_UNITS, Named
from hallbar.imports.permissions import load_unit_permissions, unit_errors
from hallbar.imports.registry import Column, ColumnType, CommitResult, ImportSpec, register
from hallbar.imports.validation import errors_where, raw
from hallbar.imports.writing import upsert
from hallbar.organisations.models import OrganisationUnit

from .models import Indicator, IndicatorValue
from .periods import PERIODS_PER_YEAR

UPDATED = ["value", "value_women", "value_men", "status", "source", "comment", "updated_at"]


# What the indicator column names: the organisation's indicators, by title or id.
INDICATORS = Named(lambda organisation: Indicator.objects.filter(organisation=organisation), "title")


def prepare(context) -> None:
    indicators = Indicator.objects.filter(organisation=context.organisation).values_list(
        "pk", "frequency", "split_by_gender"
    )
    context.data["indicators"] = pl.DataFrame(
        [(pk, PERIODS_PER_YEAR[frequency], split) for pk, frequency, split in indicators],
        schema={"indicator": pl.Int64, "_periods": pl.Int64, "_split": pl.Boolean},
        orient="row",
    )
    load_unit_permissions(context)


def check(frame: pl.DataFrame, context):
    frame = frame.join(context.data["indicators"], on="indicator", how="left")
    periods, period = pl.col("_periods"), pl.col("period")
    valid_period = ((periods == 0) & (period == 0)) | ((periods > 0) & (period >= 1) & (period <= periods))
    yield errors_where(
        frame, periods.is_not_null() & ~valid_period, "period", "bad_period", value=period, detail=periods
    )
    for column in ("value_women", "value_men"):
        yield errors_where(frame, (pl.col("_split") == False) & pl.col(column).is_not_null(), column, "not_split")  # noqa: E712
    yield from unit_errors(frame, context, "unit", pl.col(raw("unit")).is_null())


def _keys(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.select(
        pl.col("indicator").cast(pl.Int64),
        pl.col("unit").cast(pl.Int64).fill_null(-1),
        pl.col("year").cast(pl.Int64),
        pl.col("period").cast(pl.Int64),
    )


def _stored_keys(frame: pl.DataFrame, context) -> pl.DataFrame:
    """Keys of the stored values that rows of the file would replace (one query, one fetch)."""
    keys = _keys(frame)
    stored = IndicatorValue.objects.filter(
        organisation=context.organisation,
        indicator_id__in=keys["indicator"].unique().to_list(),
        year__gte=keys["year"].min(),
        year__lte=keys["year"].max(),
    ).values_list("indicator_id", "unit_id", "year", "period")
    existing = pl.DataFrame(
        list(stored),  # one fetch: a server-side cursor's many round trips cost more than the memory
        schema={"indicator": pl.Int64, "unit": pl.Int64, "year": pl.Int64, "period": pl.Int64},
        orient="row",
    )
    return _keys(existing)


def _replaces(frame: pl.DataFrame, context) -> pl.Series:
    """For every row of the file: does it replace a stored value?"""
    if frame.is_empty():
        return pl.Series("replaces", [], dtype=pl.Boolean)
    stored = _stored_keys(frame, context).with_columns(pl.lit(True).alias("replaces"))
    found = _keys(frame).join(stored, on=["indicator", "unit", "year", "period"], how="left", maintain_order="left")
    return found["replaces"].fill_null(False)


def count_existing(frame: pl.DataFrame, context) -> int:
    """How many rows of the file replace a stored value (same indicator, unit, year and period)."""
    return int(_replaces(frame, context).sum()) if not frame.is_empty() else 0


def commit(frame: pl.DataFrame, context) -> CommitResult:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = frame.select(
        pl.col("indicator").cast(pl.Int64).alias("indicator_id"),
        pl.col("unit").cast(pl.Int64).alias("unit_id"),
        pl.col("year").cast(pl.Int64),
        pl.col("period").cast(pl.Int64),
        pl.col("value"),
        pl.col("value_women"),
        pl.col("value_men"),
        pl.col("status"),
        pl.col("source"),
        pl.col("comment"),
    )
    fixed = {"organisation_id": context.organisation.pk, "updated_at": str(now)}
    text = ("source", "comment")
    replaces = _replaces(frame, context)
    # New rows go straight in (COPY on PostgreSQL); rows replacing stored values are upserted on the
    # key of their partial unique index. A value stored meanwhile by someone else makes the insert
    # fail, and with it the whole import: nothing is half-written.
    new = rows.filter(~replaces).sort("indicator_id", "unit_id", "year", "period", nulls_last=False)
    upsert(IndicatorValue, new, not_null_text=text, constants=fixed)  # in index order: cheaper B-tree inserts
    existing = rows.filter(replaces)
    whole = existing.filter(pl.col("unit_id").is_null())
    key = ("indicator_id", "year", "period")
    upsert(
        IndicatorValue, whole, key=key, where='"unit_id" IS NULL', update=UPDATED, not_null_text=text, constants=fixed
    )
    per_unit = existing.filter(pl.col("unit_id").is_not_null())
    key = ("indicator_id", "unit_id", "year", "period")
    upsert(
        IndicatorValue,
        per_unit,
        key=key,
        where='"unit_id" IS NOT NULL',
        update=UPDATED,
        not_null_text=text,
        constants=fixed,
    )
    return CommitResult(created=rows.height - existing.height, replaced=existing.height)


def _period_message(params) -> str:
    count = int(params["detail"] or 0)
    if count == 0:
        return _("period %(value)s does not exist for this yearly indicator; use 0 or leave it empty") % params
    return _("period %(value)s does not exist for this indicator; use a number from 1 to %(count)s") % {
        **params,
        "count": count,
    }


def examples(context) -> list[dict]:
    first = Indicator.objects.filter(organisation=context.organisation).order_by("title").first()
    title = first.title if first else _("Greenhouse gas emissions per resident")
    final = str(IndicatorValue.Status.FINAL.label)
    return [
        {"indicator": title, "unit": "", "year": 2023, "period": 0, "value": "4,5", "status": final, "source": "SCB"},
        {"indicator": title, "unit": "", "year": 2024, "period": 0, "value": "4,2", "status": final, "source": "SCB"},
    ]


SPEC = register(
    ImportSpec(
        key="indicator_values",
        label=gettext_lazy("Indicator values"),
        description=gettext_lazy(
            "Values of your indicators per year or period, for the whole organisation or one unit. "
            "A value already stored for the same indicator, unit, year and period is replaced."
        ),
        columns=[
            Column(
                "indicator",
                gettext_lazy("Indicator"),
                ColumnType.REFERENCE,
                required=True,
                aliases=("indikator", "indicator id", "indikator id", "nyckeltal"),
                help_text=gettext_lazy("The indicator's exact title or its id."),
                lookup=INDICATORS.keys,
            ),
            Column(
                "unit",
                gettext_lazy("Unit"),
                ColumnType.REFERENCE,
                aliases=("enhet", "organisationsenhet", "verksamhet", "unit id"),
                help_text=gettext_lazy("The organisational unit's name or id; empty for the whole organisation."),
                lookup=ACTIVE_UNITS.keys,
            ),
            Column("year", gettext_lazy("Year"), ColumnType.YEAR, required=True, aliases=("år", "ar", "årtal")),
            Column(
                "period",
                gettext_lazy("Period"),
                ColumnType.INTEGER,
                aliases=("månad", "kvartal", "tertial", "month", "quarter"),
                help_text=gettext_lazy(
                    "Empty or 0 for the whole year; otherwise the tertial (1–3), quarter (1–4) or month (1–12), "
                    "as the indicator's frequency says."
                ),
                default=0,
            ),
            Column(
                "value",
                gettext_lazy("Value"),
                ColumnType.DECIMAL,
                required=True,
                aliases=("värde", "totalt", "total", "utfall"),
                help_text=gettext_lazy("A number; a decimal comma (4,5) and spaces between thousands are fine."),
            ),
            Column(
                "value_women",
                gettext_lazy("Value for women"),
                ColumnType.DECIMAL,
                aliases=("kvinnor", "women", "värde kvinnor"),
                help_text=gettext_lazy("Only for indicators split by gender."),
            ),
            Column(
                "value_men",
                gettext_lazy("Value for men"),
                ColumnType.DECIMAL,
                aliases=("män", "men", "värde män"),
                help_text=gettext_lazy("Only for indicators split by gender."),
            ),
            Column(
                "status",
                gettext_lazy("Status"),
                ColumnType.CHOICE,
                choices=tuple(IndicatorValue.Status.choices),
                choice_aliases=(
                    ("preliminär", "preliminary"),
                    ("prel", "preliminary"),
                    ("slutlig", "final"),
                    ("definitiv", "final"),
                ),
                help_text=gettext_lazy("Preliminary or final; empty means final."),
                default=IndicatorValue.Status.FINAL.value,
            ),
            Column("source", gettext_lazy("Source"), ColumnType.TEXT, aliases=("källa", "kalla"), max_length=300),
            Column("comment", gettext_lazy("Comment"), ColumnType.TEXT, aliases=("kommentar", "anmärkning")),
        ],
        prepare=prepare,
        check=check,
        commit=commit,
        unique_together=("indicator", "unit", "year", "period"),
        count_existing=count_existing,
        display={
            "indicator": INDICATORS.names,
            "unit": lambda context: dict(
                OrganisationUnit.objects.filter(organisation=context.organisation).values_list("pk", "name")
            ),
        },
        example_rows=examples,
        messages={
            "bad_period": _period_message,
            "not_split": gettext_lazy("this indicator is not split by gender, so leave it empty"),
            "permission": gettext_lazy("you may not change values of the unit '%(value)s'"),
            "whole_organisation": gettext_lazy(
                "you may only import values for the units you work in; this row is for the whole organisation"
            ),
        },
    )
)
