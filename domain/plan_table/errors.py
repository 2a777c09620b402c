"""Errors of the table importer: the rule that was broken and where in the file.

A person fixing a plan table opens it in Excel or a text editor, so every refusal
names the file, the 1-based row and the spreadsheet column letter (with the
column's heading), in both languages: ``plan.csv, row 14, column D (งบประมาณ): …``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from domain.errors import InputError, Words, register_messages
from domain.money import parse_baht
from domain.thai import name_key


def column_letter(index: int) -> str:
    """The spreadsheet name of a 0-based column index: 0 → A, 25 → Z, 26 → AA."""
    if index < 0:
        raise ValueError(f"column index must not be negative, got {index}")
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class PlanTableError(InputError):
    """Raised when an action-plan table cannot be read; says where in the file."""

    def __init__(
        self,
        rule: str,
        *,
        file: str,
        row: int | None = None,
        column: str | None = None,
        heading: str | None = None,
        field: str | None = None,
        **values: Any,
    ) -> None:
        # Set before the base class renders the message, which needs them.
        self.file = file
        self.row = row
        self.column = column
        self.heading = heading
        super().__init__(rule, field=field, **values)

    def location(self, lang: str = "th") -> str:
        """``plan.csv, row 14, column D (งบประมาณ)`` (Thai: ``plan.csv แถวที่ 14 …``)."""
        column = None
        if self.column is not None:
            column = self.column + (f" ({self.heading})" if self.heading else "")
        if lang == "th":
            parts = [self.file]
            parts += [f"แถวที่ {self.row}"] if self.row is not None else []
            parts += [f"คอลัมน์ {column}"] if column is not None else []
            return " ".join(parts)
        parts = [self.file]
        parts += [f"row {self.row}"] if self.row is not None else []
        parts += [f"column {column}"] if column is not None else []
        return ", ".join(parts)

    def message(self, lang: str = "th") -> str:
        return f"{self.location(lang)}: {super().message(lang)}"

    def __reduce__(self) -> tuple[Any, ...]:
        where = (self.file, self.row, self.column, self.heading)
        return (_rebuild, (type(self), self.rule, self.field, where, self.values))


def _rebuild(
    cls: type[PlanTableError],
    rule: str,
    field: str | None,
    where: tuple[str, int | None, str | None, str | None],
    values: dict[str, Any],
) -> PlanTableError:
    file, row, column, heading = where
    return cls(rule, file=file, row=row, column=column, heading=heading, field=field, **values)


_DASHES = frozenset({"-", "–", "—", "ไม่ใช้งบประมาณ", "ไม่ใช้งบ"})
"""Budget cells that say "no money needed"; plans print them instead of 0."""


@dataclass(frozen=True, slots=True)
class Locator:
    """Builds errors for one file, knowing each column's heading for the message."""

    file: str
    headings: Mapping[int, str] = field(default_factory=dict)

    def error(
        self,
        rule: str,
        row: int | None = None,
        column: int | None = None,
        /,
        *,
        field: str | None = None,
        **values: Any,
    ) -> PlanTableError:
        """The error for ``rule`` at 1-based ``row`` and 0-based ``column``."""
        letter = None if column is None else column_letter(column)
        heading = None if column is None else self.headings.get(column)
        return PlanTableError(
            rule, file=self.file, row=row, column=letter, heading=heading, field=field, **values
        )

    def amount(self, text: str, row: int, column: int) -> Decimal:
        """Read a budget cell, re-raising a money error with its place in the file."""
        if name_key(text) in _DASHES:
            return Decimal("0.00")
        try:
            return parse_baht(text, field="budget")
        except InputError as error:
            raise self.error(error.rule, row, column, field="budget", **error.values) from error


ACTIVITY = Words("activity", "กิจกรรม")
PROJECT = Words("project", "โครงการ")

