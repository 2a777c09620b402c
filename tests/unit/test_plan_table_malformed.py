"""A malformed plan is refused with the rule it breaks and the cell to fix.

Each case spoils the Thung Song example (or hands over something that is no table)
and names the rule, the 1-based row and the column letter the error must carry.
"""

from __future__ import annotations

import io
import pickle
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from domain.errors import catalogue
from domain.plan_table import PlanTableError, read_plan
from tests.unit.plan_table_helpers import (
    Rows,
    csv_bytes,
    example_rows,
    set_cell,
    tsv_bytes,
    xlsx_bytes,
)


@dataclass(frozen=True)
class Case:
    """A spoiled file and where the importer must say it is spoiled."""

    name: str
    filename: str
    data: Callable[[], bytes]
    rule: str
    row: int | None
    column: str | None


def spoiled(*edits: tuple[int, str, str], render: Callable[[Rows], bytes] = tsv_bytes) -> bytes:
    """The example with cells replaced: (row, column letter, new text)."""
    rows = example_rows()
    for row, letter, text in edits:
        set_cell(rows, row, letter, text)
    return render(rows)


def inserted_after_month_row(cells: dict[str, str]) -> bytes:
    rows = example_rows()
    new = [""] * 18
    for letter, text in cells.items():
        new[ord(letter) - ord("A")] = text
    rows.insert(14, new)
    return tsv_bytes(rows)


def truncated_xlsx() -> bytes:
    return xlsx_bytes(example_rows())[:1500]


def zip_that_is_no_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "ไม่ใช่ไฟล์ Excel")
    return out.getvalue()


def headers(letter: str, text: str) -> list[tuple[int, str, str]]:
    return [(row, letter, text) for row in (13, 20, 28)]


def all_month_rows(letter: str, text: str) -> list[tuple[int, str, str]]:
    return [(row, letter, text) for row in (14, 21, 29)]


