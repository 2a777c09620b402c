"""Which exact month (year and month) each month column stands for, and the plan's
fiscal year.

Plans lay the months out in fiscal order (ต.ค. … ก.ย.) with the year cells
``พ.ศ.2551`` over ต.ค.–ธ.ค. and ``พ.ศ.2552`` over the rest, or one cell naming the
fiscal year; that reading is kept as it was. Others lay out the calendar year
(ม.ค. … ธ.ค.) under one year cell, or give each heading its year (``ต.ค.66``).
Then each month takes its year from its own heading, else from the year cell above
it (a merged year cell covers its range; an unmerged one the columns up to the next
year cell), else from its neighbours, reading left to right as time runs. The fiscal
year is the one of the January–September months. A month outside it stays in the
layout so that a mark under it is refused by name, never moved into the year.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

from domain.calendar import FISCAL_MONTH_ORDER, THAI_MONTH_ABBREVIATIONS, FiscalYear, Month, ce_year
from domain.plan_table.errors import Locator, column_letter
from domain.plan_table.grid import Grid
from domain.plan_table.header import year_cells
from domain.plan_table.sheets import anchored
from domain.plan_table.titles import Titles

FIRST_YEAR, LAST_YEAR = 2444, 2700
"""The Buddhist-era years a plan may be for (CE 1901–2157)."""
_CALENDAR_ORDER = tuple(range(1, 13))
_LAST_COLUMN = 16_383
"""A spreadsheet's last column (XFD): a heading merged further is cut there."""

Headings = Mapping[int, tuple[int, int | None]]
"""Column → (month number, the heading's own BE year or None)."""


def check_side_by_side(labels: Mapping[int, int], row: int, where: Locator) -> None:
    """Refuse 24 month columns that are two whole years of months side by side."""
    columns = sorted(labels)
    if len(columns) != 24:
        return
    first, second = columns[:12], columns[12:]
    if {labels[c] for c in first} == {labels[c] for c in second} == set(_CALENDAR_ORDER):
        raise where.error(
            "fiscal_years_side_by_side",
            row,
            second[0],
            first=f"{column_letter(first[0])}–{column_letter(first[-1])}",
            second=f"{column_letter(second[0])}–{column_letter(second[-1])}",
        )


def read_months(
    grid: Grid,
    rows: tuple[int, int],
    headings: Headings,
    taken: set[int],
    titles: Titles,
    where: Locator,
) -> tuple[dict[int, Month], FiscalYear]:
    """Column → exact month, and the fiscal year; ``rows`` are the header and month rows."""
    header_row, month_row = rows
    for column, (_, year) in headings.items():
        if year is not None:
            _check_range(year, month_row, column, where)
    columns = sorted(headings)
    numbers = tuple(headings[c][0] for c in columns)
    own = {c: year for c in columns if (year := headings[c][1]) is not None}
    if not own and numbers == FISCAL_MONTH_ORDER:
        fiscal_year = _fiscal_year(grid, header_row, month_row, taken, titles, where)
        return {c: fiscal_year.month(n) for c, n in zip(columns, numbers, strict=True)}, fiscal_year
    covering = _covering(grid, header_row, month_row, taken)
    years = _conflicts(own, headings, covering, grid, month_row, where)
    if numbers == _CALENDAR_ORDER:
        years = {c: covering[c][2] for c in columns if c in covering} | years
    if not years:
        raise where.error(
            "month_order_unsettled",
            month_row,
            columns[0],
            order=[THAI_MONTH_ABBREVIATIONS[n - 1] for n in numbers],
        )
    months = _chronology(columns, headings, years)
    fiscal_year = _settle(months, month_row, where)
    _check_title(fiscal_year, grid, header_row, titles, where)
    return months, fiscal_year


def spread_months(
    grid: Grid, month_row: int, months: Mapping[int, Month], taken: set[int]
) -> dict[int, tuple[Month, int]]:
    """Columns a month heading is merged over (one month drawn as two half-month columns):
    column → (the heading's month, the heading's column)."""
    spread: dict[int, tuple[Month, int]] = {}
    anchors = anchored(grid.merges)
    for column, month in months.items():
        merge = anchors.get((month_row, column))
        if merge is None:
            continue
        for covered in range(column + 1, min(merge.last_column, _LAST_COLUMN) + 1):
            if covered not in months and covered not in taken:
                spread[covered] = (month, column)
    return spread


def _check_range(year: int, row: int, column: int | None, where: Locator) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise where.error(
            "fiscal_year_out_of_range",
            row,
            column,
            year=str(year),
            first=str(FIRST_YEAR),
            last=str(LAST_YEAR),
        )


