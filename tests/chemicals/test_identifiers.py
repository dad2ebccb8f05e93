import polars as pl
import pytest

from hallbar.chemicals import identifiers

VALID_CAS = ["7732-18-5", "50-00-0", "141-62-8", "84852-53-9", "7440-43-9"]
VALID_EC = ["231-791-2", "205-491-7", "284-366-9", "466-490-7", "700-960-7"]


@pytest.mark.parametrize("number", VALID_CAS)
def test_valid_cas_numbers(number):
    assert identifiers.cas_problem(number) is None


@pytest.mark.parametrize(("number", "problem"), [("7732-18-4", "check_digit"), ("7732185", "form"), ("1-18-5", "form")])
def test_invalid_cas_numbers(number, problem):
    assert identifiers.cas_problem(number) == problem


def test_ec_check_digit_only_for_inventory_numbers():
    assert identifiers.ec_problem("231-791-3") == "check_digit"
    assert identifiers.ec_problem("231-7912") == "form"
    assert identifiers.ec_problem("700-960-1") is None  # an ECHA list number: no check digit


def test_split_several_numbers_in_one_cell():
    assert identifiers.split("117-81-7; 84-74-2,\n7732-18-5 / 117-81-7") == ["117-81-7", "84-74-2", "7732-18-5"]
    assert identifiers.split("-") == []
    assert identifiers.split(None) == []


def test_polars_expressions_agree_with_the_functions():
    numbers = [*VALID_CAS, "7732-18-4", "50-00-1"]
    frame = pl.DataFrame({"n": numbers}).with_columns(
        identifiers.cas_digit_ok(pl.col("n")).alias("ok"), identifiers.cas_check_digit_expr(pl.col("n")).alias("d")
    )
    for number, ok, digit in frame.rows():
        assert ok == (identifiers.cas_problem(number) is None)
        assert digit == identifiers.cas_check_digit(number)
    ec = [*VALID_EC, "231-791-3"]
    frame = pl.DataFrame({"n": ec}).with_columns(identifiers.ec_digit_ok(pl.col("n")).alias("ok"))
    for number, ok in frame.rows():
        assert ok == (identifiers.ec_problem(number) is None)
