"""CAS and EC numbers: their form, their check digits and how several are written in one cell.

A **CAS registry number** is 2–7 digits, 2 digits and a check digit (``7732-18-5``). The check digit
is the sum of the other digits, each multiplied by its position counted from the right (1, 2, 3 …),
modulo 10: for water, 8·1 + 1·2 + 2·3 + 3·4 + 7·5 + 7·6 = 105, so it ends in 5.

An **EC number** is ``NNN-NNN-R``. For EINECS (2xx, 3xx), ELINCS (4xx) and NLP (5xx) numbers the
check digit is the sum of the first six digits, each multiplied by its position from the left
(1 … 6), modulo 11 (a remainder of 10 is never used). ECHA's *list numbers* (6xx, 7xx, 8xx, 9xx) are
only identifiers and carry no check digit, so only their form is checked.

A cell may hold several numbers separated by ``;``, ``,``, ``/``, ``|``, line breaks or spaces.
The same rules exist twice: as plain functions (forms, the Candidate List loader, matching) and as
Polars expressions (the article import, which never loops over rows in Python); the tests check
that both agree.
"""

import re

import polars as pl

CAS_FORM = r"^\d{2,7}-\d{2}-\d$"
EC_FORM = r"^\d{3}-\d{3}-\d$"
SEPARATORS = r"[;,/|\s]+"
EC_WITH_CHECK_DIGIT = ("2", "3", "4", "5")
EMPTY = {"", "-", "—", "–"}


def split(cell: str | None) -> list[str]:
    """The numbers written in one cell, in order, without duplicates ("-" and empty cells give none)."""
    if not cell:
        return []
    numbers = []
    for token in re.split(SEPARATORS, cell.strip()):
        if token not in EMPTY and token not in numbers:
            numbers.append(token)
    return numbers


def cas_check_digit(number: str) -> int:
    """The check digit a CAS number's other digits call for."""
    body = number.replace("-", "")[:-1]
    return sum(position * int(digit) for position, digit in enumerate(reversed(body), start=1)) % 10


def ec_check_digit(number: str) -> int:
    """The check digit an EC number's first six digits call for (10 means: no valid check digit)."""
    digits = number.replace("-", "")[:6]
    return sum(position * int(digit) for position, digit in enumerate(digits, start=1)) % 11


def cas_problem(number: str) -> str | None:
    """``None`` for a valid CAS number, else ``"form"`` or ``"check_digit"``."""
    if not re.match(CAS_FORM, number):
        return "form"
    if cas_check_digit(number) != int(number[-1]):
        return "check_digit"
    return None


def ec_problem(number: str) -> str | None:
    """``None`` for a valid EC number, else ``"form"`` or ``"check_digit"``."""
    if not re.match(EC_FORM, number):
        return "form"
    if number[0] in EC_WITH_CHECK_DIGIT and ec_check_digit(number) != int(number[-1]):
        return "check_digit"
    return None


# The same rules as Polars expressions on a column of single numbers --------------------------------


def tokens(expr: pl.Expr) -> pl.Expr:
    """A cell as a list of numbers (use ``explode`` for one row per number); empty markers dropped."""
    cleaned = expr.str.replace_all(SEPARATORS, " ").str.strip_chars()
    return cleaned.str.split(" ").list.eval(pl.element().filter(~pl.element().is_in(list(EMPTY))))


def _weighted(digits: pl.Expr) -> pl.Expr:
    weights = pl.int_range(pl.len()) + 1
    return digits.str.split("").list.eval(pl.element().cast(pl.Int64, strict=False) * weights).list.sum()


def cas_check_digit_expr(expr: pl.Expr) -> pl.Expr:
    digits = expr.str.replace_all("-", "")
    return _weighted(digits.str.slice(0, digits.str.len_chars() - 1).str.reverse()) % 10


def ec_check_digit_expr(expr: pl.Expr) -> pl.Expr:
    return _weighted(expr.str.replace_all("-", "").str.slice(0, 6)) % 11


def last_digit(expr: pl.Expr) -> pl.Expr:
    return expr.str.slice(-1).cast(pl.Int64, strict=False)


def cas_form_ok(expr: pl.Expr) -> pl.Expr:
    return expr.str.contains(CAS_FORM)


def cas_digit_ok(expr: pl.Expr) -> pl.Expr:
    return cas_check_digit_expr(expr) == last_digit(expr)


def ec_form_ok(expr: pl.Expr) -> pl.Expr:
    return expr.str.contains(EC_FORM)


def ec_digit_ok(expr: pl.Expr) -> pl.Expr:
    needs_check = expr.str.slice(0, 1).is_in(list(EC_WITH_CHECK_DIGIT))
    return ~needs_check | (ec_check_digit_expr(expr) == last_digit(expr))