def _covering(
    grid: Grid, header_row: int, month_row: int, taken: set[int]
) -> dict[int, tuple[int, int, int]]:
    """Column → (row, column, BE year) of the nearest year cell above it."""
    anchors = anchored(grid.merges)
    covering: dict[int, tuple[int, int, int]] = {}
    last = max(grid.width, 1) - 1
    for row in range(header_row, month_row):
        cells = sorted((c, y) for c, y in year_cells(grid.rows[row - 1]).items() if c not in taken)
        for index, (column, year) in enumerate(cells):
            merge = anchors.get((row, column))
            if merge is not None:
                end = merge.last_column
            else:
                end = cells[index + 1][0] - 1 if index + 1 < len(cells) else last
            for covered in range(column, min(end, last) + 1):
                covering[covered] = (row, column, year)
    return covering


def _conflicts(
    own: Mapping[int, int],
    headings: Headings,
    covering: Mapping[int, tuple[int, int, int]],
    grid: Grid,
    month_row: int,
    where: Locator,
) -> dict[int, int]:
    """The headings' own years, each checked against the year cell above it: that cell
    may name the month's calendar year or its fiscal year."""
    for column, year in own.items():
        if column not in covering:
            continue
        row, cell_column, cell_year = covering[column]
        number = headings[column][0]
        fiscal = year + 1 if number >= 10 else year
        if cell_year not in (year, fiscal):
            raise where.error(
                "month_year_conflict",
                month_row,
                column,
                month=grid.cell(month_row, column).strip(),
                own=str(year),
                cell=str(cell_year),
                cell_at=f"{column_letter(cell_column)}{row}",
            )
    return dict(own)


def _chronology(
    columns: list[int], headings: Headings, years: Mapping[int, int]
) -> dict[int, Month]:
    """Each column's month, years not given carried from the nearest column with one:
    left to right, a month number that does not grow starts the next year."""
    known = dict(years)
    for left, right in pairwise(columns):
        if right not in known and left in known:
            known[right] = known[left] + (1 if headings[right][0] <= headings[left][0] else 0)
    for left, right in reversed(list(pairwise(columns))):
        if left not in known and right in known:
            known[left] = known[right] - (1 if headings[right][0] <= headings[left][0] else 0)
    return {c: Month(ce_year(known[c]), headings[c][0]) for c in columns}


def _settle(months: Mapping[int, Month], month_row: int, where: Locator) -> FiscalYear:
    """The fiscal year of the January–September months, which must agree."""
    by_year: dict[int, int] = {}
    for column, month in sorted(months.items()):
        if month.month <= 9:
            by_year.setdefault(month.fiscal_year.be, column)
    if len(by_year) != 1:
        raise where.error(
            "fiscal_year_unsettled",
            month_row,
            sorted(by_year.values())[-1],
            years=[str(y) for y in sorted(by_year)],
        )
    (year,) = by_year
    _check_range(year, month_row, None, where)
    return FiscalYear(year)


def _check_title(
    fiscal_year: FiscalYear, grid: Grid, header_row: int, titles: Titles, where: Locator
) -> None:
    title_year = titles.fiscal_year
    if title_year is not None and title_year != fiscal_year.be:
        title_row = titles.fiscal_year_row or header_row
        cells = grid.rows[title_row - 1]
        column = next((c for c, text in enumerate(cells) if text.strip()), 0)
        raise where.error(
            "fiscal_year_mismatch",
            title_row,
            column,
            title_year=str(title_year),
            table_year=str(fiscal_year.be),
        )


def _fiscal_year(
    grid: Grid,
    header_row: int,
    month_row: int,
    taken: set[int],
    titles: Titles,
    where: Locator,
) -> FiscalYear:
    """Months in fiscal order without their own years: the year of the January–September
    months, from the year cells or a title."""
    found: list[tuple[int, int, int]] = []  # (row, column, BE year)
    for row in range(header_row, month_row + 1):
        years_here = year_cells(grid.rows[row - 1])
        found += [(row, c, y) for c, y in sorted(years_here.items()) if c not in taken]
    years = sorted({year for _, _, year in found})
    title_year = titles.fiscal_year
    if not years:
        if title_year is None:
            raise where.error("fiscal_year_required", header_row)
        _check_range(title_year, titles.fiscal_year_row or header_row, None, where)
        return FiscalYear(title_year)
    if len(years) > 2 or years[-1] - years[0] > 1:
        row, column, _ = found[-1]
        raise where.error("fiscal_year_cells", row, column, years=[str(y) for y in years])
    if len(years) == 2:
        table_year = years[1]
    else:
        # One year cell: it names the fiscal year, unless a title says the year it
        # labels is the October–December one (then the fiscal year is the next).
        table_year = years[0]
        if title_year == table_year + 1:
            table_year = title_year
    row, column, _ = found[-1]
    _check_range(table_year, row, column, where)
    fiscal_year = FiscalYear(table_year)
    _check_title(fiscal_year, grid, header_row, titles, where)
    return fiscal_year
