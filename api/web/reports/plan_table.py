"""The plan table in Excel (the ผด.02 layout the plan came in), and optionally the
actual work beside it on a second sheet.

The first sheet is :func:`domain.plan_table.writer.table_rows` cell for cell, amounts
typed as numbers (so Excel sums them) and the year cells merged over their months, so
importing the workbook back gives the same plan; an office can edit it and import it
as a revision. What the report says about itself goes on a sheet of its own, where the
importer never reads.
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.worksheet import Worksheet

from api.spreadsheet import keep_as_text, safe_cell
from api.web import i18n
from api.web.reports.summary import FONT, imprint_lines
from domain.draft import PlanDraft
from domain.plan_table.writer import FIRST_MONTH, table_rows, table_width
from projections.assess import PlanVersusActual
from projections.imprint import Imprint

BUDGET_COLUMN = 3
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = (7, 44, 36, 14, 18, 20) + (5,) * 12 + (22,)


def plan_table_workbook(
    plan: PlanDraft, imprint: Imprint, actual: PlanVersusActual | None = None, lang: str = "th"
) -> bytes:
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "ผด.02"
    for cells in table_rows(plan):
        sheet.append([_cell(text, column) for column, text in enumerate(cells)])
        keep_as_text(sheet[sheet.max_row])
    header = 2  # the title line, then the header
    sheet.merge_cells(start_row=header, start_column=FIRST_MONTH + 1, end_row=header,
                      end_column=FIRST_MONTH + 3)  # fmt: skip
    sheet.merge_cells(start_row=header, start_column=FIRST_MONTH + 4, end_row=header,
                      end_column=FIRST_MONTH + 12)  # fmt: skip
    _style(sheet, header, table_width(plan))
    if actual is not None:
        _actual_sheet(
            book.create_sheet("ผลการดำเนินงาน" if lang == "th" else "Actual"), actual, lang
        )
    source = book.create_sheet("ที่มา" if lang == "th" else "Source")
    for line in (plan.organisation, *imprint_lines(imprint, lang)):
        source.append([safe_cell(line)])
    book.properties.creator = "Tidtam"
    book.properties.created = book.properties.modified = imprint.known_at.replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(text: str, column: int) -> object:
    """A budget as a number (Excel sums it; ``-`` is none); all else the text it is."""
    if column == BUDGET_COLUMN and text:
        try:
            return 0 if text == "-" else float(Decimal(text.replace(",", "")))
        except InvalidOperation:
            pass
    return text or None


def _style(sheet: Worksheet, header: int, width: int) -> None:
    for row in sheet.iter_rows():
        for cell in row:
            cell.font = Font(name=FONT, size=14, bold=cell.row <= header + 1)
            if cell.row >= header:
                cell.border = _BOX
                cell.alignment = Alignment(
                    vertical="top", wrap_text=not _month(cell.column),
                    horizontal="center" if _month(cell.column) else None,
                )  # fmt: skip
            if cell.column == BUDGET_COLUMN + 1 and isinstance(cell.value, float):
                cell.number_format = "#,##0.00"
    for index, chars in enumerate(_WIDTHS[:width], start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = chars


def _month(column: int) -> bool:
    """Whether a 1-based column is one of the twelve months."""
    return FIRST_MONTH < column <= FIRST_MONTH + 12


def _actual_sheet(sheet: Worksheet, actual: PlanVersusActual, lang: str) -> None:
    """Each activity's status, progress and money on the day, beside the plan."""
    heads = ("monitoring.activity", "monitoring.unit", "monitoring.status", "monitoring.progress",
             "monitoring.budget", "monitoring.spent")  # fmt: skip
    sheet.append([i18n.text(key, lang) for key in heads])
    for row in actual.rows:
        sheet.append([
            safe_cell(f"{row.code} {row.name}"), safe_cell(row.unit),
            i18n.status_name(row.status.value, lang), row.progress, float(row.allocated),
            float(row.spent),
        ])  # fmt: skip
    for line in sheet.iter_rows():
        for cell in line:
            cell.font = Font(name=FONT, size=14)
