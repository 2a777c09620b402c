"""Each month column stands for an exact month, whatever order and years the headings give.

Issue 15: a calendar-year month row (ม.ค.–ธ.ค.) under one year cell stored its ธ.ค. mark
in the year before; a mark right of ก.ย. in a column without a heading vanished. Each
table here is a header row, a month row and body rows (so the body starts on row 3).
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from domain.calendar import FiscalYear, Month
from domain.draft import PlanDraft
from domain.plan_table import PlanTableError, parse_plan, read_grid
from domain.plan_table.years import FIRST_YEAR, LAST_YEAR
from tests.unit.plan_table_helpers import HEADER, MONTHS, body_row, tsv_bytes

CALENDAR = (*MONTHS[3:], *MONTHS[:3])
"""ม.ค. … ธ.ค."""


def months(*isos: str) -> tuple[Month, ...]:
    return tuple(Month.from_iso(iso) for iso in isos)


def rows_of(
    labels: Sequence[str],
    years: dict[int, str] | None = None,
    body: Sequence[list[str]] = (),
    titles: Sequence[str] = (),
) -> list[list[str]]:
    """A table whose month row is ``labels`` from column G and whose header row has the
    year cells ``years`` (month index → text) above them."""
    header = list(HEADER[:6]) + [""] * len(labels)
    for index, text in (years or {}).items():
        header[6 + index] = text
    rows = [[title] for title in titles]
    return [*rows, header, [""] * 6 + list(labels), *(list(cells) for cells in body)]


def parse(rows: list[list[str]]) -> PlanDraft:
    return parse_plan(read_grid(tsv_bytes(rows), "plan.txt"))


def refusal(rows: list[list[str]]) -> PlanTableError:
    with pytest.raises(PlanTableError) as refused:
        parse(rows)
    return refused.value


def one_project(marks: dict[int, str]) -> list[list[str]]:
    return [body_row("1", "โครงการหนึ่ง", "ทำงาน", "1,000", marks=marks)]


# Calendar order


def test_calendar_order_under_one_year_cell_reads_each_month_in_that_year() -> None:
    plan = parse(rows_of(CALENDAR, {0: "พ.ศ. 2567"}, one_project({0: "↔", 2: "↔", 8: "x"})))
    assert plan.fiscal_year == FiscalYear(2567)
    assert plan.activities[0].planned_months == months("2024-01", "2024-03", "2024-09")


def test_a_december_mark_under_a_calendar_year_is_refused_not_moved_into_the_fiscal_year() -> None:
    # Before issue 15 this read as ธ.ค. 2566 (2023-12), inside fiscal year 2567.
    error = refusal(rows_of(CALENDAR, {0: "พ.ศ. 2567"}, one_project({0: "↔", 11: "↔"})))
    assert (error.rule, error.row, error.column) == ("month_outside_fiscal_year", 3, "R")
    assert error.values["month"] == Month(2024, 12)
    assert "ธ.ค. 2567" in error.message("th") and "2567" in error.values["fiscal_year"]


def test_calendar_order_headings_may_carry_the_year_instead() -> None:
    labels = ("ม.ค.2567", *CALENDAR[1:])
    plan = parse(rows_of(labels, body=one_project({3: "x"})))
    assert plan.activities[0].planned_months == months("2024-04")


def test_calendar_order_without_any_year_is_refused_as_unsettled() -> None:
    error = refusal(rows_of(CALENDAR, titles=["ปีงบประมาณ พ.ศ. 2567"], body=one_project({0: "x"})))
    assert (error.rule, error.row, error.column) == ("month_order_unsettled", 3, "G")


def test_months_in_no_order_without_years_are_refused_as_unsettled() -> None:
    scrambled = ("ม.ค.", "ต.ค.", *MONTHS[1:3], *MONTHS[4:])
    error = refusal(rows_of(scrambled, {0: "พ.ศ.2567"}, one_project({0: "x"})))
    assert (error.rule, error.row, error.column) == ("month_order_unsettled", 2, "G")


# Headings with their own years


@pytest.mark.parametrize(
    "labels",
    [
        tuple(f"{m}{'66' if i < 3 else '67'}" for i, m in enumerate(MONTHS)),
        tuple(f"{m} {'2566' if i < 3 else '2567'}" for i, m in enumerate(MONTHS)),
        tuple(f"{m} ๒๕{'๖๖' if i < 3 else '๖๗'}" for i, m in enumerate(MONTHS)),
    ],
    ids=["two-digit", "four-digit", "thai-digits"],
)
def test_headings_with_their_years_need_no_year_cells(labels: tuple[str, ...]) -> None:
    plan = parse(rows_of(labels, body=one_project({0: "x", 2: "x", 3: "x", 11: "x"})))
    assert plan.fiscal_year == FiscalYear(2567)
    expected = months("2023-10", "2023-12", "2024-01", "2024-09")
    assert plan.activities[0].planned_months == expected


def test_calendar_headings_with_years_mark_december_of_the_next_fiscal_year_refused() -> None:
    labels = tuple(f"{m}67" for m in CALENDAR)
    error = refusal(rows_of(labels, body=one_project({10: "x"})))
    assert (error.rule, error.row, error.column) == ("month_outside_fiscal_year", 3, "Q")


def test_a_headings_year_may_be_the_fiscal_year_named_above_it() -> None:
    labels = tuple(f"{m}{'66' if i < 3 else '67'}" for i, m in enumerate(MONTHS))
    plan = parse(rows_of(labels, {0: "2567"}, one_project({1: "x"})))
    assert plan.activities[0].planned_months == months("2023-11")


def test_a_headings_year_contradicting_the_year_cell_above_is_refused() -> None:
    labels = tuple(f"{m}{'66' if i < 3 else '67'}" for i, m in enumerate(MONTHS))
    error = refusal(rows_of(labels, {0: "พ.ศ.2566", 3: "พ.ศ.2560"}, one_project({1: "x"})))
    assert (error.rule, error.row, error.column) == ("month_year_conflict", 2, "J")
    assert (error.values["own"], error.values["cell"], error.values["cell_at"]) == (
        "2567",
        "2560",
        "J1",
    )


def test_january_to_september_in_two_fiscal_years_are_refused_as_unsettled() -> None:
    labels = [f"{m}{'66' if i < 3 else '67'}" for i, m in enumerate(MONTHS)]
    labels[4] = "ก.พ.68"
    error = refusal(rows_of(labels, body=one_project({0: "x"})))
    assert (error.rule, error.row, error.column) == ("fiscal_year_unsettled", 2, "K")
    assert error.values["years"] == ["2567", "2568"]


@pytest.mark.parametrize(
    ("labels", "titles", "row", "column"),
    [
        ((f"{MONTHS[0]} 2023", *MONTHS[1:]), (), 2, "G"),
        (MONTHS, ("ปีงบประมาณ พ.ศ. 2401",), 1, None),
    ],
    ids=["common-era-heading", "title-before-1901"],
)
def test_a_year_no_plan_can_be_for_is_refused(
    labels: tuple[str, ...], titles: tuple[str, ...], row: int, column: str | None
) -> None:
    error = refusal(rows_of(labels, titles=titles, body=one_project({0: "x"})))
    assert (error.rule, error.row, error.column) == ("fiscal_year_out_of_range", row, column)
    assert (error.values["first"], error.values["last"]) == (str(FIRST_YEAR), str(LAST_YEAR))


# Columns that are no month of this plan


def test_two_fiscal_years_side_by_side_are_refused_naming_each_years_columns() -> None:
    labels = [f"{m}{'66' if i < 3 else '67'}" for i, m in enumerate(MONTHS)]
    labels += [f"{m}{'67' if i < 3 else '68'}" for i, m in enumerate(MONTHS)]
    body = one_project({0: "x"})
    body[0] += ["", "x"]
    error = refusal(rows_of(labels, body=body))
    assert (error.rule, error.row, error.column) == ("fiscal_years_side_by_side", 2, "S")
    assert (error.values["first"], error.values["second"]) == ("G–R", "S–AD")


def test_a_mark_in_an_unlabelled_column_right_of_september_is_refused() -> None:
    # Before issue 15 the mark in column S was dropped without a word.
    body = one_project({0: "x"})
    body[0] += ["↔"]
    error = refusal(rows_of(MONTHS, {0: "พ.ศ.2551", 3: "พ.ศ.2552"}, body))
    assert (error.rule, error.row, error.column) == ("month_mark_unlabelled_column", 3, "S")


def test_text_in_an_unlabelled_column_is_not_a_mark_and_is_ignored() -> None:
    body = one_project({0: "x"})
    body[0] += ["ดูหมายเหตุ"]
    plan = parse(rows_of(MONTHS, {0: "พ.ศ.2551", 3: "พ.ศ.2552"}, body))
    assert plan.activities[0].planned_months == months("2008-10")


# Arrows as people type them


@pytest.mark.parametrize(
    "arrow",
    ["←――→", "<―>", "⟷", "<-->", "←→", "──►", "◄──►", "→", "<==>", "⇔", "↔↔", " <- -> ", "---"],
)
def test_an_arrow_in_one_unmerged_cell_is_one_month(arrow: str) -> None:
    plan = parse(rows_of(MONTHS, {0: "พ.ศ.2551", 3: "พ.ศ.2552"}, one_project({4: arrow})))
    assert plan.activities[0].planned_months == months("2009-02")


@pytest.mark.parametrize("text", ["-", "<->x", "ก.พ.", "1"])
def test_what_is_no_arrow_is_refused_as_an_unknown_mark(text: str) -> None:
    error = refusal(rows_of(MONTHS, {0: "พ.ศ.2551", 3: "พ.ศ.2552"}, one_project({4: text})))
    assert (error.rule, error.row, error.column) == ("month_mark_unknown", 3, "K")
