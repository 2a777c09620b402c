"""Workbooks as offices draw them: arrows merged across months, months shaded, names and
year cells merged (issue 15). Each workbook is written with openpyxl, as Excel saves it.

The table is the standard one for fiscal year 2552 (header row 1, months on row 2 in
columns G–R, the body from row 3); merged ranges and shaded cells are given with
1-based rows and 0-based columns.
"""

from __future__ import annotations

import pytest

from domain.calendar import FiscalYear, Month
from domain.draft import PlanDraft
from domain.plan_table import PlanTableError, read_plan
from tests.spreadsheet_files import Drawing, xlsx_file
from tests.unit.plan_table_helpers import (
    EXAMPLE,
    Rows,
    body_row,
    example_bytes,
    example_rows,
    table,
    without_source,
)

G = 6
"""The column of ต.ค.; month index i is in column G + i."""
YEARS = [(1, G, 1, G + 2), (1, G + 3, 1, G + 11)]
"""The year cells merged over their months, as the standard form has them."""


def months(*isos: str) -> tuple[Month, ...]:
    return tuple(Month.from_iso(iso) for iso in isos)


def read(
    rows: Rows,
    fills: set[tuple[int, int]] | None = None,
    merges: list[tuple[int, int, int, int]] | None = None,
) -> PlanDraft:
    drawing = Drawing(rows, fills or set(), YEARS + (merges or []))
    return read_plan(xlsx_file(drawing), "plan.xlsx")


def refused(
    rows: Rows,
    fills: set[tuple[int, int]] | None = None,
    merges: list[tuple[int, int, int, int]] | None = None,
) -> PlanTableError:
    with pytest.raises(PlanTableError) as refusal:
        read(rows, fills, merges)
    return refusal.value


def project(marks: dict[int, str] | None = None, details: str = "ทำงาน") -> list[str]:
    return body_row("1", "โครงการหนึ่ง", details, "1,000", marks=marks)


# Merged marks


def test_an_arrow_merged_across_months_covers_each_month() -> None:
    # Before issue 15 only January, the merged range's first cell, was kept.
    plan = read(table([project({3: "←――→"})]), merges=[(3, G + 3, 3, G + 5)])
    assert plan.activities[0].planned_months == months("2009-01", "2009-02", "2009-03")


def test_a_mark_merged_down_over_two_rows_is_refused_as_ambiguous() -> None:
    rows = table([project({2: "↔"}), body_row(details="ต่อ")])
    error = refused(rows, merges=[(3, G + 2, 4, G + 2)])
    assert (error.rule, error.row, error.column) == ("month_mark_merged_rows", 3, "I")
    assert error.values["merged"] == "I3:I4"


def test_a_mark_merged_beyond_the_last_month_is_refused() -> None:
    rows = table([project({10: "↔"})])
    rows[2] += ["", ""]
    error = refused(rows, merges=[(3, G + 10, 3, G + 12)])
    assert (error.rule, error.row, error.column) == ("month_mark_merged_beyond_months", 3, "Q")
    assert (error.values["merged"], error.values["last"]) == ("Q3:S3", "R")


# Shaded months


def test_shaded_month_cells_are_the_planned_months() -> None:
    plan = read(table([project()]), fills={(3, G + 4), (3, G + 5)})
    assert plan.activities[0].planned_months == months("2009-02", "2009-03")


def test_a_shaded_range_merged_across_months_covers_each_month() -> None:
    plan = read(table([project()]), fills={(3, G + 4)}, merges=[(3, G + 4, 3, G + 6)])
    assert plan.activities[0].planned_months == months("2009-02", "2009-03", "2009-04")


def test_a_row_shaded_whole_is_a_highlight_not_marks() -> None:
    shaded_row = {(3, column) for column in range(18)}
    plan = read(table([project({0: "x"})]), fills=shaded_row)
    assert plan.activities[0].planned_months == months("2008-10")


def test_a_row_of_shaded_months_alone_continues_the_step_above() -> None:
    rows = table(
        [
            project(details="ทำดังนี้"),
            body_row(details="1.ประชุม", marks={0: "x"}),
            body_row(),  # only shaded: ธ.ค. for step 1
            body_row(details="2.จัดงาน", marks={5: "x"}),
        ]
    )
    (activity,) = read(rows, fills={(5, G + 2)}).activities
    assert [(s.number, s.planned_months) for s in activity.steps] == [
        (1, months("2008-10", "2008-12")),
        (2, months("2009-03")),
    ]


def test_a_workbook_without_marks_or_shading_says_its_fills_were_read() -> None:
    error = refused(table([project()]))
    assert (error.rule, error.row) == ("planned_months_required", 3)
    assert "fill colours were read" in error.message("en")
    assert "สีพื้น" in error.message("th")


def test_the_example_with_its_arrows_shaded_instead_reads_the_same() -> None:
    rows = example_rows()
    fills = set()
    for number, cells in enumerate(rows, start=1):
        for column, text in enumerate(cells):
            if text == "↔":
                cells[column] = ""
                fills.add((number, column))
    drawing = Drawing(rows, fills)
    plan = read_plan(xlsx_file(drawing), "thungsong.xlsx")
    assert without_source(plan) == without_source(read_plan(example_bytes(), EXAMPLE.name))


# Merged names and year cells


def test_a_project_name_merged_down_over_its_rows_is_read_once() -> None:
    rows = table([project({0: "x"}, details="จัดซื้อ"), body_row(details="วัสดุสำนักงาน")])
    (activity,) = read(rows, merges=[(3, 1, 4, 1)]).activities
    assert (activity.name, activity.details) == ("โครงการหนึ่ง", "จัดซื้อ วัสดุสำนักงาน")


def test_a_calendar_year_merged_over_january_to_december() -> None:
    rows = table([project({0: "x", 8: "x"})])
    rows[0][G:] = ["พ.ศ. 2567"] + [""] * 11
    rows[1][G:] = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย."]
    rows[1][G + 6 :] = ["ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
    drawing = Drawing(rows, merges=[(1, G, 1, G + 11)])
    plan = read_plan(xlsx_file(drawing), "plan.xlsx")
    assert plan.fiscal_year == FiscalYear(2567)
    assert plan.activities[0].planned_months == months("2024-01", "2024-09")
    rows[2][G + 11] = "↔"
    with pytest.raises(PlanTableError) as refusal:
        read_plan(xlsx_file(Drawing(rows, merges=[(1, G, 1, G + 11)])), "plan.xlsx")
    assert (refusal.value.rule, refusal.value.row, refusal.value.column) == (
        "month_outside_fiscal_year",
        3,
        "R",
    )


def test_a_month_heading_merged_over_two_half_month_columns_covers_both() -> None:
    rows = table([project()])
    for index in range(2):  # ต.ค. and พ.ย. each drawn as two columns: G:H, I:J
        rows[1][G + 2 * index : G + 2 * index + 2] = [("ต.ค.", "พ.ย.")[index], ""]
    rows[1][G + 4 :] = ["ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค."]
    rows[1] += ["ส.ค.", "ก.ย."]
    rows[0][G : G + 4] = ["พ.ศ.2551", "", "", ""]
    rows[0][G + 5 :] = ["พ.ศ.2552"] + [""] * 8
    rows[2][G + 1] = rows[2][G + 3] = "x"  # the second half of each month
    merges = [(2, G, 2, G + 1), (2, G + 2, 2, G + 3)]
    plan = read_plan(xlsx_file(Drawing(rows, merges=merges)), "plan.xlsx")
    assert plan.activities[0].planned_months == months("2008-10", "2008-11")
