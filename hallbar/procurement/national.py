"""Import Upphandlingsmyndigheten's procurement statistics (the 2021 statistics-database export).

The supported file is one row per advertised procurement (or lot), as in
``uhm_2021_procurements.csv``: the columns named in :data:`COLUMNS` must be there; the flags are
"True" or empty, and "Antal upphandlingar, Summa" is the number of procurements the row counts.
Rows are summed per buyer (organisation number) and year with Polars; only these sums are stored,
and importing a year again replaces that year (nothing is counted twice).

A buyer whose organisation number is a municipality's own (212000-xxxx) and whose name is the
municipality's ("ALE KOMMUN", "ASKERSUNDS KOMMUN", "GÖTEBORGS STAD", "REGION GOTLAND") gets that
municipality's code, so peer groups of municipalities can be compared.
"""

from pathlib import Path

import polars as pl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


def summarise(path: Path | str) -> pl.DataFrame:
    """The file summed per year and buyer; ValidationError naming missing columns or bad values."""
    try:
        frame = pl.read_csv(path, infer_schema=False, encoding="utf8")
    except (pl.exceptions.PolarsError, OSError, UnicodeDecodeError) as error:
        raise ValidationError(_("The file could not be read as CSV: %(error)s") % {"error": error}) from error
    missing = [column for column in COLUMNS.values() if column not in frame.columns]
    if missing:
        raise ValidationError(_("Columns missing from the file: %(columns)s.") % {"columns": ", ".join(missing)})
    count = pl.col(COLUMNS["count"]).cast(pl.Int64, strict=False)
    frame = frame.select(
        pl.col(COLUMNS["year"]).cast(pl.Int32, strict=False).alias("year"),
        pl.col(COLUMNS["organisation_number"]).str.strip_chars().alias("number"),
        pl.col(COLUMNS["buyer_name"]).alias("buyer_name"),
        pl.col(COLUMNS["sector"]).fill_null("").alias("sector"),
        count.alias("count"),
        *[
            pl.when(pl.col(COLUMNS[flag]) == "True").then(count).otherwise(0).alias(flag)
            for flag in ("environmental", "social", "innovation")
        ],
    )
    bad = frame.with_row_index("row", offset=2).filter(
        pl.col("year").is_null() | pl.col("count").is_null() | pl.col("number").is_null() | (pl.col("number") == "")
    )
    if bad.height:
        rows = ", ".join(str(row) for row in bad["row"].head(10).to_list())
        raise ValidationError(
            _("Rows %(rows)s lack a year, a number of procurements or an organisation number.") % {"rows": rows}
        )
    return frame.group_by("year", "number").agg(
        pl.col("buyer_name").first(),
        pl.col("sector").first(),
        pl.col("count").sum().alias("procurements"),
        pl.col("environmental").sum(),
        pl.col("social").sum(),
        pl.col("innovation").sum(),
    )


@transaction.atomic
def import_statistics(path: Path | str) -> dict[int, int]:
    """Replace the stored figures of every year in the file; returns {year: buyers}."""
    summary = summarise(path)
    codes = municipality_codes_by_buyer_name()
    figures = [
        NationalFigures(
            year=row["year"],
            organisation_number=_formatted(row["number"]),
            buyer_name=row["buyer_name"],
            sector=row["sector"],
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
    return {year: sum(1 for figure in figures if figure.year == year) for year in years}
