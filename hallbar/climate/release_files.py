"""Reading emission-release files into one long table: area_kind, area_code, sector, year, value.

Supported layouts (recognised by their columns; the files under ``data/`` are examples):

- municipalities: ``kommun_code, year, emissions_t_co2e`` and optionally ``sector`` (SMHI's Swedish sector names);
- counties: ``lan_name`` or ``lan_code`` with the same columns;
- Sweden: ``country, year, sector, emissions_t_co2e`` (the total is the sum of the sectors);
- consumption-based emissions per resident: ``kommun_code`` or ``lan_code`` and a column
  ``consumption_emissions_kg_co2e_per_capita_<year>``;
- SMHI's Excel export of the national emissions database
  (``https://nationellaemissionsdatabasen.smhi.se/api/getexcelfile/?county=0&municipality=0&sub=GGT``), read by
  :func:`read_smhi_excel`; any other XLSX is read with its first filled row as the header, in the layouts above.

A file that fits no layout, or rows that cannot be read, come back as problems; nothing is guessed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import polars as pl
from django.utils.translation import gettext as _

from .models import SWEDEN, AreaKind, Sector

XLSX_MAGIC = b"PK\x03\x04"
HEADER_SEARCH_ROWS = 30  # SMHI's export has a few title rows above its header
MAX_ROW_PROBLEMS = 20  # rows named per kind of problem before "and N more rows"

SMHI_SECTORS = {
    "arbetsmaskiner": Sector.MACHINERY,
    "avfall (inkl.avlopp)": Sector.WASTE,
    "avfall (inkl. avlopp)": Sector.WASTE,
    "egen uppvärmning av bostäder och lokaler": Sector.HEATING,
    "el och fjärrvärme": Sector.ELECTRICITY,
    "industri (energi + processer)": Sector.INDUSTRY,
    "jordbruk": Sector.AGRICULTURE,
    "produktanvändning (inkl. lösningsmedel)": Sector.PRODUCT_USE,
    "transporter": Sector.TRANSPORT,
    "utrikes transporter": Sector.INTERNATIONAL,
}
COLUMNS = ["area_kind", "area_code", "sector", "year", "value"]
PER_CAPITA = re.compile(r"^consumption_emissions_kg_co2e_per_capita_(\d{4})$")


@dataclass
class ReadResult:
    frame: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=dict.fromkeys(COLUMNS, pl.String)))
    problems: list[str] = field(default_factory=list)


def read_csv(content: bytes, name: str, county_codes: dict[str, str]) -> ReadResult:
    """One CSV file of a known layout; ``county_codes`` maps county names (lower case) to codes."""
    try:
        raw = pl.read_csv(io.BytesIO(content), infer_schema=False, encoding="utf8-lossy")
    except (pl.exceptions.PolarsError, UnicodeDecodeError) as error:
        return ReadResult(
            problems=[_("%(file)s: not a readable CSV file (%(error)s).") % {"file": name, "error": error}]
        )
    return from_table(raw, name, county_codes)


def from_table(raw: pl.DataFrame, name: str, county_codes: dict[str, str]) -> ReadResult:
    """A table of strings in one of the layouts above, as the long table (or the problems found)."""
    raw = raw.rename({column: column.strip().lower() for column in raw.columns})
    columns = set(raw.columns)
    per_capita = next((m for m in map(PER_CAPITA.match, raw.columns) if m), None)
    if per_capita:
        return _per_capita(raw, name, per_capita, county_codes)
    if not {"year", "emissions_t_co2e"} <= columns:
        return ReadResult(problems=[_layout_problem(name)])
    if "kommun_code" in columns:
        kind, area = AreaKind.MUNICIPALITY, pl.col("kommun_code").str.strip_chars().str.zfill(4)
    elif "lan_code" in columns:
        kind, area = AreaKind.COUNTY, pl.col("lan_code").str.strip_chars().str.zfill(2)
    elif "lan_name" in columns:
        names = pl.col("lan_name").str.strip_chars().str.to_lowercase()
        kind, area = AreaKind.COUNTY, names.replace_strict(county_codes, default="?")
    elif "country" in columns and "sector" in columns:
        kind, area = AreaKind.COUNTRY, pl.lit(SWEDEN)
    else:
        return ReadResult(problems=[_layout_problem(name)])
    sector = pl.col("sector").str.strip_chars().str.to_lowercase() if "sector" in columns else pl.lit("")
    frame = raw.select(
        pl.lit(kind.value).alias("area_kind"),
        area.alias("area_code"),
        sector.alias("sector_name"),
        pl.col("year").str.strip_chars(),
        pl.col("emissions_t_co2e").str.strip_chars().str.replace(",", ".").alias("value"),
    )
    return _checked(frame, name, has_sector="sector" in columns)


def _checked(frame: pl.DataFrame, name: str, *, has_sector: bool) -> ReadResult:
    frame = frame.with_row_index("row", offset=2).with_columns(
        pl.col("sector_name").replace_strict(SMHI_SECTORS, default=None, return_dtype=pl.String).alias("sector")
        if has_sector
        else pl.lit("").alias("sector"),
        pl.col("year").cast(pl.Int32, strict=False).alias("year_number"),
        pl.col("value").cast(pl.Float64, strict=False).alias("value_number"),
    )
    problems = []
    for row in frame.filter(pl.col("area_code") == "?").head(20).iter_rows(named=True):
        problems.append(_("%(file)s, row %(row)s: unknown county.") % {"file": name, "row": row["row"]})
    for row in frame.filter(pl.col("sector").is_null()).head(20).iter_rows(named=True):
        problems.append(
            _("%(file)s, row %(row)s: unknown sector '%(sector)s'.")
            % {"file": name, "row": row["row"], "sector": row["sector_name"]}
        )
    for row in frame.filter(pl.col("year_number").is_null()).head(20).iter_rows(named=True):
        problems.append(
            _("%(file)s, row %(row)s: the year '%(value)s' is not a year.")
            % {"file": name, "row": row["row"], "value": row["year"]}
        )
    for row in (
        frame.filter(pl.col("value_number").is_null() | pl.col("value_number").is_nan()).head(20).iter_rows(named=True)
    ):
        problems.append(
            _("%(file)s, row %(row)s: the value '%(value)s' is not a number.")
            % {"file": name, "row": row["row"], "value": row["value"] or ""}
        )
    if problems:
        return ReadResult(problems=problems)
    long = frame.select(
        "area_kind",
        "area_code",
        "sector",
        pl.col("year_number").alias("year"),
        pl.col("value_number").alias("value"),
    )
    return ReadResult(frame=long)


def _per_capita(raw: pl.DataFrame, name: str, match: re.Match, county_codes: dict[str, str]) -> ReadResult:
    column = match.group(0)
    if "kommun_code" in raw.columns:
        codes = pl.col("kommun_code").str.strip_chars().str.zfill(4)
        kind = (
            pl.when(codes == "0000").then(pl.lit(AreaKind.COUNTRY.value)).otherwise(pl.lit(AreaKind.MUNICIPALITY.value))
        )
        area = pl.when(codes == "0000").then(pl.lit(SWEDEN)).otherwise(codes)
    elif "lan_code" in raw.columns:
        kind, area = pl.lit(AreaKind.COUNTY.value), pl.col("lan_code").str.strip_chars().str.zfill(2)
    else:
        return ReadResult(problems=[_layout_problem(name)])
    frame = raw.select(
        kind.alias("area_kind"),
        area.alias("area_code"),
        pl.lit("").alias("sector_name"),
        pl.lit(match.group(1)).alias("year"),
        pl.col(column).str.strip_chars().str.replace(",", ".").alias("value"),
    )
    return _checked(frame, name, has_sector=False)


def _layout_problem(name: str) -> str:
    return _(
        "%(file)s: the columns do not match any supported layout. Use SMHI's export with kommun_code (or lan_name), "
        "year, sector and emissions_t_co2e, or the Excel export of the national emissions database."
    ) % {"file": name}


# SMHI's Excel export -----------------------------------------------------------------------------------
#
# The export (one sheet) is wide. A few title rows (the substance, the unit, the date) come first; then
# one row holds the years, from column E on, and the row below it the labels "Huvudsektor",
# "Undersektor", "Län" and "Kommun" in columns A–D (some exports put the years on the label row
# itself; both are read). Every data row is one main sector × sub-sector × county × municipality, with
# one figure per year. "Alla" (all) marks totals: Huvudsektor "Alla" is the total of all sectors,
# Undersektor "Alla" the whole main sector, Län and Kommun "Alla" Sweden, Kommun "Alla" alone the county.
# Klimatbyrån's pipelines (territorial-data-pipeline, kpis/emissions/historical_data_calculations.py)
# read the same layout. Only main sectors and totals are kept (Undersektor "Alla"); sub-sectors are
# dropped, as the releases store SMHI's nine main sectors.

SMHI_LABELS = ("huvudsektor", "undersektor", "län", "kommun")
ALL = "alla"
YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")


@dataclass(frozen=True)
class AreaNames:
    """Names (lower case) → SCB codes, to read files that name areas instead of coding them."""

    counties: dict[str, str]
    municipalities: dict[str, str]


def read_file(content: bytes, name: str, names: AreaNames) -> ReadResult:
    """A CSV or XLSX release file of any supported layout."""
    if content.startswith(XLSX_MAGIC) or name.lower().endswith(".xlsx"):
        return read_xlsx(content, name, names)
    return read_csv(content, name, names.counties)


def read_xlsx(content: bytes, name: str, names: AreaNames) -> ReadResult:
    """SMHI's Excel export when a sheet has its header; otherwise the first sheet as a table of the CSV layouts."""
    try:
        sheets = _sheets(content)
    except Exception as error:  # calamine raises its own error types for corrupt workbooks  # noqa: BLE001
        return ReadResult(
            problems=[_("%(file)s: not a readable Excel (XLSX) file (%(error)s).") % {"file": name, "error": error}]
        )
    for cells in sheets:
        header = _smhi_header(cells)
        if header is not None:
            return read_smhi_excel(cells, header, name, names)
    first = sheets[0] if sheets else pl.DataFrame()
    filled = first.filter(pl.any_horizontal(pl.all().exclude("row").is_not_null())) if first.width > 1 else first
    if filled.is_empty():
        return ReadResult(problems=[_("%(file)s: the workbook is empty.") % {"file": name}])
    heading = [value or "" for value in filled.row(0)[1:]]
    columns = [column for column in filled.columns if column != "row"]
    table = filled.slice(1).select(
        pl.col(column).alias(title or column) for column, title in zip(columns, heading, strict=True) if title
    )
    if not {"year", "emissions_t_co2e"} <= {column.strip().lower() for column in table.columns} and not any(
        PER_CAPITA.match(column.strip().lower()) for column in table.columns
    ):
        return ReadResult(problems=[_smhi_layout_problem(name)])
    return from_table(table, name, names.counties)


