"""A whole year's plan as an office keeps it in Excel (issue 15): sections headed in the
body and numbered from 1, arrows merged across months, months shaded, a name merged
down its rows, a total closing each section; read into the exact plan it must give."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.calendar import Month
from domain.plan_table import PlanTableError, read_plan
from tests.spreadsheet_files import Drawing, ods_file, xls_file, xlsx_file
from tests.unit.plan_table_helpers import body_row, table

G = 6
"""The column of ต.ค.; fiscal month i is in column G + i."""
TITLES = ["แผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2552"]


def _rows(total: str = "รวม 2 โครงการ 3,000 บาท") -> list[list[str]]:
    body = [
        ["ยุทธศาสตร์ที่ 5 เมืองก้าวหน้าสู่สากล"],
        ["แนวทางที่ 3 เพิ่มประสิทธิภาพการบริหาร"],
        body_row("1", "โครงการประชาสัมพันธ์", "ป้าย 2 ป้าย", "1,000", marks={3: "←――→"}),
        body_row("2", "โครงการอบรม", "อบรม 1 ครั้ง", "2,000"),
        ["", total],
        ["ยุทธศาสตร์ที่ 6 เมืองน่าอยู่"],
        ["แผนงานเคหะและชุมชน"],
        body_row("1", "โครงการซ่อมถนน", "ถนน 1 สาย", "5,000", marks={9: "x"}),
        ["", "รวม 1 โครงการ 5,000 บาท"],
    ]
    return table(body, titles=TITLES)


FIRST_PROJECT_ROW = 6  # title, header, months, two headings, then the first project
FILLS = {(FIRST_PROJECT_ROW + 1, G + 6), (FIRST_PROJECT_ROW + 1, G + 7)}  # 2: เม.ย., พ.ค.
MERGES = [(FIRST_PROJECT_ROW, G + 3, FIRST_PROJECT_ROW, G + 5)]  # 1: the arrow ม.ค.–มี.ค.


def _months(*isos: str) -> tuple[Month, ...]:
    return tuple(Month.from_iso(iso) for iso in isos)


def test_a_whole_year_workbook_reads_into_its_sections_in_every_format() -> None:
    drawing = Drawing(_rows(), FILLS, MERGES)
    files = {"plan.xlsx": xlsx_file(drawing), "plan.xls": xls_file(drawing)}
    files["plan.ods"] = ods_file(drawing)
    for name, data in files.items():
        plan = read_plan(data, name)
        assert [s.strategy[-1].code for s in plan.sections] == [
            "แนวทางที่ 3",
            "แผนงานเคหะและชุมชน",
        ], name
        assert [s.strategy[0].code for s in plan.sections] == ["ยุทธศาสตร์ที่ 5", "ยุทธศาสตร์ที่ 6"]
        first, second = plan.sections
        assert [(p.code, p.budget) for p in first.projects] == [
            ("1", Decimal("1000.00")),
            ("2", Decimal("2000.00")),
        ]
        assert first.projects[0].activities[0].planned_months == _months(
            "2009-01", "2009-02", "2009-03"
        ), name
        assert first.projects[1].activities[0].planned_months == _months("2009-04", "2009-05")
        assert second.projects[0].code == "1"
        assert second.projects[0].activities[0].planned_months == _months("2009-07")


def test_a_section_total_that_does_not_add_up_is_refused_at_its_row() -> None:
    drawing = Drawing(_rows(total="รวม 2 โครงการ 3,500 บาท"), FILLS, MERGES)
    with pytest.raises(PlanTableError) as refusal:
        read_plan(xlsx_file(drawing), "plan.xlsx")
    error = refusal.value
    assert (error.rule, error.row, error.column) == (
        "section_total_mismatch",
        FIRST_PROJECT_ROW + 2,
        "B",
    )
    assert (error.values["stated"].th, error.values["computed"].th) == ("3,500 บาท", "3,000 บาท")