CASES = [
    # Money
    Case("amount_with_misplaced_comma", "thungsong.csv",
         lambda: spoiled((25, "D", "100,00"), render=csv_bytes), "money_format", 25, "D"),
    Case("second_of_a_pair_of_amounts_is_bad", "plan.txt",
         lambda: spoiled((15, "D", "130,000 30,00")), "money_format", 15, "D"),
    Case("two_amounts_for_one_activity", "plan.txt",
         lambda: spoiled((25, "D", "100,000 50,000")), "money_format", 25, "D"),
    Case("negative_amount", "plan.txt",
         lambda: spoiled((26, "D", "-50,000")), "money_format", 26, "D"),
    Case("activity_without_budget", "plan.txt",
         lambda: spoiled((26, "D", "")), "budget_required", 26, "D"),
    Case("project_only_activity_without_budget", "plan.txt",
         lambda: spoiled((30, "D", "")), "budget_required", 30, "D"),
    Case("shared_row_with_one_amount", "plan.txt",
         lambda: spoiled((15, "D", "130,000")), "budget_pair_required", 15, "D"),
    Case("amount_on_a_step_row", "plan.txt",
         lambda: spoiled((17, "D", "5,000")), "budget_without_item", 17, "D"),
    Case("activities_exceed_project_budget", "plan.txt",
         lambda: spoiled((25, "D", "120,000")), "activities_exceed_project_budget", 24, "D"),
    # Codes and steps
    Case("project_number_not_a_number", "plan.txt",
         lambda: spoiled((24, "A", "ข")), "project_number_format", 24, "A"),
    Case("duplicate_project", "plan.txt",
         lambda: spoiled((24, "A", "1")), "project_code_duplicate", 24, "A"),
    Case("duplicate_activity", "plan.txt",
         lambda: spoiled((26, "B", "2.1 กิจกรรมซ้ำ")), "activity_code_duplicate", 26, "B"),
    Case("activity_of_another_project", "plan.txt",
         lambda: spoiled((23, "B", "2.2 กิจกรรมพัฒนาศักยภาพ")),
         "activity_code_outside_project", 23, "B"),
    Case("activity_without_name", "plan.txt",
         lambda: spoiled((26, "B", "2.2")), "text_required", 26, "B"),
    Case("activity_before_any_project", "plan.txt",
         lambda: inserted_after_month_row({"B": "1.1 กิจกรรม", "D": "1,000"}),
         "activity_without_project", 15, "B"),
    Case("step_before_any_project", "plan.txt",
         lambda: inserted_after_month_row({"C": "1.ขั้นตอน", "J": "↔"}),
         "row_without_project", 15, "C"),
    Case("step_skipped", "plan.txt",
         lambda: spoiled((18, "C", "5. จัดทำแผน")), "step_out_of_sequence", 18, "C"),
    Case("steps_start_at_two", "plan.txt",
         lambda: spoiled((16, "C", "2.ประสานงาน")), "step_out_of_sequence", 16, "C"),
    Case("step_after_page_break_skipped", "plan.txt",
         lambda: spoiled((22, "C", "6. จัดทำรูปเล่ม")), "step_out_of_sequence", 22, "C"),
    # Months
    Case("unknown_month_mark", "plan.txt",
         lambda: spoiled((16, "J", "?")), "month_mark_unknown", 16, "J"),
    Case("unknown_month_mark_in_xlsx", "plan.xlsx",
         lambda: spoiled((31, "J", "ทำ"), render=xlsx_bytes), "month_mark_unknown", 31, "J"),
    Case("activity_without_months", "plan.txt",
         lambda: spoiled((26, "K", "")), "planned_months_required", 26, None),
    Case("months_on_a_project_row_with_activities", "plan.txt",
         lambda: spoiled((24, "K", "↔")), "project_marks_with_activities", 24, "K"),
    # The header
    Case("no_header", "plan.txt",
         lambda: spoiled(*headers("A", ""), *headers("B", ""), *headers("C", ""),
                         *headers("D", "")), "table_header_missing", None, None),
    Case("missing_area_column", "plan.txt",
         lambda: spoiled(*headers("E", "เขต")), "table_column_missing", 13, None),
    Case("two_area_columns", "plan.txt",
         lambda: spoiled((13, "F", "พื้นที่")), "table_column_duplicate", 13, "F"),
    Case("repeated_header_in_another_order", "plan.txt",
         lambda: spoiled((20, "D", "พื้นที่"), (20, "E", "งบประมาณ")),
         "table_header_changed", 20, None),
    Case("month_missing", "plan.txt",
         lambda: spoiled((14, "L", "")), "table_months_missing", 14, None),
    Case("month_twice", "plan.txt",
         lambda: spoiled(*all_month_rows("L", "ก.พ.")), "table_month_duplicate", 14, "L"),
    Case("no_month_row", "plan.txt",
         lambda: spoiled(*[(14, chr(ord("G") + i), "") for i in range(12)]),
         "table_months_missing", 13, None),
    Case("no_year_anywhere", "plan.csv",
         lambda: spoiled(*headers("G", ""), *headers("J", ""), render=csv_bytes),
         "fiscal_year_required", 13, None),
    Case("years_of_two_fiscal_years", "plan.txt",
         lambda: spoiled((13, "J", "พ.ศ.2555")), "fiscal_year_cells", 13, "J"),
    Case("title_contradicts_year_cells", "plan.txt",
         lambda: spoiled((1, "A", "ปีงบประมาณ พ.ศ. 2553")), "fiscal_year_mismatch", 1, "A"),
    Case("no_projects", "plan.txt",
         lambda: tsv_bytes(example_rows()[:14]), "table_no_projects", None, "A"),
    # The plan as a whole
    Case("areas_of_several_places", "plan.txt",
         lambda: spoiled((26, "E", "ชุมชนบ้านใหม่")), "organisation_required", None, None),
    # Not a table at all
    Case("empty_file", "plan.txt", lambda: b"", "table_empty", None, None),
    Case("pdf", "plan.txt",
         lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
         "table_not_text", None, None),
    Case("random_bytes", "plan.csv",
         lambda: random.Random(7).randbytes(4096), "table_not_text", None, None),
    Case("workbook_named_csv", "plan.csv",
         lambda: xlsx_bytes(example_rows()), "table_not_text", None, None),
    Case("truncated_workbook", "plan.xlsx", truncated_xlsx, "table_xlsx_unreadable", None, None),
    Case("zip_that_is_no_workbook", "plan.xlsx",
         zip_that_is_no_workbook, "table_xlsx_unreadable", None, None),
    Case("random_bytes_as_workbook", "plan.xlsx",
         lambda: random.Random(3).randbytes(2048), "table_xlsx_unreadable", None, None),
    Case("pdf_by_name", "plan.pdf", lambda: b"%PDF-1.4\n", "table_file_type", None, None),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_malformed_file_is_refused_at_the_cell_to_fix(case: Case) -> None:
    with pytest.raises(PlanTableError) as caught:
        read_plan(case.data(), case.filename)
    error = caught.value
    assert (error.rule, error.row, error.column) == (case.rule, case.row, case.column)
    assert error.file == case.filename
    for lang in ("en", "th"):
        assert error.message(lang).startswith(case.filename)
    assert str(error) == error.message("en")


def test_at_least_fifteen_kinds_of_malformed_file() -> None:
    assert len({case.rule for case in CASES}) >= 15


def test_money_error_keeps_its_rule_and_says_where_in_both_languages() -> None:
    with pytest.raises(PlanTableError) as caught:
        read_plan(spoiled((25, "D", "100,00"), render=csv_bytes), "thungsong.csv")
    error = caught.value
    assert error.field == "budget"
    assert error.message("en") == (
        "thungsong.csv, row 25, column D (งบประมาณ): '100,00' is not an amount of baht: "
        "thousands separators are out of place"
    )
    assert error.message("th") == (
        "thungsong.csv แถวที่ 25 คอลัมน์ D (งบประมาณ): '100,00' ไม่ใช่จำนวนเงินบาท: "
        "ใส่เครื่องหมายจุลภาคผิดตำแหน่ง"
    )


def test_mark_error_names_the_month_column() -> None:
    with pytest.raises(PlanTableError) as caught:
        read_plan(spoiled((16, "J", "?")), "plan.txt")
    assert caught.value.message("en").startswith("plan.txt, row 16, column J (ม.ค.): '?'")


def test_organisation_error_tells_to_pass_it() -> None:
    with pytest.raises(PlanTableError) as caught:
        read_plan(spoiled((26, "E", "ชุมชนบ้านใหม่")), "plan.txt")
    assert "--organisation" in caught.value.message("en")
    assert "ชุมชนบ้านใหม่" in caught.value.message("th")


def test_errors_survive_pickling() -> None:
    with pytest.raises(PlanTableError) as caught:
        read_plan(spoiled((16, "J", "?")), "plan.txt")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is PlanTableError
    assert (copy.rule, copy.file, copy.row, copy.column, copy.heading) == (
        "month_mark_unknown", "plan.txt", 16, "J", "ม.ค."
    )  # fmt: skip
    assert copy.message("th") == caught.value.message("th")


def test_every_rule_has_english_and_thai_text() -> None:
    rules = {case.rule for case in CASES}
    known = catalogue()
    for rule in rules:
        english, thai = known[rule]
        assert english and thai and english != thai
