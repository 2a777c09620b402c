"""Cells safe to open in a spreadsheet: text that Excel or Calc would run is kept as text.

A value starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to a spreadsheet (``=HYPERLINK("http://…","x")`` in a unit's name becomes a
live link in an auditor's copy of the feed). Every text cell of every CSV and XLSX
Tidtam writes goes through :func:`safe_cell`, which puts an apostrophe in front of
such text, as OWASP advises: the spreadsheet shows the text, and runs nothing.
Numbers, dates and booleans are written as they are.

A workbook that must read back exactly (the plan table, imported again) keeps its text
as typed instead: :func:`keep_as_text` marks each text cell a string, which a
spreadsheet shows and never runs, whatever it starts with.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_RUNS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value``, with an apostrophe before text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(_RUNS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    """A row of cells, each made safe."""
    return [safe_cell(value) for value in values]


def keep_as_text(cells: Iterable[Any]) -> None:
    """Mark every text cell of an openpyxl row a string cell, exactly as written: openpyxl
    would otherwise store text starting with ``=`` as a formula."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
