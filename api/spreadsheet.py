"""Cells safe to open in a spreadsheet: text that Excel or Calc would run is kept as text.

A value starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a
formula to a spreadsheet (``=HYPERLINK("http://…","x")`` in a unit's name becomes a
live link in an auditor's copy of the feed). Every text cell of every CSV and XLSX
Tidtam writes goes through :func:`safe_cell`, which puts an apostrophe in front of
such text, as OWASP advises: the spreadsheet shows the text, and runs nothing.
Numbers, dates and booleans are written as they are.
"""

from __future__ import annotations

from collections.abc import Iterable

_RUNS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """``value``, with an apostrophe before text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(_RUNS):
        return "'" + value
    return value


def safe_row(values: Iterable[object]) -> list[object]:
    """A row of cells, each made safe."""
    return [safe_cell(value) for value in values]
