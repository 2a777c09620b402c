"""Where things are in a table: which column holds what, and which month each month
column is.

The header row names the columns; the row below it (or the header itself) names
the months ต.ค. … ก.ย.; year cells above the months (``พ.ศ.2551`` over ต.ค.–ธ.ค.,
``พ.ศ.2552`` over ม.ค.–ก.ย.) fix the fiscal year, which is the year of the
January–September months. A CSV export may lose the year cells; then a title line
(``ปีงบประมาณ พ.ศ. 2552``) must say the year.
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
    ROLES,
    header_roles,
    month_labels,
    year_cells,
)
from domain.plan_table.titles import Titles
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
    """Role → column index from a header row; every role must appear exactly once."""
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
    return {role: roles[role][0] for role in ROLES}


def read_layout(grid: Grid, header_row: int, titles: Titles, where: Locator) -> Layout:
    """Read the header that starts on 1-based ``header_row``."""
    # Until the layout is known, errors show the header row's own text as headings.
    header = grid.rows[header_row - 1]
    where = Locator(where.file, {c: clean_text(t) for c, t in enumerate(header) if clean_text(t)})
    columns = read_columns(grid, header_row, where)
    taken = set(columns.values())
    month_row, labels = _month_row(grid, header_row, taken, where)
    fiscal_year = _fiscal_year(grid, header_row, month_row, taken, titles, where)
    months = {column: fiscal_year.month(number) for column, number in labels.items()}
    headings = {c: clean_text(grid.cell(header_row, c)) for c in columns.values()}
    headings |= {c: clean_text(grid.cell(month_row, c)) for c in months}
    return Layout(header_row, month_row, columns, months, fiscal_year, headings)


def _month_row(
    grid: Grid, header_row: int, taken: set[int], where: Locator
) -> tuple[int, dict[int, int]]:
    for row in range(header_row, min(header_row + _MONTH_ROW_REACH, len(grid.rows) + 1)):
        labels = {c: n for c, n in month_labels(grid.rows[row - 1]).items() if c not in taken}
        if len(labels) >= MIN_MONTHS_IN_MONTH_ROW:
            break
    else:
        raise where.error("table_months_missing", header_row, missing=_names(FISCAL_MONTH_ORDER))
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


def _fiscal_year(
    grid: Grid,
    header_row: int,
    month_row: int,
    taken: set[int],
    titles: Titles,
    where: Locator,
) -> FiscalYear:
    """The year of the January–September months, from the year cells or a title."""
    found: list[tuple[int, int, int]] = []  # (row, column, BE year)
    for row in range(header_row, month_row + 1):
        years_here = year_cells(grid.rows[row - 1])
        found += [(row, c, y) for c, y in sorted(years_here.items()) if c not in taken]
    years = sorted({year for _, _, year in found})
    title_year = titles.fiscal_year
    if not years:
        if title_year is None:
            raise where.error("fiscal_year_required", header_row)
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
    if title_year is not None and title_year != table_year:
        title_row = titles.fiscal_year_row or header_row
        cells = grid.rows[title_row - 1]
        column = next((c for c, text in enumerate(cells) if text.strip()), 0)
        raise where.error(
            "fiscal_year_mismatch",
            title_row,
            column,
            title_year=str(title_year),
            table_year=str(table_year),
        )
    return FiscalYear(table_year)