def _sheets(content: bytes) -> list[pl.DataFrame]:
    """Every sheet as text cells with the row number people see in Excel (column ``row``)."""
    import fastexcel

    reader = fastexcel.read_excel(content)
    frames = []
    for index in range(len(reader.sheet_names)):
        frame = reader.load_sheet(index, header_row=None, skip_rows=0, dtypes="string").to_polars()
        cells = frame.columns
        frame = frame.with_columns(pl.col(cells).str.strip_chars().replace("", None))
        frames.append(frame.with_row_index("row", offset=1))
    return frames


def _smhi_header(cells: pl.DataFrame) -> int | None:
    """The index of the row labelled Huvudsektor, Undersektor, Län, Kommun in its first four cells."""
    if cells.width < 6:  # row number, four labels and at least one year
        return None
    for index, row in enumerate(cells.head(HEADER_SEARCH_ROWS).iter_rows()):
        if tuple((value or "").lower() for value in row[1:5]) == SMHI_LABELS:
            return index
    return None


def read_smhi_excel(cells: pl.DataFrame, header: int, name: str, names: AreaNames) -> ReadResult:
    """The long table of SMHI's export: main sectors and totals of Sweden, the counties and the municipalities."""
    columns = cells.columns[5:]
    labels = dict(zip(("main", "sub", "county", "municipality"), cells.columns[1:5], strict=True))
    above = cells.row(header - 1) if header else (None,) * cells.width
    years, problems = {}, []
    body = cells.slice(header + 1)
    for position, column in enumerate(columns, start=5):
        # The year row above the labels wins (as in SMHI's export); some exports put the years on the label row.
        headings = [text for text in (above[position], cells[header, column]) if text is not None]
        heading = next((text for text in headings if YEAR.match(text)), headings[0] if headings else None)
        if heading is None:
            if body[column].is_not_null().any():
                problems.append(
                    _("%(file)s: column %(column)s has figures but no year above them.")
                    % {"file": name, "column": _column_letter(position)}
                )
            continue
        match = YEAR.match(heading)
        if not match:
            problems.append(
                _("%(file)s: column %(column)s is headed '%(value)s', which is not a year. The layout has changed.")
                % {"file": name, "column": _column_letter(position), "value": heading}
            )
        elif match.group(1) in years.values():
            problems.append(
                _("%(file)s: the year %(year)s heads more than one column.") % {"file": name, "year": match.group(1)}
            )
        else:
            years[column] = match.group(1)
    if not years and not problems:
        problems.append(_("%(file)s: no year columns were found beside the labels.") % {"file": name})
    if problems:
        return ReadResult(problems=problems)
    return _smhi_rows(body, labels, years, name, names)


