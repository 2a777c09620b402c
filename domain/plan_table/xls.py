"""Excel 97–2003 workbooks (.xls) as rows of text, with their fills and merged cells.

Many offices still save plans from old Excel or from software that exports .xls.
xlrd reads the binary format itself (no office suite is run); ``formatting_info``
gives the merged ranges and each cell's format, whose background says whether the
cell is shaded. Numbers and dates become text as in :mod:`domain.plan_table.xlsx`,
and the same row and cell limits apply.
"""

from __future__ import annotations

import io
from typing import Any

from domain.plan_table.errors import PlanTableError
from domain.plan_table.sheets import MAX_MERGES, Merge, Sheet
from domain.plan_table.xlsx import Budget, cell_text, number_text, too_large
from domain.words import Words

_NUMBER, _DATE, _BOOLEAN, _ERROR = 2, 3, 4, 5
"""xlrd's cell types that are not text."""
_SOLID = 1


def read_xls_sheets(data: bytes, filename: str) -> list[Sheet]:
    """Every worksheet of an .xls workbook: its cell text, fills and merged ranges."""
    # Imported here, as openpyxl is: only this path needs it.
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, logfile=io.StringIO(), verbosity=0
        )
        budget = Budget(filename)
        sheets = [_sheet(book, sheet, budget, filename) for sheet in book.sheets()]
    except PlanTableError:
        raise
    except Exception as error:  # a damaged file can fail anywhere inside xlrd
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        raise PlanTableError("table_xls_unreadable", file=filename, reason=reason) from error
    if not sheets:
        raise PlanTableError("table_empty", file=filename)
    return sheets


def _sheet(book: Any, sheet: Any, budget: Budget, filename: str) -> Sheet:
    if len(sheet.merged_cells) > MAX_MERGES:
        raise too_large(filename, Words("ช่วงเซลล์ที่ผสาน", "merged ranges"), MAX_MERGES)
    result = Sheet()
    filled: dict[int, bool] = {}
    for index in range(sheet.nrows):
        width = sheet.row_len(index)
        budget.spend(1, width)
        result.rows.append([_text(book, sheet.cell(index, c)) for c in range(width)])
        for column in range(width):
            xf = sheet.cell_xf_index(index, column)
            if xf not in filled:
                filled[xf] = _is_filled(book, xf)
            if filled[xf]:
                result.fills.add((index + 1, column))
    result.merges = [
        Merge(rlo + 1, clo, rhi, chi - 1)
        for rlo, rhi, clo, chi in sheet.merged_cells
        if rhi > rlo and chi > clo
    ]
    return result


def _text(book: Any, cell: Any) -> str:
    if cell.ctype == _NUMBER:
        return number_text(float(cell.value))
    if cell.ctype == _DATE:
        from xlrd.xldate import xldate_as_datetime

        try:
            return cell_text(xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError):
            return number_text(float(cell.value))
    if cell.ctype == _BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == _ERROR:
        return ""
    return str(cell.value)


def _is_filled(book: Any, xf_index: int) -> bool:
    """A solid background in a palette colour other than white (system colours count
    as none)."""
    background = book.xf_list[xf_index].background
    if background.fill_pattern != _SOLID:
        return False
    colour = book.colour_map.get(background.pattern_colour_index)
    return colour is not None and tuple(colour) != (255, 255, 255)
