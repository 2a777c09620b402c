"""The Thai fiscal calendar, months as people write them, and business dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.calendar import FiscalYear, Month, thai_date
from domain.errors import InputError
from domain.parsing import parse_date, parse_month

FY2552 = FiscalYear(2552)


def test_fiscal_year_2552_runs_from_october_2008_to_september_2009() -> None:
    assert (FY2552.start, FY2552.end) == (date(2008, 10, 1), date(2009, 9, 30))
    assert [m.thai() for m in FY2552.months][:4] == [
        "ต.ค. 2551",
        "พ.ย. 2551",
        "ธ.ค. 2551",
        "ม.ค. 2552",
    ]
    assert FY2552.months[-1] == Month(2009, 9)


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (date(2008, 9, 30), 2551),
        (date(2008, 10, 1), 2552),
        (date(2009, 9, 30), 2552),
        (date(2009, 10, 1), 2553),
    ],
)
def test_a_date_belongs_to_the_fiscal_year_ending_after_it(day: date, fiscal_year: int) -> None:
    assert FiscalYear.of(day) == FiscalYear(fiscal_year)


@pytest.mark.parametrize(
    "text",
    ["ม.ค.", "ม.ค", "มค", "มกราคม", "January", "jan", "Jan.", " ม.ค. "],
)
def test_a_bare_month_name_is_placed_in_the_fiscal_year(text: str) -> None:
    assert parse_month(text, FY2552) == Month(2009, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ต.ค. 2551", Month(2008, 10)),
        ("ม.ค.52", Month(2009, 1)),
        ("มกราคม ๒๕๕๒", Month(2009, 1)),
        ("2009-01", Month(2009, 1)),
        ("Jan 2009", Month(2009, 1)),
        ("ก.ย. 2552", Month(2009, 9)),
        ("Sept 2009", Month(2009, 9)),
    ],
)
def test_months_with_years_in_either_era(text: str, expected: Month) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["", "ม.ค.", "13", "2009-13", "Foo 2009", "ม.ค. 1999x"])
def test_what_is_not_a_month_is_refused_quoting_the_text(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_month(text)
    assert caught.value.rule == "month_format"
    assert repr(text)[1:-1] in str(caught.value)


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)))
def test_every_month_lies_in_exactly_one_fiscal_year_at_its_index(day: date) -> None:
    month = Month.of(day)
    fy = month.fiscal_year
    assert fy.contains(month) and fy.months[fy.index(month)] == month
    assert fy.start <= day <= fy.end
    assert parse_month(month.thai()) == month and parse_month(month.iso) == month


@pytest.mark.parametrize(
    "text", ["2009-01-31", "31/01/2552", "31/1/2009", "31 ม.ค. 2552", "๓๑/๐๑/๒๕๕๒"]
)
def test_business_dates_in_iso_or_thai_form(text: str) -> None:
    assert parse_date(text) == date(2009, 1, 31)


@pytest.mark.parametrize("text", ["31/02/2552", "yesterday", "2009-1-31x"])
def test_what_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(text)
    assert caught.value.rule == "date_format"


def test_thai_dates_use_the_buddhist_era() -> None:
    assert thai_date(date(2009, 1, 31)) == "31 ม.ค. 2552"
