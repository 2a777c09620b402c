"""Recognising the header of an action-plan table (แบบ ผด.02) and its month labels.

Municipalities order and word the columns differently, so the importer reads the
column order from the header row instead of assuming one. Headings compare with
spacing ignored, because wrapped cells come back as ``หน่วย ดำเนินการ``.
This module only recognises; it raises nothing, so the grid reader can also use
it to pick the worksheet or the delimiter that holds the table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from domain.calendar import parse_be_year
from domain.plan_table.month_headings import month_heading
from domain.thai import clean_text, to_arabic_digits

ROLES = ("number", "name", "details", "budget", "area", "unit")
"""The columns every table needs, in the order of the standard form."""

HEADINGS: Mapping[str, tuple[str, ...]] = {
    "number": ("ลำดับที่", "ที่", "ลำดับ"),
    "name": ("โครงการ/กิจกรรม", "โครงการ / กิจกรรม", "โครงการ"),
    "details": (
        "รายละเอียดของกิจกรรม (ผลผลิต)",
        "รายละเอียดของกิจกรรมที่เกิดขึ้นจากโครงการ",
        "รายละเอียดของกิจกรรม",
        "รายละเอียดกิจกรรม",
        "รายละเอียด",
    ),
    "budget": ("งบประมาณ", "งบประมาณ (บาท)"),
    "area": ("พื้นที่", "สถานที่ดำเนินการ", "พื้นที่ดำเนินการ", "สถานที่"),
    "unit": (
        "หน่วยดำเนินการ",
        "หน่วยงานรับผิดชอบ",
        "หน่วยงานรับผิดชอบหลัก",
        "หน่วยงานที่รับผิดชอบ",
    ),
    "source": ("แหล่งงบประมาณ", "แหล่งที่มาของงบประมาณ", "ที่มาของงบประมาณ", "แหล่งเงิน"),
}
"""Accepted headings per column; the first is the one messages use."""

OPTIONAL_ROLES = ("source",)
"""Columns some tables have: where the money comes from (แหล่งงบประมาณ)."""

MIN_ROLES_IN_HEADER = 3
"""A row naming this many known columns is a header (so a missing column is reported
against the header rather than as "no header at all")."""

MIN_MONTHS_IN_MONTH_ROW = 6


def heading_key(text: str) -> str:
    """Headings compare without spaces, case, Thai digits or a trailing "(บาท)"."""
    key = re.sub(r"\s+", "", to_arabic_digits(clean_text(text))).casefold()
    return re.sub(r"\(บาท\)$", "", key)


_ROLE_BY_KEY = {heading_key(h): role for role, names in HEADINGS.items() for h in names}


def header_roles(cells: Sequence[str]) -> dict[str, list[int]]:
    """Each known column role found in a row, with every column index naming it."""
    roles: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        role = _ROLE_BY_KEY.get(heading_key(cell)) if cell else None
        if role is not None:
            roles.setdefault(role, []).append(index)
    return roles


def is_header_row(cells: Sequence[str]) -> bool:
    return len(header_roles(cells)) >= MIN_ROLES_IN_HEADER


def find_header(rows: Sequence[Sequence[str]]) -> int | None:
    """The 0-based index of the first header row, or None."""
    return next((i for i, cells in enumerate(rows) if is_header_row(cells)), None)


def month_labels(cells: Sequence[str]) -> dict[int, int]:
    """Column index → calendar month number, for cells that are month names."""
    return {index: number for index, (number, _) in month_headings(cells).items()}


def month_headings(cells: Sequence[str]) -> dict[int, tuple[int, int | None]]:
    """Column index → (month number, the heading's own BE year or None)."""
    found: dict[int, tuple[int, int | None]] = {}
    for index, cell in enumerate(cells):
        heading = month_heading(cell) if cell.strip() else None
        if heading is not None:
            found[index] = heading
    return found


def year_cells(cells: Sequence[str]) -> dict[int, int]:
    """Column index → Buddhist-era year, for cells such as ``พ.ศ.2552``."""
    found: dict[int, int] = {}
    for index, cell in enumerate(cells):
        year = parse_be_year(cell) if cell.strip() else None
        if year is not None:
            found[index] = year
    return found


def is_calendar_row(cells: Sequence[str]) -> bool:
    """A row of only month labels and year cells: a header's lower rows, repeated."""
    filled = [c for c in cells if c.strip()]
    if not filled:
        return False
    months, years = month_labels(cells), year_cells(cells)
    return len(months) + len(years) == len(filled)