def _smhi_rows(body: pl.DataFrame, labels: dict[str, str], years: dict[str, str], name: str, names: AreaNames):
    label_cols = [pl.col(column) for column in labels.values()]
    has_figures = pl.any_horizontal(pl.col(list(years)).is_not_null())
    # Blank rows and notes below the table (text without figures) are not data.
    body = body.filter(pl.all_horizontal(c.is_not_null() for c in label_cols) | has_figures)
    lowered = {key: pl.col(column).str.to_lowercase() for key, column in labels.items()}
    main, county, municipality = lowered["main"], lowered["county"], lowered["municipality"]
    body = body.with_columns(
        pl.any_horizontal(c.is_null() for c in label_cols).alias("incomplete"),
        pl.when(main == ALL)
        .then(pl.lit(""))
        .otherwise(main.replace_strict(SMHI_SECTORS, default=None, return_dtype=pl.String))
        .alias("sector"),
        pl.when((county == ALL) & (municipality == ALL))
        .then(pl.lit(AreaKind.COUNTRY.value))
        .when(municipality == ALL)
        .then(pl.lit(AreaKind.COUNTY.value))
        .when(county != ALL)
        .then(pl.lit(AreaKind.MUNICIPALITY.value))
        .alias("area_kind"),
        pl.when((county == ALL) & (municipality == ALL))
        .then(pl.lit(SWEDEN))
        .when(municipality == ALL)
        .then(county.replace_strict(names.counties, default=None, return_dtype=pl.String))
        .otherwise(
            pl.when(municipality.str.contains(r"^\d{4}\b"))
            .then(municipality.str.slice(0, 4))
            .otherwise(municipality.replace_strict(names.municipalities, default=None, return_dtype=pl.String))
        )
        .alias("area_code"),
    )
    kept = body.filter(pl.col("incomplete") | (lowered["sub"] == ALL))
    problems = []
    problems += _row_problems(
        kept.filter(pl.col("incomplete")),
        name,
        lambda row: _("the labels Huvudsektor, Undersektor, Län and Kommun must all be filled in."),
    )
    kept = kept.filter(~pl.col("incomplete"))
    problems += _row_problems(
        kept.filter(pl.col("sector").is_null()),
        name,
        lambda row: _("unknown main sector '%(sector)s'.") % {"sector": row[labels["main"]]},
    )
    problems += _row_problems(
        kept.filter(pl.col("area_kind").is_null()),
        name,
        lambda row: _("a municipality (%(name)s) without its county.") % {"name": row[labels["municipality"]]},
    )
    problems += _row_problems(
        kept.filter(pl.col("area_kind").is_not_null() & pl.col("area_code").is_null()),
        name,
        lambda row: (
            _("unknown county '%(name)s'.") % {"name": row[labels["county"]]}
            if row["area_kind"] == AreaKind.COUNTY
            else _("unknown municipality '%(name)s'.") % {"name": row[labels["municipality"]]}
        ),
    )
    long = (
        kept.select("row", "area_kind", "area_code", "sector", *years)
        .rename(years)
        .unpivot(index=["row", "area_kind", "area_code", "sector"], variable_name="year", value_name="text")
        .with_columns(
            pl.col("year").cast(pl.Int32),
            pl.col("text")
            .str.replace_all(r"[\s\u00a0]", "")
            .str.replace(",", ".")
            .cast(pl.Float64, strict=False)
            .alias("value"),
        )
    )
    bad = long.filter(pl.col("value").is_null() | pl.col("value").is_nan()).sort("row", "year")
    problems += _row_problems(
        bad,
        name,
        lambda row: (
            _("no figure for %(year)s.") % {"year": row["year"]}
            if row["text"] is None
            else _("the figure for %(year)s, '%(value)s', is not a number.")
            % {"year": row["year"], "value": row["text"]}
        ),
    )
    if problems:
        return ReadResult(problems=problems)
    return ReadResult(frame=long.select(*COLUMNS))


def _row_problems(rows: pl.DataFrame, name: str, describe) -> list[str]:
    problems = [
        _("%(file)s, row %(row)s: %(problem)s") % {"file": name, "row": row["row"], "problem": describe(row)}
        for row in rows.head(MAX_ROW_PROBLEMS).iter_rows(named=True)
    ]
    if rows.height > MAX_ROW_PROBLEMS:
        problems.append(
            _("%(file)s: %(count)s more problems of the same kind.")
            % {"file": name, "count": rows.height - MAX_ROW_PROBLEMS}
        )
    return problems


def _column_letter(position: int) -> str:
    """Excel's name of the 1-based column ``position`` (1 → A, 27 → AA)."""
    letters = ""
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _smhi_layout_problem(name: str) -> str:
    return _(
        "%(file)s: no row labelled Huvudsektor, Undersektor, Län and Kommun (columns A–D) was found in the first "
        "%(rows)s rows, and the columns match no other supported layout. SMHI may have changed the export; "
        "nothing was loaded."
    ) % {"file": name, "rows": HEADER_SEARCH_ROWS}
