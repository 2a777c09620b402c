"""Baht amounts as they are written in plans, and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InputError
from domain.money import baht, format_baht
from domain.parsing import parse_baht


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("130,000", "130000.00"),
        ("130,000.50", "130000.50"),
        ("๑๓๐,๐๐๐", "130000.00"),
        (" 50,000 บาท", "50000.00"),
        ("30,000.-", "30000.00"),
        ("238,613.38", "238613.38"),
        ("178000", "178000.00"),
        ("0.5", "0.50"),
    ],
)
def test_amounts_as_plans_write_them(text: str, amount: str) -> None:
    assert parse_baht(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-5,000", "negative"),
        ("(5,000)", "negative"),
        ("NaN", "finite"),
        ("inf", "finite"),
        ("1,000.123", "two decimal places"),
        ("130,00", "separators"),
        ("130,000 30,000", "more than one amount"),
        ("หนึ่งแสน", "not a number"),
        ("", "empty"),
    ],
)
def test_refusals_quote_the_text_and_say_why(text: str, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_baht(text)
    assert caught.value.rule == "money_format"
    assert f"'{text}'" in str(caught.value) and reason in str(caught.value)
    assert f"'{text}'" in caught.value.message("th")


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_formatted_amounts_read_back_exactly(amount: Decimal) -> None:
    assert parse_baht(format_baht(amount)) == amount


def test_whole_baht_print_without_satang() -> None:
    assert format_baht(Decimal("130000.00")) == "130,000"
    assert format_baht(Decimal("238613.38")) == "238,613.38"


@pytest.mark.parametrize(
    ("value", "amount"),
    [(28000, "28000.00"), ("28000.5", "28000.50"), (Decimal("1E+3"), "1000.00")],
)
def test_amounts_from_code_are_exact_and_in_satang(value: int | str | Decimal, amount: str) -> None:
    found = baht(value)
    assert found == Decimal(amount) and str(found) == amount


@pytest.mark.parametrize("value", [0.1, 100.0, True, None, [1]])
def test_amounts_from_code_refuse_inexact_kinds(value: object) -> None:
    with pytest.raises(TypeError):
        baht(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["28,000", "abc", "1.005", "NaN", Decimal("Infinity")])
def test_amounts_from_code_refuse_what_is_not_baht(value: str | Decimal) -> None:
    with pytest.raises(ValueError, match="not an amount of baht"):
        baht(value)
