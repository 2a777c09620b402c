"""The reporting rounds of a fiscal year (Oct–Sep): quarters, the six-month round
(1 Oct – 31 Mar, reported in April) and the year (reported in October)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from domain.calendar import FiscalYear
from domain.words import Words


class Period(StrEnum):
    Q1 = "q1"
    Q2 = "q2"
    Q3 = "q3"
    Q4 = "q4"
    HALF = "half"
    YEAR = "year"


_MONTHS = {  # first and last fiscal month (1 = ต.ค.) of each period
    Period.Q1: (1, 3),
    Period.Q2: (4, 6),
    Period.Q3: (7, 9),
    Period.Q4: (10, 12),
    Period.HALF: (1, 6),
    Period.YEAR: (1, 12),
}

PERIOD_WORDS = {
    Period.Q1: Words("ไตรมาสที่ 1 (ต.ค.–ธ.ค.)", "first quarter (Oct–Dec)"),
    Period.Q2: Words("ไตรมาสที่ 2 (ม.ค.–มี.ค.)", "second quarter (Jan–Mar)"),
    Period.Q3: Words("ไตรมาสที่ 3 (เม.ย.–มิ.ย.)", "third quarter (Apr–Jun)"),
    Period.Q4: Words("ไตรมาสที่ 4 (ก.ค.–ก.ย.)", "fourth quarter (Jul–Sep)"),
    Period.HALF: Words("รอบ 6 เดือน (ต.ค.–มี.ค.)", "six months (Oct–Mar)"),
    Period.YEAR: Words("ทั้งปีงบประมาณ (ต.ค.–ก.ย.)", "the whole fiscal year (Oct–Sep)"),
}


def period_bounds(fiscal_year: FiscalYear, period: Period) -> tuple[date, date]:
    """The first and last day of ``period`` of ``fiscal_year``."""
    first, last = _MONTHS[period]
    months = fiscal_year.months
    return months[first - 1].first_day, months[last - 1].last_day