register_messages(
    {
        # Reading the file
        "table_file_type": (
            "files of type '{extension}' cannot be read: save the table as .xlsx, .csv or "
            "tab-separated .txt",
            "อ่านไฟล์ชนิด '{extension}' ไม่ได้ ให้บันทึกตารางเป็น .xlsx, .csv หรือ .txt แบบคั่นด้วยแท็บ",
        ),
        "table_not_text": (
            "this is not a table of text: {reason}",
            "ไฟล์นี้ไม่ใช่ตารางข้อความ: {reason}",
        ),
        "table_empty": (
            "the file is empty",
            "ไฟล์ว่างเปล่า",
        ),
        "table_xlsx_unreadable": (
            "the workbook cannot be opened ({reason}); open it in Excel and save it again as .xlsx",
            "เปิดไฟล์ Excel ไม่ได้ ({reason}) ให้เปิดด้วย Excel แล้วบันทึกใหม่เป็น .xlsx",
        ),
        # The header
        "table_header_missing": (
            "no header row found: the table needs a row with the headings {headings}",
            "ไม่พบแถวหัวตาราง ตารางต้องมีแถวที่มีหัวคอลัมน์ {headings}",
        ),
        "table_column_missing": (
            "the header row has no column '{label}' (headings accepted for it: {accepted})",
            "แถวหัวตารางไม่มีคอลัมน์ '{label}' (ใช้หัวคอลัมน์ได้ดังนี้: {accepted})",
        ),
        "table_column_duplicate": (
            "the heading '{label}' appears twice, in columns {first} and {second}",
            "หัวคอลัมน์ '{label}' ซ้ำกัน ที่คอลัมน์ {first} และ {second}",
        ),
        "table_header_changed": (
            "this repeated header row orders the columns differently from the header on row "
            "{first_row}",
            "แถวหัวตารางที่ซ้ำนี้เรียงคอลัมน์ต่างจากหัวตารางที่แถวที่ {first_row}",
        ),
        "table_months_missing": (
            "the month row must name each month from ต.ค. to ก.ย. once; missing: {missing}",
            "แถวเดือนต้องมีทุกเดือนตั้งแต่ ต.ค. ถึง ก.ย. เดือนละครั้ง ขาด: {missing}",
        ),
        "table_month_duplicate": (
            "the month {month} appears twice in the month row (first in column {first})",
            "เดือน {month} ซ้ำในแถวเดือน (พบครั้งแรกที่คอลัมน์ {first})",
        ),
        "fiscal_year_required": (
            "the fiscal year is not given: put year cells (พ.ศ.2551, พ.ศ.2552) above the months "
            "or a title line such as 'ปีงบประมาณ พ.ศ. 2552' above the table",
            "ไม่ระบุปีงบประมาณ ให้ใส่ปี (พ.ศ.2551, พ.ศ.2552) เหนือแถวเดือน หรือบรรทัดหัวเรื่อง "
            "เช่น 'ปีงบประมาณ พ.ศ. 2552' เหนือตาราง",
        ),
        "fiscal_year_cells": (
            "the year cells {years} are not the two calendar years of one fiscal year",
            "ปีในหัวตาราง {years} ไม่ใช่ปีปฏิทินสองปีของปีงบประมาณเดียวกัน",
        ),
        "fiscal_year_mismatch": (
            "the title says fiscal year {title_year} but the year cells above the months say "
            "{table_year}",
            "หัวเรื่องระบุปีงบประมาณ {title_year} แต่ปีในหัวตารางระบุ {table_year}",
        ),
        # The rows
        "month_mark_unknown": (
            "'{text}' is not a month mark: mark a planned month with ↔ or x, "
            "or leave the cell empty",
            "'{text}' ไม่ใช่เครื่องหมายเดือน ให้ใช้ ↔ หรือ x หรือเว้นว่าง",
        ),
        "project_number_format": (
            "'{text}' is not a project number (write 1, 2, 3 …)",
            "'{text}' ไม่ใช่ลำดับที่ของโครงการ (เขียนเป็น 1, 2, 3 …)",
        ),
        "project_code_duplicate": (
            "project {code} appears twice (first on row {first_row})",
            "โครงการลำดับที่ {code} ซ้ำ (พบครั้งแรกที่แถวที่ {first_row})",
        ),
        "activity_code_duplicate": (
            "activity {code} appears twice (first on row {first_row})",
            "กิจกรรม {code} ซ้ำ (พบครั้งแรกที่แถวที่ {first_row})",
        ),
        "activity_code_outside_project": (
            "activity {code} is listed under project {project}: "
            "its code should start with {project}.",
            "กิจกรรม {code} อยู่ใต้โครงการลำดับที่ {project} รหัสกิจกรรมควรขึ้นต้นด้วย {project}.",
        ),
        "activity_without_project": (
            "activity {code} comes before any project row",
            "กิจกรรม {code} อยู่ก่อนแถวโครงการแรก",
        ),
        "row_without_project": (
            "this row has content but comes before any project row",
            "แถวนี้มีข้อมูลแต่อยู่ก่อนแถวโครงการแรก",
        ),
        "step_out_of_sequence": (
            "step {number} of {code} is out of sequence: expected step {expected}",
            "ขั้นตอนที่ {number} ของ {code} ไม่เรียงลำดับ ควรเป็นขั้นตอนที่ {expected}",
        ),
        "project_marks_with_activities": (
            "project {project} has activities ({activities}) but its own row has months or steps: "
            "put them on the activity rows",
            "โครงการ {project} มีกิจกรรม ({activities}) แต่แถวโครงการมีเดือนหรือขั้นตอนของตัวเอง "
            "ให้ย้ายไปไว้ที่แถวกิจกรรม",
        ),
        "table_no_projects": (
            "the table has no project rows (rows with a number under '{label}')",
            "ตารางไม่มีแถวโครงการ (แถวที่มีตัวเลขในคอลัมน์ '{label}')",
        ),
        # Money
        "budget_required": (
            "{what} {code} has no budget amount",
            "{what} {code} ไม่มีงบประมาณ",
        ),
        "budget_pair_required": (
            "project {project} shares its row with activity {code}, so the budget cell needs two "
            "amounts, the project's and then the activity's; it holds '{text}'",
            "โครงการ {project} อยู่แถวเดียวกับกิจกรรม {code} ช่องงบประมาณจึงต้องมีสองจำนวน "
            "คืองบโครงการแล้วตามด้วยงบกิจกรรม แต่มี '{text}'",
        ),
        "budget_without_item": (
            "this row has an amount ('{text}') but neither a project number nor an activity code",
            "แถวนี้มีจำนวนเงิน ('{text}') แต่ไม่มีลำดับที่โครงการหรือรหัสกิจกรรม",
        ),
        "activities_exceed_project_budget": (
            "the activities of project {project} ({activities}) are given {allocated} baht, "
            "more than the project budget of {budget} baht",
            "กิจกรรมของโครงการ {project} ({activities}) ได้รับงบประมาณรวม {allocated} บาท "
            "มากกว่างบประมาณโครงการ {budget} บาท",
        ),
        # The plan as a whole
        "organisation_required": (
            "cannot tell which organisation the plan belongs to from its areas ({areas}): "
            "name it with --organisation, e.g. --organisation เทศบาลเมืองทุ่งสง",
            "ระบุหน่วยงานเจ้าของแผนจากพื้นที่ดำเนินการ ({areas}) ไม่ได้ "
            "ให้ระบุด้วย --organisation เช่น --organisation เทศบาลเมืองทุ่งสง",
        ),
    }
)
