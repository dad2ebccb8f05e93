"""Import Upphandlingsmyndigheten's procurement statistics (the 2021 statistics-database export).

The supported file is one row per advertised procurement (or lot), as in
``uhm_2021_procurements.csv``: the columns named in :data:`COLUMNS` must be there; the flags are
"True" or empty, and "Antal upphandlingar, Summa" is the number of procurements the row counts.
The whole file is checked first (:func:`summarise`): a missing column, or any row without a year,
a number of procurements or an organisation number, or with a flag that is neither "True" nor
empty, refuses the file with every problem named by its row; nothing is stored then.
Rows are summed per buyer (organisation number) and year with Polars; only these sums are stored,
and importing a year again replaces that year (nothing is counted twice).

A buyer whose organisation number is a municipality's own (212000-xxxx) and whose name is the
municipality's ("ALE KOMMUN", "ASKERSUNDS KOMMUN", "GÖTEBORGS STAD", "REGION GOTLAND") gets that
municipality's code, so peer groups of municipalities can be compared.
"""

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hallbar.organisations.models import Municipality

from .models import NationalFigures

COLUMNS = {
    "year": "År",
    "buyer_name": "Namn för köpare",
    "organisation_number": "Organisationsnummer för köpare",
    "sector": "Sektor för köpare",
    "environmental": "Miljömässigt hållbar upphandling",
    "social": "Socialt hållbar upphandling",
    "innovation": "Innovationsupphandling",
    "count": "Antal upphandlingar, Summa",
}
MUNICIPALITY_PREFIX = "212000"


def _name_keys(name: str) -> list[str]:
    upper = name.upper()
    return [f"{upper} KOMMUN", f"{upper}S KOMMUN", f"{upper} STAD", f"{upper}S STAD", f"REGION {upper}"]


def _formatted(number: str) -> str:
    """A Swedish organisation number as NNNNNN-NNNN; a foreign one (Åland's buyers) as given."""
    digits = number.replace("-", "")
    return f"{digits[:6]}-{digits[6:]}" if len(digits) == 10 and digits.isdigit() else number


def municipality_codes_by_buyer_name() -> dict[str, str]:
    return {key: code for code, name in Municipality.objects.values_list("code", "name") for key in _name_keys(name)}


MAX_REPORTED = 50
FLAG_VALUES = ("True", "False", "")  # the flags are "True" or empty ("False" is read as not set)


@dataclass
class Report:
    """What an import loaded: the rows read and, per year, the buyers and procurements stored."""

    rows: int
    years: dict[int, tuple[int, int]] = field(default_factory=dict)  # year → (buyers, procurements)


def _read(source: Path | str | bytes) -> pl.DataFrame:
    try:
        return pl.read_csv(source, infer_schema=False, encoding="utf8")
    except (pl.exceptions.PolarsError, OSError, UnicodeDecodeError) as error:
        if "utf-8" in str(error).lower() or "utf8" in str(error).lower():
            raise ValidationError(_("The file is not UTF-8 text. Save it as CSV UTF-8 and try again.")) from error
        raise ValidationError(_("The file could not be read as CSV: %(error)s") % {"error": error}) from error


def _row_errors(frame: pl.DataFrame) -> list[str]:
    """Every problem of the file's rows, numbered as in the file (the header is row 1)."""
    count = COLUMNS["count"]
    checks = [
        (
            pl.col("year").is_null(),
            COLUMNS["year"],
            gettext_lazy("Row %(row)d: “%(value)s” in the column %(column)s is not a year."),
        ),
        (
            pl.col("count").is_null() | (pl.col("count") < 0),
            count,
            gettext_lazy("Row %(row)d: “%(value)s” in the column %(column)s is not a number of procurements."),
        ),
        (
            pl.col("number").is_null() | (pl.col("number") == ""),
            COLUMNS["organisation_number"],
            gettext_lazy("Row %(row)d: the column %(column)s has no organisation number."),
        ),
        *[
            (
                ~pl.col(COLUMNS[flag]).fill_null("").str.strip_chars().is_in(FLAG_VALUES),
                COLUMNS[flag],
                gettext_lazy("Row %(row)d: “%(value)s” in the column %(column)s is neither True nor empty."),
            )
            for flag in ("environmental", "social", "innovation")
        ],
    ]
    numbered = frame.with_row_index("row", offset=2)
    problems = []
    for condition, column, message in checks:
        for row, value in numbered.filter(condition).select("row", pl.col(column).fill_null("")).iter_rows():
            problems.append((row, str(message) % {"row": row, "value": value, "column": column}))
    problems.sort(key=lambda problem: problem[0])
    messages = [message for _row, message in problems[:MAX_REPORTED]]
    if len(problems) > MAX_REPORTED:
        more = len(problems) - MAX_REPORTED
        messages.append(
            ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", more) % {"count": more}
        )
    return messages


