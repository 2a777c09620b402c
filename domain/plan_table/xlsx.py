"""Excel workbooks as rows of text, the way a person reads the cells.

openpyxl gives numbers as ``int`` or ``float``; a budget typed as 238613.38 comes
back as the float nearest to it, so numbers are turned back into the shortest
text a spreadsheet would show (15 significant digits, as Excel does), never into
``238613.37999999998``. Merged cells keep their value in the top-left cell only,
which is what openpyxl gives and what the parser expects of every format.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from domain.plan_table.errors import PlanTableError


def read_xlsx_sheets(data: bytes, filename: str) -> list[list[list[str]]]:
    """Every worksheet of a workbook, each as rows of cell text."""
    # Imported here: openpyxl takes a while to import and only this path needs it.
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # Style and extension warnings are about looks, not about the cells we read.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), data_only=True)
            sheets = [_sheet_rows(sheet) for sheet in workbook.worksheets]
            workbook.close()
    except PlanTableError:
        raise
    except Exception as error:  # a damaged file can fail anywhere inside openpyxl
        reason = f"{type(error).__name__}: {error}".rstrip(": ")
        raise PlanTableError("table_xlsx_unreadable", file=filename, reason=reason) from error
    if not sheets:
        raise PlanTableError("table_empty", file=filename)
    return sheets


def _sheet_rows(sheet: Any) -> list[list[str]]:
    rows: Sequence[Sequence[Any]] = list(sheet.iter_rows(values_only=True))
    return [[cell_text(value) for value in row] for row in rows]


def cell_text(value: object) -> str:
    """A cell value as text: numbers without float noise, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def number_text(value: float) -> str:
    """``130000.0`` → ``130000``; ``238613.38`` → ``238613.38``; no exponent notation."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    plain = format(Decimal(format(value, ".15g")), "f")
    if "." in plain:
        plain = plain.rstrip("0").rstrip(".")
    return plain
