"""Where things are in a table: which column holds what, and which month each month
column is.

The header row names the columns; the row below it (or the header itself) names
the months ต.ค. … ก.ย. (or ม.ค. … ธ.ค., or with their years, ``ต.ค.66``); year cells
above the months (``พ.ศ.2551`` over ต.ค.–ธ.ค., ``พ.ศ.2552`` over ม.ค.–ก.ย.) fix the
fiscal year, which is the year of the January–September months. A CSV export may
lose the year cells; then a title line (``ปีงบประมาณ พ.ศ. 2552``) must say the year.
Which exact month each column is, is settled in :mod:`domain.plan_table.years`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from domain.calendar import FISCAL_MONTH_ORDER, THAI_MONTH_ABBREVIATIONS, FiscalYear, Month
from domain.plan_table.errors import Locator, column_letter
from domain.plan_table.grid import Grid
from domain.plan_table.header import (
    HEADINGS,
    MIN_MONTHS_IN_MONTH_ROW,
    OPTIONAL_ROLES,
    ROLES,
    header_roles,
    month_headings,
)
from domain.plan_table.titles import Titles
from domain.plan_table.years import check_side_by_side, read_months, spread_months
from domain.thai import clean_text

_MONTH_ROW_REACH = 3
"""The month row is the header row itself or one of the two rows below it."""


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns of a table and the months they stand for."""

    header_row: int
    month_row: int
    columns: Mapping[str, int]
    months: Mapping[int, Month]
    fiscal_year: FiscalYear
    headings: Mapping[int, str]


def read_columns(grid: Grid, header_row: int, where: Locator) -> dict[str, int]:
    """Role → column index from a header row; every role must appear exactly once, an
    optional one (the funding source) at most once."""
    cells = grid.rows[header_row - 1]
    roles = header_roles(cells)
    for role in ROLES:
        found = roles.get(role)
        if not found:
            raise where.error(
                "table_column_missing",
                header_row,
                label=HEADINGS[role][0],
                accepted=list(HEADINGS[role]),
            )
        if len(found) > 1:
            raise where.error(
                "table_column_duplicate",
                header_row,
                found[1],
                label=clean_text(cells[found[1]]),
                first=column_letter(found[0]),
                second=column_letter(found[1]),
            )
    columns = {role: roles[role][0] for role in ROLES}
    for role in OPTIONAL_ROLES:
        named = roles.get(role, [])
        if len(named) > 1:
            raise where.error(
                "table_column_duplicate", header_row, named[1],
                label=clean_text(cells[named[1]]), first=column_letter(named[0]),
                second=column_letter(named[1]),
            )  # fmt: skip
        if named:
            columns[role] = named[0]
    return columns


def read_layout(grid: Grid, header_row: int, titles: Titles, where: Locator) -> Layout:
    """Read the header that starts on 1-based ``header_row``."""
    # Until the layout is known, errors show the header row's own text as headings.
    header = grid.rows[header_row - 1]
    where = Locator(where.file, {c: clean_text(t) for c, t in enumerate(header) if clean_text(t)})
    columns = read_columns(grid, header_row, where)
    taken = set(columns.values())
    month_row, labels = _month_row(grid, header_row, taken, where)
    headings_row = month_headings(grid.rows[month_row - 1])
    found = {column: headings_row[column] for column in labels}
    rows = (header_row, month_row)
    months, fiscal_year = read_months(grid, rows, found, taken, titles, where)
    headings = {c: clean_text(grid.cell(header_row, c)) for c in columns.values()}
    headings |= {c: clean_text(grid.cell(month_row, c)) for c in months}
    spread = spread_months(grid, month_row, months, taken)
    headings |= {c: headings[spread[c][1]] for c in spread}
    months |= {c: month for c, (month, _) in spread.items()}
    return Layout(header_row, month_row, columns, months, fiscal_year, headings)


def _month_row(
    grid: Grid, header_row: int, taken: set[int], where: Locator
) -> tuple[int, dict[int, int]]:
    for row in range(header_row, min(header_row + _MONTH_ROW_REACH, len(grid.rows) + 1)):
        found = month_headings(grid.rows[row - 1])
        labels = {c: n for c, (n, _) in found.items() if c not in taken}
        if len(labels) >= MIN_MONTHS_IN_MONTH_ROW:
            break
    else:
        raise where.error("table_months_missing", header_row, missing=_names(FISCAL_MONTH_ORDER))
    check_side_by_side(labels, row, where)
    first_column: dict[int, int] = {}
    for column, number in sorted(labels.items()):
        if number in first_column:
            raise where.error(
                "table_month_duplicate",
                row,
                column,
                month=THAI_MONTH_ABBREVIATIONS[number - 1],
                first=column_letter(first_column[number]),
            )
        first_column[number] = column
    missing = [n for n in FISCAL_MONTH_ORDER if n not in first_column]
    if missing:
        raise where.error("table_months_missing", row, missing=_names(missing))
    return row, labels


def _names(numbers: list[int] | tuple[int, ...]) -> list[str]:
    return [THAI_MONTH_ABBREVIATIONS[n - 1] for n in numbers]
