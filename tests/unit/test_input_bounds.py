"""Every typed value has a bound, and the refusal names it (hardening: no input makes a 500).

Before these bounds, a 30-digit amount raised ``decimal.InvalidOperation`` (a 500), a
25-digit budget was accepted, and a date in year 9999 overflowed when moved to Bangkok.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import InputError
from domain.money import MAX_BAHT, baht
from domain.parsing import checked_date, parse_baht, parse_date, parse_whole


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("9" * 30, "at most 999,999,999,999.99 baht"),  # beyond Decimal's precision: a 500
        ("9" * 25, "at most 999,999,999,999.99 baht"),  # once accepted as a budget
        ("1,000,000,000,000", "at most 999,999,999,999.99 baht"),  # 13 whole-baht digits
        ("9" * 5000, "longer than 64 characters"),  # never handed to a pattern or Decimal
    ],
)
def test_an_amount_beyond_its_bound_is_refused_naming_the_bound(text: str, bound: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_baht(text)
    assert refused.value.rule == "money_format"
    assert bound in refused.value.message("en")


def test_the_largest_amount_is_read_exactly() -> None:
    assert parse_baht("999,999,999,999.99") == MAX_BAHT == Decimal("999999999999.99")


def test_code_cannot_pass_an_amount_beyond_the_bound_either() -> None:
    with pytest.raises(ValueError, match="12 digits"):
        baht("1000000000000")
    assert baht("999999999999.99") == MAX_BAHT


@pytest.mark.parametrize("text", ["31/12/9999", "9999-12-31", "01/01/0001", "1899-12-31"])
def test_a_date_outside_the_represented_years_is_refused(text: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_date(text)
    assert refused.value.rule == "date_out_of_range"
    assert "2443–2743" in refused.value.message("th")


def test_the_first_and_last_represented_days_are_read() -> None:
    assert parse_date("1900-01-01") == date(1900, 1, 1)
    assert checked_date(date(2200, 12, 31), field="on") == date(2200, 12, 31)


@pytest.mark.parametrize("text", ["9" * 5000, "101", "-5", "5.0", "๑๐๑", "", "1e3"])
def test_a_whole_number_beyond_its_bound_or_not_whole_is_refused(text: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_whole(text, field="percent", maximum=100)
    assert (refused.value.rule, refused.value.field) == ("whole_format", "percent")


@pytest.mark.parametrize(("text", "number"), [("0", 0), ("100", 100), ("๔๕", 45), (" 7 ", 7)])
def test_whole_numbers_within_the_bound_are_read(text: str, number: int) -> None:
    assert parse_whole(text, field="percent", maximum=100) == number
