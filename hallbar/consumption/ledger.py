"""Read, check and sum a supplier-invoice ledger with DuckDB: no Python loop ever touches a line.

:func:`read_ledger` takes a CSV, XLSX or Parquet file and the organisation's units and returns either
the errors (row numbers as the user sees them: the header is row 1) or the sums per year, unit,
account, category and quantity unit, plus the sums per year, supplier and account. Nothing here
touches the database; services.py stores what comes back.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import duckdb
import polars as pl
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_REPORTED_ERRORS = 200
TEXT_FILES = (".csv", ".txt")  # read as CSV
MEMORY_LIMIT = "1GB"
SEK = "CAST(sum(cents) AS DECIMAL(38, 0)) * 0.01"  # öre summed per group back to kronor, exactly

# Canonical column → accepted headers (compared lower-case without spaces, "_", "-" and ".").
REQUIRED = {
    "date": ("date", "datum", "bokforingsdatum", "bokföringsdatum", "fakturadatum", "invoicedate"),
    "unit": ("unit", "responsibleunit", "enhet", "ansvar", "ansvarigenhet", "kostnadsställe", "costcentre"),
    "account": ("account", "konto"),
    "supplier_org_number": (
        "supplierorgnumber",
        "supplierorganisationnumber",
        "orgnr",
        "organisationsnummer",
        "leverantörsorgnr",
    ),
    "supplier_name": ("suppliername", "supplier", "leverantör", "leverantörsnamn"),
    "amount": ("amount", "amountsek", "amountexclvat", "belopp", "beloppexklmoms", "beloppsek"),
}
OPTIONAL = {
    "category": ("category", "productcategory", "cpv", "kategori", "produktkategori"),
    "quantity": ("quantity", "kvantitet", "mängd"),
    "quantity_unit": ("quantityunit", "mängdenhet", "kvantitetsenhet"),
}
COLUMN_LABELS = {
    "date": gettext_lazy("date"),
    "unit": gettext_lazy("responsible unit"),
    "account": gettext_lazy("account"),
    "supplier_org_number": gettext_lazy("supplier organisation number"),
    "supplier_name": gettext_lazy("supplier name"),
    "amount": gettext_lazy("amount excl. VAT (SEK)"),
    "category": gettext_lazy("category or CPV"),
    "quantity": gettext_lazy("quantity"),
    "quantity_unit": gettext_lazy("quantity unit"),
}


def supplier_number_sql(expression: str) -> str:
    """SQL for a supplier's organisation number as stored: spaces and hyphens dropped, upper case; a
    Swedish number (ten digits, or twelve with the prefix 16, 19 or 20) as NNNNNN-NNNN. The same rule
    as ``hallbar.procurement.models.normalise_supplier_number`` (a test holds them together), so
    invoice lines meet the suppliers named on procurements."""
    compact = f"upper(regexp_replace({expression}, '[ \\t\\x{{00A0}}-]', '', 'g'))"
    digits = f"right({compact}, 10)"
    return (
        f"CASE WHEN regexp_full_match({compact}, '(16|19|20)?[0-9]{{10}}') "
        f"THEN substr({digits}, 1, 6) || '-' || substr({digits}, 7, 4) ELSE {compact} END"
    )


class UnreadableLedger(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class LedgerResult:
    error_count: int = 0
    errors: list[list] = field(default_factory=list)  # [row, column, value]; see describe_error
    # (year, unit_id, account, category, quantity_unit, rows, credits, amount, quantity)
    totals: list[tuple] = field(default_factory=list)
    # (year, org_number, name, account, rows, amount as exact decimal text: "-1234.50"; tens of thousands
    # of rows are fetched and written faster as text than as Decimal objects)
    suppliers: list[tuple] = field(default_factory=list)
    # (year, account) → SEK of the suppliers whose sum on the account is positive (what emissions are shared by)
    supplier_spend: dict[tuple, float] = field(default_factory=dict)
    first_date: object = None
    last_date: object = None

    @property
    def row_count(self) -> int:
        return sum(row[5] for row in self.totals)

    @property
    def credit_count(self) -> int:
        return sum(row[6] for row in self.totals)

    @property
    def amount(self) -> Decimal:
        return sum((row[7] for row in self.totals), Decimal(0))


def _normal(header: str) -> str:
    return re.sub(r"[\s_\-.]", "", str(header).strip().lower())


def _find_columns(headers: list[str]) -> tuple[dict[str, str], list[str]]:
    by_normal = {_normal(header): header for header in headers}
    found, missing = {}, []
    for canonical, names in {**REQUIRED, **OPTIONAL}.items():
        header = next((by_normal[name] for name in names if name in by_normal), None)
        if header is not None:
            found[canonical] = header
        elif canonical in REQUIRED:
            missing.append(canonical)
    return found, missing


def _source(connection, path: str, filename: str, workdir: str) -> str:
    """A DuckDB relation text for the file (XLSX goes through Polars/fastexcel into Parquet)."""
    name = filename.lower()
    quoted = path.replace("'", "''")
    if name.endswith(".parquet"):
        return f"read_parquet('{quoted}')"
    if name.endswith((".xlsx", ".xlsm")):
        frame = pl.read_excel(path, infer_schema_length=0)
        converted = os.path.join(workdir, "sheet.parquet")
        frame.write_parquet(converted)
        return f"read_parquet('{converted}')"
    if name.endswith(TEXT_FILES):
        return f"read_csv('{quoted}', all_varchar = true, header = true)"
    raise UnreadableLedger(_("Upload a CSV, XLSX or Parquet file."))


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _typed_select(columns: dict[str, str], types: dict[str, str]) -> str:
    """The SELECT list that parses every column; a NULL in a parsed column next to a value is an error.

    The ``*_as_read`` columns are the text as read, for grouping first and cleaning up once per group
    (trimming ten million strings costs more than the sums); DuckDB computes only the columns a query uses.
    """

    def col(name):
        return _quote(columns[name])

    def as_read(name):
        if name not in columns:
            return "CAST(NULL AS VARCHAR)"
        return col(name) if types[columns[name]] == "VARCHAR" else f"CAST({col(name)} AS VARCHAR)"

    def text(name):
        return f"nullif(trim({as_read(name)}), '')"

    def number(name):
        if name not in columns:
            return "NULL"
        if types[columns[name]] == "VARCHAR":
            cleaned = f"replace(replace(replace({col(name)}, ' ', ''), chr(160), ''), ',', '.')"
            return f"TRY_CAST(nullif({cleaned}, '') AS DOUBLE)"
        return f"TRY_CAST({col(name)} AS DOUBLE)"

    if types[columns["date"]] == "VARCHAR":
        raw = f"trim({col('date')})"
        date = f"coalesce(TRY_CAST({raw} AS DATE), TRY_CAST(try_strptime({raw}, '%Y%m%d') AS DATE))"
    else:
        date = f"TRY_CAST({col('date')} AS DATE)"
    amount = number("amount")
    # A number column read as a number never holds text that is not a number.
    textual_quantity = "quantity" in columns and types[columns["quantity"]] == "VARCHAR"
    return ",\n".join(
        [
            f"{date} AS d",
            f"{text('date')} AS raw_date",
            f"lower({text('unit')}) AS unit_key",
            f"{text('unit')} AS raw_unit",
            f"{text('account')} AS account",
            f"{text('supplier_org_number')} AS org_number",
            f"{text('supplier_name')} AS supplier_name",
            f"TRY_CAST(round({amount} * 100) AS BIGINT) AS cents",  # whole öre: summed far faster than DECIMAL
            f"{text('amount')} AS raw_amount",
            f"coalesce({text('category')}, '') AS category",
            f"{number('quantity')} AS quantity",
            f"{text('quantity')} AS raw_quantity",
            f"coalesce({text('quantity_unit')}, '') AS quantity_unit",
            *(
                f"{as_read(name)} AS {name}_as_read"
                for name in ("unit", "account", "category", "supplier_org_number", "supplier_name")
            ),
            f"CASE WHEN {number('quantity')} IS NULL THEN NULL ELSE {as_read('quantity_unit')} END "
            "AS quantity_unit_as_read",  # a quantity unit without a quantity counts as none
            f"({text('quantity')} IS NOT NULL AND {number('quantity')} IS NULL) AS bad_quantity"
            if textual_quantity
            else "false AS bad_quantity",
        ]
    )


# A supplier name with more than spaces: a blank name never wins over a real one (a filter on trim costs
# about 0.05 s per ten million lines, a regular expression 0.3 s). The name shown is trimmed once per group.
NAMED = "trim(supplier_name_as_read) <> ''"

KEY_LENGTH = 40  # the longest account, category or quantity unit stored (the totals' columns)
NUMBER_LENGTH = 20  # the longest supplier organisation number stored
ACCOUNT = re.compile(f"[0-9]{{1,{KEY_LENGTH}}}")
TOO_LONG_KEY = gettext_lazy("Too long: at most 40 characters.")  # KEY_LENGTH
TOO_LONG_NUMBER = gettext_lazy("Too long: at most 20 characters.")  # NUMBER_LENGTH


@dataclass(frozen=True)
class Check:
    """One check of a line: its key (stored with each error), the column it is about, what is wrong,
    the SQL condition on a parsed line and the value shown."""

    key: str
    column: str
    problem: object
    condition: str
    shown: str


CHECKS = [
    Check("date", "date", gettext_lazy("Not a date (use YYYY-MM-DD)."), "d IS NULL", "raw_date"),
    Check("amount", "amount", gettext_lazy("Not an amount."), "cents IS NULL", "raw_amount"),
    Check(
        "unit", "unit", gettext_lazy("No unit with this name or code."), "unit_id IS NULL AND NOT listed", "raw_unit"
    ),
    Check(
        "ambiguous_unit",
        "unit",
        gettext_lazy("More than one unit has this name or code: use a code only one unit has."),
        "unit_id IS NULL AND listed",
        "raw_unit",
    ),
    Check(
        "account",
        "account",
        gettext_lazy("An account is a number of at most 40 digits."),
        f"account IS NULL OR NOT regexp_full_match(account, '{ACCOUNT.pattern}')",
        "account",
    ),
    Check(
        "supplier_org_number",
        "supplier_org_number",
        gettext_lazy("The supplier's organisation number is missing."),
        "org_number IS NULL",
        "''",
    ),
    Check(
        "supplier_number_length",
        "supplier_org_number",
        TOO_LONG_NUMBER,
        f"length({supplier_number_sql('org_number')}) > {NUMBER_LENGTH}",
        "org_number",
    ),
    Check("category_length", "category", TOO_LONG_KEY, f"length(category) > {KEY_LENGTH}", "category"),
    Check(
        "quantity",
        "quantity",
        gettext_lazy("Not a number."),
        "raw_quantity IS NOT NULL AND quantity IS NULL",
        "raw_quantity",
    ),
    Check(
        "quantity_unit_length", "quantity_unit", TOO_LONG_KEY, f"length(quantity_unit) > {KEY_LENGTH}", "quantity_unit"
    ),
]


def read_ledger(
    path: str,
    filename: str,
    units: dict[str, int | None],
    progress: Callable[[int], None] = lambda percent: None,
) -> LedgerResult:
    """Check and sum the file; ``units`` maps lower-case unit names and codes to unit ids (None: a name or
    code more than one unit has)."""
    with tempfile.TemporaryDirectory() as workdir:
        try:
            return _read_file(path, filename, units, progress, workdir)
        except duckdb.Error as error:
            if not (filename.lower().endswith(TEXT_FILES) and NOT_UTF8 in str(error)):
                raise _unreadable(error) from error
        # What Excel on a Swedish Windows saves as "CSV (semicolon separated)" is Windows-1252, not UTF-8.
        try:
            return _read_file(_as_utf8(path, workdir), filename, units, progress, workdir)
        except duckdb.Error as error:
            raise _unreadable(error) from error


NOT_UTF8 = "not utf-8 encoded"  # in DuckDB's message for a CSV file with bytes that are not UTF-8


def _unreadable(error: duckdb.Error) -> UnreadableLedger:
    return UnreadableLedger(_("The file cannot be read: %(error)s") % {"error": str(error)[:300]})


def _as_utf8(path: str, workdir: str) -> str:
    """A UTF-8 copy of a Windows-1252 text file, written in pieces (the file may be large)."""
    converted = os.path.join(workdir, "utf8.csv")
    with (
        open(path, encoding="cp1252", errors="replace", newline="") as source,
        open(converted, "w", encoding="utf-8", newline="") as target,
    ):
        while piece := source.read(1 << 20):
            target.write(piece)
    return converted


def _read_file(path, filename, units, progress, workdir) -> LedgerResult:
    connection = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": workdir})
    try:
        return _read(connection, path, filename, units, progress, workdir)
    finally:
        connection.close()


def _read(connection, path, filename, units, progress, workdir) -> LedgerResult:
    source = _source(connection, path, filename, workdir)
    described = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    types = {row[0]: row[1] for row in described}
    columns, missing = _find_columns(list(types))
    if missing:
        names = ", ".join(str(COLUMN_LABELS[name]) for name in missing)
        raise UnreadableLedger(_("The file lacks these columns: %(columns)s.") % {"columns": names})
    parsed = f"(SELECT {_typed_select(columns, types)} FROM {source})"
    progress(15)
    # The totals: summed per key as written, then per key cleaned up (once per group, not per line),
    # with the per-line checks counted per group. Checks on the keys (date, unit, account) are then
    # made once per group as well.
    groups = connection.execute(
        "SELECT year, lower(nullif(trim(unit), '')), nullif(trim(account), ''), "
        "coalesce(nullif(trim(category), ''), ''), coalesce(nullif(trim(quantity_unit), ''), ''), "
        f"sum(rows), sum(credits), {SEK}, coalesce(sum(quantity), 0), sum(bad_amounts), sum(bad_quantities), "
        "min(first), max(last) FROM (SELECT year(d) AS year, unit_as_read AS unit, account_as_read AS account, "
        "category_as_read AS category, quantity_unit_as_read AS quantity_unit, "
        "count(*) AS rows, count_if(cents < 0) AS credits, sum(cents) AS cents, sum(quantity) AS quantity, "
        "count(*) - count(cents) AS bad_amounts, count_if(bad_quantity) AS bad_quantities, min(d) AS first, "
        f"max(d) AS last FROM {parsed} GROUP BY ALL) GROUP BY ALL"
    ).fetchall()
    if not groups:
        raise UnreadableLedger(_("The file has no lines below its header."))
    progress(40)
    # Per supplier and account (the supplier's name: any one it was written with), the same way; the
    # numbers are normalised once per group. A line without a supplier number is an error.
    number = supplier_number_sql("nullif(trim(number), '')")
    connection.execute(
        f"CREATE TEMP TABLE suppliers AS SELECT year, {number} AS number, "
        f"any_value(nullif(trim(name), '')) AS name, nullif(trim(account), '') AS account, sum(rows) AS rows, "
        f"{SEK} AS amount FROM (SELECT year(d) AS year, supplier_org_number_as_read AS number, "
        f"any_value(supplier_name_as_read) FILTER (WHERE {NAMED}) AS name, account_as_read AS account, "
        f"count(*) AS rows, sum(cents) AS cents FROM {parsed} GROUP BY ALL) GROUP BY ALL"
    )
    suppliers = connection.execute(
        "SELECT year, number, name, account, rows, CAST(amount AS VARCHAR) FROM suppliers"
    ).fetchall()
    progress(70)
    error_count = sum(_group_errors(group, units) for group in groups)
    error_count += sum(supplier[4] for supplier in suppliers if not _number_fits(supplier[1]))
    if error_count:
        return LedgerResult(error_count=error_count, errors=_error_rows(connection, parsed, columns, units))
    spend = connection.execute(
        "SELECT year, account, CAST(sum(amount) AS DOUBLE) FROM suppliers WHERE amount > 0 GROUP BY ALL"
    ).fetchall()
    return LedgerResult(
        totals=[(group[0], units[group[1]], *group[2:9]) for group in groups],
        suppliers=suppliers,
        supplier_spend={(year, account): amount for year, account, amount in spend},
        first_date=min(group[11] for group in groups),
        last_date=max(group[12] for group in groups),
    )


def _number_fits(number: str | None) -> bool:
    return number is not None and len(number) <= NUMBER_LENGTH


def _group_errors(group, units) -> int:
    """How many errors the lines of a group of totals have (every line of a group shares its keys)."""
    year, unit_key, account, category, quantity_unit, rows = group[:6]
    by_key = (
        (year is None)
        + (units.get(unit_key) is None)
        + (account is None or not ACCOUNT.fullmatch(account))
        + (len(category) > KEY_LENGTH)
        + (len(quantity_unit) > KEY_LENGTH)
    )
    return by_key * rows + group[9] + group[10]


def _error_rows(connection, parsed: str, columns: dict, units: dict[str, int | None]) -> list[list]:
    """The first lines with each kind of error, numbered as in the file (the header is row 1)."""
    connection.execute("CREATE TABLE units (unit_key VARCHAR, unit_id BIGINT, listed BOOLEAN)")
    if units:
        connection.executemany("INSERT INTO units VALUES (?, ?, true)", list(units.items()))
    connection.execute(
        "CREATE TABLE numbered AS SELECT n.*, u.unit_id, coalesce(u.listed, false) AS listed "
        f"FROM (SELECT row_number() OVER () + 1 AS row, * FROM {parsed}) n LEFT JOIN units u USING (unit_key)"
    )
    errors = []
    for check in CHECKS:
        if check.column == "quantity" and "quantity" not in columns:
            continue
        rows = connection.execute(
            f"SELECT row, CAST({check.shown} AS VARCHAR) FROM numbered WHERE {check.condition} ORDER BY row LIMIT ?",
            [MAX_REPORTED_ERRORS],
        ).fetchall()
        errors.extend([row, check.key, found or ""] for row, found in rows)
    errors.sort(key=lambda error: error[0])
    return errors[:MAX_REPORTED_ERRORS]


def describe_error(key: str) -> tuple[str, str]:
    """The label of the column a stored error is about and what is wrong, in the active language."""
    check = next(check for check in CHECKS if check.key == key)
    return str(COLUMN_LABELS[check.column]), str(check.problem)
