"""Which months a row marks, read as people draw them in a spreadsheet.

A planned month is marked by a typed sign (``x``, ``✓``, ``↔``), by an arrow drawn
with whatever the keyboard offers (``←――→``, ``<―>``, ``⟷``, ``<-->``, ``──►``), by
one arrow typed in the first month cell and merged across the months it covers, or
by shading the month cells. Each of these covers exactly the months under it: an
arrow in one unmerged cell is one month. What cannot be read for certain is refused
with its cell: a mark merged down over several rows (which row is it?), merged past
the last month column, under a month outside the plan's fiscal year, or in a column
with no heading. A row shaded across every column of the table, its name included,
is a highlight, not a row of marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from domain.calendar import Month
from domain.plan_table.cells import is_mark
from domain.plan_table.errors import Locator, column_letter
from domain.plan_table.grid import Grid
from domain.plan_table.layout import Layout
from domain.plan_table.sheets import Merge, anchored, spread_fills
from domain.thai import clean_text

_LINES = str.maketrans(dict.fromkeys("-―—–─━‐‑‒⁃=_~⎯", "-"))
_HEADS = str.maketrans(
    {
        **dict.fromkeys("<←◄◀⟵⇐⬅‹«⊲", "<"),
        **dict.fromkeys(">→►▶⟶⇒➡›»➔➜➝➞⊳", ">"),
        **dict.fromkeys("↔⟷⇔⬌⟺", "<>"),
    }
)
_ARROW = re.compile(r"<*-*>+|<+-*>*|-{3,}")


def is_month_mark(text: str) -> bool:
    """A typed mark or an arrow of any drawing: heads and lines, or a line of three."""
    if is_mark(text):
        return True
    key = re.sub(r"\s+", "", clean_text(text)).translate(_LINES).translate(_HEADS)
    return bool(key) and _ARROW.fullmatch(key) is not None


class MarkReader:
    """Reads the month marks of a table's body rows; one instance per table."""

    def __init__(self, grid: Grid, layout: Layout, where: Locator) -> None:
        self.where = where
        self.months = dict(sorted(layout.months.items()))
        self.fiscal_year = layout.fiscal_year
        self.last_month = max(self.months)
        self.roles = set(layout.columns.values())
        self.anchors = anchored(grid.merges)
        self.own_fills = grid.fills
        width = max(grid.width, self.last_month + 1)
        self.fills = spread_fills(grid.fills, self.anchors, len(grid.rows), width)
        self.table = self.roles | set(self.months)
        self.labelled = _labelled(grid, layout, self.anchors)

    def shaded(self, row: int) -> bool:
        """Whether a row without text shades any month cell (and is no highlight)."""
        return any((row, c) in self.fills for c in self.months) and not self._highlight(row)

    def _highlight(self, row: int) -> bool:
        return all((row, column) in self.fills for column in self.table)

    def read(self, row: int, cells: Sequence[str]) -> dict[Month, int]:
        """Month → the first column marking it, refusing what cannot be read."""
        highlight = self._highlight(row) if self.fills else False
        marks: dict[Month, int] = {}
        for column in self.months:
            text = clean_text(cells[column]) if column < len(cells) else ""
            if text and not is_month_mark(text):
                raise self.where.error("month_mark_unknown", row, column, text=text)
            filled = (row, column) in self.own_fills and not highlight
            if not text and not filled:
                continue
            for covered in self._covered(row, column):
                month = self.months.get(covered)
                if month is None:
                    continue  # an unlabelled column inside the months: no month of its own
                self._check_inside(month, row, covered)
                marks.setdefault(month, covered)
        self._check_unlabelled(row, cells)
        return marks

    def _covered(self, row: int, column: int) -> range:
        merge = self.anchors.get((row, column))
        if merge is None:
            return range(column, column + 1)
        if merge.rows > 1:
            raise self.where.error(
                "month_mark_merged_rows", row, column, merged=_range(merge), last_row=merge.last_row
            )
        if merge.last_column > self.last_month:
            raise self.where.error(
                "month_mark_merged_beyond_months",
                row,
                column,
                merged=_range(merge),
                last=column_letter(self.last_month),
            )
        return range(merge.first_column, merge.last_column + 1)

    def _check_inside(self, month: Month, row: int, column: int) -> None:
        if not self.fiscal_year.contains(month):
            raise self.where.error(
                "month_outside_fiscal_year",
                row,
                column,
                month=month,
                fiscal_year=str(self.fiscal_year.be),
                first=self.fiscal_year.months[0],
                last=self.fiscal_year.months[-1],
            )

    def _check_unlabelled(self, row: int, cells: Sequence[str]) -> None:
        for column, text in enumerate(cells):
            if column in self.table or column in self.labelled or not text.strip():
                continue
            if is_month_mark(text):
                raise self.where.error(
                    "month_mark_unlabelled_column", row, column, text=clean_text(text)
                )


def _labelled(grid: Grid, layout: Layout, anchors: dict[tuple[int, int], Merge]) -> set[int]:
    """Columns with a heading in any header row (a merged heading labels its range)."""
    labelled: set[int] = set()
    for row in range(layout.header_row, layout.month_row + 1):
        for column, text in enumerate(grid.rows[row - 1]):
            if not clean_text(text):
                continue
            merge = anchors.get((row, column))
            last = column if merge is None else min(merge.last_column, grid.width)
            labelled.update(range(column, last + 1))
    return labelled


def _range(merge: Merge) -> str:
    first = f"{column_letter(merge.first_column)}{merge.first_row}"
    return f"{first}:{column_letter(merge.last_column)}{merge.last_row}"
