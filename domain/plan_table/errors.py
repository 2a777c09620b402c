"""Errors of the table importer: the rule that was broken and where in the file.

A person fixing a plan table opens it in Excel or a text editor, so every refusal
names the file, the 1-based row and the spreadsheet column letter (with the
column's heading), in both languages: ``plan.csv, row 14, column D (งบประมาณ): …``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.errors import InputError, register_messages
from domain.words import Words


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


ACTIVITY = Words("กิจกรรม", "activity")
PROJECT = Words("โครงการ", "project")

register_messages(
    {
        # Reading the file
        "table_file_type": (
            "อ่านไฟล์ชนิด '{extension}' ไม่ได้ ให้บันทึกตารางเป็น .xlsx, .xls, .ods, .csv "
            "หรือ .txt แบบคั่นด้วยแท็บ",
            "files of type '{extension}' cannot be read: save the table as .xlsx, .xls (Excel), "
            ".ods (LibreOffice), .csv or tab-separated .txt",
        ),
        "table_not_text": (
            "ไฟล์นี้ไม่ใช่ตารางข้อความ: {reason}",
            "this is not a table of text: {reason}",
        ),
        "table_too_large": (
            "ไฟล์ใหญ่เกินกว่าแผนใดจะเป็นได้: เกิน {limit} {what} จึงไม่อ่านต่อ",
            "the file is larger than any plan could be: more than {limit} {what}; not read further",
        ),
        "table_empty": (
            "ไฟล์ว่างเปล่า",
            "the file is empty",
        ),
        "table_xlsx_unreadable": (
            "เปิดไฟล์ Excel ไม่ได้ ({reason}) ให้เปิดด้วย Excel แล้วบันทึกใหม่เป็น .xlsx",
            "the workbook cannot be opened ({reason}); open it in Excel and save it again as .xlsx",
        ),
        # The header
        "table_header_missing": (
            "ไม่พบแถวหัวตาราง ตารางต้องมีแถวที่มีหัวคอลัมน์ {headings}",
            "no header row found: the table needs a row with the headings {headings}",
        ),
        "table_column_missing": (
            "แถวหัวตารางไม่มีคอลัมน์ '{label}' (ใช้หัวคอลัมน์ได้ดังนี้: {accepted})",
            "the header row has no column '{label}' (headings accepted for it: {accepted})",
        ),
        "table_column_duplicate": (
            "หัวคอลัมน์ '{label}' ซ้ำกัน ที่คอลัมน์ {first} และ {second}",
            "the heading '{label}' appears twice, in columns {first} and {second}",
        ),
        "table_header_changed": (
            "แถวหัวตารางที่ซ้ำนี้เรียงคอลัมน์ต่างจากหัวตารางที่แถวที่ {first_row}",
            "this repeated header row orders the columns differently from the header on row "
            "{first_row}",
        ),
        "table_months_missing": (
            "แถวเดือนต้องมีทุกเดือนตั้งแต่ ต.ค. ถึง ก.ย. เดือนละครั้ง ขาด: {missing}",
            "the month row must name each month from ต.ค. to ก.ย. once; missing: {missing}",
        ),
        "table_month_duplicate": (
            "เดือน {month} ซ้ำในแถวเดือน (พบครั้งแรกที่คอลัมน์ {first})",
            "the month {month} appears twice in the month row (first in column {first})",
        ),
        "fiscal_year_required": (
            "ไม่ระบุปีงบประมาณ ให้ใส่ปี (พ.ศ.2551, พ.ศ.2552) เหนือแถวเดือน หรือบรรทัดหัวเรื่อง "
            "เช่น 'ปีงบประมาณ พ.ศ. 2552' เหนือตาราง",
            "the fiscal year is not given: put year cells (พ.ศ.2551, พ.ศ.2552) above the months "
            "or a title line such as 'ปีงบประมาณ พ.ศ. 2552' above the table",
        ),
        "fiscal_year_cells": (
            "ปีในหัวตาราง {years} ไม่ใช่ปีปฏิทินสองปีของปีงบประมาณเดียวกัน",
            "the year cells {years} are not the two calendar years of one fiscal year",
        ),
        "fiscal_year_mismatch": (
            "หัวเรื่องระบุปีงบประมาณ {title_year} แต่ปีในหัวตารางระบุ {table_year}",
            "the title says fiscal year {title_year} but the year cells above the months say "
            "{table_year}",
        ),
        # Sections of a whole-year document
        "section_empty": (
            "หัวข้อ {path} ไม่มีโครงการก่อนหัวข้อถัดไปหรือก่อนจบตาราง",
            "the heading {path} has no project before the next heading or the end of the table",
        ),
        "section_duplicate": (
            "หัวข้อ {path} ซ้ำกับหัวข้อที่แถวที่ {first_row} (ที่ไม่ใช่การพิมพ์หัวข้อซ้ำเมื่อขึ้นหน้าใหม่)",
            "the heading {path} repeats the one on row {first_row} (and not as a page break's "
            "repeat)",
        ),
        "section_heading_unplaced": (
            "ระบุไม่ได้ว่าหัวข้อ {code} อยู่ที่ใดในยุทธศาสตร์ (หัวข้อก่อนหน้าคือ {path}): {why}",
            "where the heading {code} belongs in the strategy cannot be known (the heading "
            "above is {path}): {why}",
        ),
        "section_total_mismatch": (
            "แถวรวมระบุ {stated} แต่{scope} มี {computed}",
            "the total row states {stated} but {scope} has {computed}",
        ),
        "section_total_unreadable": (
            "อ่านแถวรวม '{text}' ไม่ได้ ให้เขียนเช่น 'รวม 3 โครงการ 1,234,000 บาท' หรือ 'รวม' "
            "กับจำนวนเงินในคอลัมน์งบประมาณ",
            "the total row '{text}' cannot be read: write e.g. 'รวม 3 โครงการ 1,234,000 บาท', "
            "or 'รวม' with the amount in the budget column",
        ),
        "fiscal_year_repeated_differently": (
            "หัวตารางหรือหัวเรื่องที่ซ้ำนี้ระบุปี {year} ซึ่งไม่ตรงกับปีงบประมาณ {fiscal_year} "
            "ของหัวตารางที่แถวที่ {first_row}",
            "this repeated header or title names the year {year}, which does not fit the fiscal "
            "year {fiscal_year} of the header on row {first_row}",
        ),
        # The rows
        "month_mark_unknown": (
            "'{text}' ไม่ใช่เครื่องหมายเดือน ให้ใช้ ↔ หรือ x หรือเว้นว่าง",
            "'{text}' is not a month mark: mark a planned month with ↔ or x, "
            "or leave the cell empty",
        ),
        "project_number_format": (
            "'{text}' ไม่ใช่ลำดับที่ของโครงการ (เขียนเป็น 1, 2, 3 …)",
            "'{text}' is not a project number (write 1, 2, 3 …)",
        ),
        "project_code_duplicate": (
            "โครงการลำดับที่ {code} ซ้ำ (พบครั้งแรกที่แถวที่ {first_row})",
            "project {code} appears twice (first on row {first_row})",
        ),
        "activity_code_duplicate": (
            "กิจกรรม {code} ซ้ำ (พบครั้งแรกที่แถวที่ {first_row})",
            "activity {code} appears twice (first on row {first_row})",
        ),
        "activity_code_outside_project": (
            "กิจกรรม {code} อยู่ใต้โครงการลำดับที่ {project} รหัสกิจกรรมควรขึ้นต้นด้วย {project}.",
            "activity {code} is listed under project {project}: "
            "its code should start with {project}.",
        ),
        "activity_without_project": (
            "กิจกรรม {code} อยู่ก่อนแถวโครงการแรก",
            "activity {code} comes before any project row",
        ),
        "row_without_project": (
            "แถวนี้มีข้อมูลแต่อยู่ก่อนแถวโครงการแรก",
            "this row has content but comes before any project row",
        ),
        "step_out_of_sequence": (
            "ขั้นตอนที่ {number} ของ {code} ไม่เรียงลำดับ ควรเป็นขั้นตอนที่ {expected}",
            "step {number} of {code} is out of sequence: expected step {expected}",
        ),
        "project_marks_with_activities": (
            "โครงการ {project} มีกิจกรรม ({activities}) แต่แถวโครงการมีเดือนหรือขั้นตอนของตัวเอง "
            "ให้ย้ายไปไว้ที่แถวกิจกรรม",
            "project {project} has activities ({activities}) but its own row has months or steps: "
            "put them on the activity rows",
        ),
        "table_no_projects": (
            "ตารางไม่มีแถวโครงการ (แถวที่มีตัวเลขในคอลัมน์ '{label}')",
            "the table has no project rows (rows with a number under '{label}')",
        ),
        # Money
        "budget_required": (
            "{what} {code} ไม่มีงบประมาณ",
            "{what} {code} has no budget amount",
        ),
        "budget_pair_required": (
            "โครงการ {project} อยู่แถวเดียวกับกิจกรรม {code} ช่องงบประมาณจึงต้องมีสองจำนวน "
            "คืองบโครงการแล้วตามด้วยงบกิจกรรม แต่มี '{text}'",
            "project {project} shares its row with activity {code}, so the budget cell needs two "
            "amounts, the project's and then the activity's; it holds '{text}'",
        ),
        "budget_without_item": (
            "แถวนี้มีจำนวนเงิน ('{text}') แต่ไม่มีลำดับที่โครงการหรือรหัสกิจกรรม",
            "this row has an amount ('{text}') but neither a project number nor an activity code",
        ),
        "activities_exceed_project_budget": (
            "กิจกรรมของโครงการ {project} ({activities}) ได้รับงบประมาณรวม {allocated} บาท "
            "มากกว่างบประมาณโครงการ {budget} บาท",
            "the activities of project {project} ({activities}) are given {allocated} baht, "
            "more than the project budget of {budget} baht",
        ),
        # The plan as a whole
        "organisation_required": (
            "ระบุหน่วยงานเจ้าของแผนจากพื้นที่ดำเนินการ ({areas}) ไม่ได้ "
            "ให้ระบุด้วย --organisation เช่น --organisation เทศบาลเมืองทุ่งสง",
            "cannot tell which organisation the plan belongs to from its areas ({areas}): "
            "name it with --organisation, e.g. --organisation เทศบาลเมืองทุ่งสง",
        ),
        # Spreadsheets as offices make them
        "table_xls_unreadable": (
            "เปิดไฟล์ Excel 97–2003 (.xls) ไม่ได้ ({reason}) ให้เปิดด้วย Excel แล้วบันทึกใหม่",
            "the Excel 97–2003 workbook (.xls) cannot be opened ({reason}); open it in Excel "
            "and save it again",
        ),
        "table_ods_unreadable": (
            "เปิดไฟล์ LibreOffice (.ods) ไม่ได้ ({reason}) ให้เปิดด้วย LibreOffice Calc แล้วบันทึกใหม่",
            "the LibreOffice sheet (.ods) cannot be opened ({reason}); open it in LibreOffice "
            "Calc and save it again",
        ),
        "month_outside_fiscal_year": (
            "เครื่องหมายนี้อยู่ใต้เดือน {month} ซึ่งอยู่นอกปีงบประมาณ พ.ศ. {fiscal_year} "
            "({first} – {last}) จึงไม่นำเข้า",
            "this mark is under {month}, outside fiscal year {fiscal_year} ({first} – {last}); "
            "it is not imported",
        ),
        "month_mark_unlabelled_column": (
            "'{text}' เป็นเครื่องหมายเดือนในคอลัมน์ที่ไม่มีหัวคอลัมน์ (ไม่ใช่เดือนใด) ให้ย้ายไปไว้ใต้เดือนหรือลบออก",
            "'{text}' is a month mark in a column without a heading (no month): move it under "
            "its month or delete it",
        ),
        "month_mark_merged_rows": (
            "เครื่องหมายเดือนผสานเซลล์ลงมาหลายแถว ({merged}) จึงบอกไม่ได้ว่าเป็นของแถวใด "
            "ให้ผสานตามเดือนในแถวเดียว",
            "the month mark is merged down over several rows ({merged}), so which row it belongs "
            "to cannot be told: merge it across months within one row",
        ),
        "month_mark_merged_beyond_months": (
            "เครื่องหมายเดือนผสานเซลล์ ({merged}) เลยคอลัมน์เดือนสุดท้าย ({last})",
            "the month mark is merged ({merged}) beyond the last month column ({last})",
        ),
        "month_order_unsettled": (
            "คอลัมน์เดือนเรียงเป็น {order} ซึ่งไม่ใช่ ต.ค.–ก.ย. จึงบอกไม่ได้ว่าแต่ละเดือนเป็นของปีใด "
            "ให้ใส่ปีเหนือแถวเดือน (พ.ศ. 2567) หรือในหัวเดือน (ต.ค.66)",
            "the month columns run {order}, not ต.ค. to ก.ย., so the year of each month cannot "
            "be told: put the year above the months (พ.ศ. 2567) or in each heading (ต.ค.66)",
        ),
        "month_year_conflict": (
            "หัวเดือน '{month}' ระบุปี {own} แต่ช่องปีเหนือขึ้นไป ({cell_at}) ระบุ {cell}",
            "the heading '{month}' says the year {own} but the year cell above it ({cell_at}) "
            "says {cell}",
        ),
        "fiscal_years_side_by_side": (
            "แถวเดือนมีสองปีงบประมาณเรียงกัน (คอลัมน์ {first} และคอลัมน์ {second}) "
            "ให้แยกเป็นไฟล์ละหนึ่งปีงบประมาณ",
            "the month row holds two years of months side by side (columns {first} and columns "
            "{second}): import one fiscal year per file",
        ),
        "fiscal_year_unsettled": (
            "เดือน ม.ค.–ก.ย. ในแถวเดือนอยู่ในต่างปีงบประมาณกัน ({years}) จึงบอกไม่ได้ว่าแผนนี้เป็นของปีงบประมาณใด",
            "the months ม.ค. to ก.ย. in the month row fall in different fiscal years ({years}), "
            "so which fiscal year the plan is for cannot be told",
        ),
        "fiscal_year_out_of_range": (
            "ปี {year} ไม่ใช่ปีพุทธศักราชที่แผนจะเป็นได้ ({first}–{last})",
            "the year {year} is not a Buddhist-era year a plan can be for ({first}–{last})",
        ),
    }
)