def summarise(source: Path | str | bytes) -> pl.DataFrame:
    """The file (a path, or its bytes) summed per year and buyer; ValidationError naming missing
    columns, or every bad row and what is wrong with it (nothing is summed then)."""
    frame = _read(source)
    missing = [column for column in COLUMNS.values() if column not in frame.columns]
    if missing:
        raise ValidationError(_("Columns missing from the file: %(columns)s.") % {"columns": ", ".join(missing)})
    if frame.height == 0:
        raise ValidationError(_("The file has no rows."))
    count = pl.col(COLUMNS["count"]).str.strip_chars().cast(pl.Int64, strict=False)
    frame = frame.with_columns(
        pl.col(COLUMNS["year"]).str.strip_chars().cast(pl.Int32, strict=False).alias("year"),
        pl.col(COLUMNS["organisation_number"]).str.strip_chars().alias("number"),
        count.alias("count"),
    )
    errors = _row_errors(frame)
    if errors:
        raise ValidationError(errors)
    frame = frame.select(
        "year",
        "number",
        pl.col(COLUMNS["buyer_name"]).fill_null("").alias("buyer_name"),
        pl.col(COLUMNS["sector"]).fill_null("").alias("sector"),
        "count",
        *[
            pl.when(pl.col(COLUMNS[flag]).str.strip_chars() == "True").then(pl.col("count")).otherwise(0).alias(flag)
            for flag in ("environmental", "social", "innovation")
        ],
    )
    return frame.group_by("year", "number").agg(
        pl.col("buyer_name").first(),
        pl.col("sector").first(),
        pl.col("count").sum().alias("procurements"),
        pl.col("environmental").sum(),
        pl.col("social").sum(),
        pl.col("innovation").sum(),
        pl.len().alias("rows"),
    )


@transaction.atomic
def load(source: Path | str | bytes) -> Report:
    """Check the whole file, then replace the stored figures of every year in it (all or nothing)."""
    summary = summarise(source)
    codes = municipality_codes_by_buyer_name()
    figures = [
        NationalFigures(
            year=row["year"],
            organisation_number=_formatted(row["number"]),
            buyer_name=row["buyer_name"][:300],
            sector=row["sector"][:60],
            municipality_code=codes.get(row["buyer_name"].upper(), "")
            if row["number"].replace("-", "").startswith(MUNICIPALITY_PREFIX)
            else "",
            procurements=row["procurements"],
            environmental=row["environmental"],
            social=row["social"],
            innovation=row["innovation"],
        )
        for row in summary.iter_rows(named=True)
    ]
    years = sorted({figure.year for figure in figures})
    NationalFigures.objects.filter(year__in=years).delete()
    NationalFigures.objects.bulk_create(figures, batch_size=2000)
    report = Report(rows=int(summary["rows"].sum()))
    for year in years:
        stored = [figure for figure in figures if figure.year == year]
        report.years[year] = (len(stored), sum(figure.procurements for figure in stored))
    return report


def import_statistics(source: Path | str | bytes) -> dict[int, int]:
    """Replace the stored figures of every year in the file; returns {year: buyers}."""
    return {year: buyers for year, (buyers, _procurements) in load(source).years.items()}
