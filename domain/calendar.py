"""The Thai fiscal calendar: Buddhist-era years and the October–September year.

A municipality's fiscal year is named by the Buddhist-era (BE) year in which it
ends: FY 2552 runs from 1 October 2008 to 30 September 2009 (CE = BE − 543).
An action plan marks work by month in fiscal order, ต.ค. … ก.ย.; Tidtam stores a
month as its CE ``YYYY-MM`` and shows it to people as ``ม.ค. 2552``.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, total_ordering

from domain.thai import clean_text, to_arabic_digits
from domain.values import shared_in_copies

BE_OFFSET = 543
"""Buddhist-era year minus Common-era year."""

THAI_MONTH_ABBREVIATIONS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
THAI_MONTH_NAMES = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
ENGLISH_MONTH_NAMES = tuple(_calendar.month_name[1:])
ENGLISH_MONTH_ABBREVIATIONS = tuple(_calendar.month_abbr[1:])
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200
"""The Common-era years Tidtam represents (BE 2443–2743): every plan, business date and
instant a person can ask about lies inside them, so arithmetic near the calendar's own
ends (a date in year 9999 moved to Bangkok time) never happens."""
FISCAL_MONTH_ORDER = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)
"""Calendar month numbers in the order of a fiscal year (ต.ค. first)."""


def _month_lookup_key(text: str) -> str:
    return re.sub(r"[\s.]", "", text).casefold()


_MONTH_NUMBERS: dict[str, int] = {}
for _number, _names in enumerate(
    zip(
        THAI_MONTH_ABBREVIATIONS,
        THAI_MONTH_NAMES,
        ENGLISH_MONTH_NAMES,
        ENGLISH_MONTH_ABBREVIATIONS,
        strict=True,
    ),
    start=1,
):
    for _name in _names:
        _MONTH_NUMBERS[_month_lookup_key(_name)] = _number
_MONTH_NUMBERS["sept"] = 9


def be_year(ce_year: int) -> int:
    """The Buddhist-era number of a Common-era year."""
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    """The Common-era number of a Buddhist-era year."""
    return be - BE_OFFSET


def representable(day: date) -> bool:
    """Whether ``day`` lies in the years Tidtam represents."""
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR


def month_number(text: str) -> int | None:
    """The calendar number (1–12) of a month name, or None if it is not one.

    Accepts Thai abbreviations with or without their dots (``ม.ค.``, ``ม.ค``,
    ``มค``), full Thai names (``มกราคม``) and English names (``January``, ``Jan``).
    """
    return _MONTH_NUMBERS.get(_month_lookup_key(clean_text(text)))


@shared_in_copies
@total_ordering
@dataclass(frozen=True, slots=True)
class Month:
    """A calendar month, stored in Common-era terms (``2009-01``)."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month number must be 1..12, got {self.month}")
        if not EARLIEST_YEAR <= self.year <= LATEST_YEAR:
            raise ValueError(f"CE year out of range: {self.year}")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return (self.year, self.month) < (other.year, other.month)

    def __str__(self) -> str:
        return self.iso

    @property
    def iso(self) -> str:
        """The stored form, ``YYYY-MM`` in the Common era."""
        return _iso(self.year, self.month)

    @classmethod
    def from_iso(cls, text: str) -> Month:
        """Read ``YYYY-MM`` (Common era)."""
        return _month_from_iso(text)

    @classmethod
    def of(cls, day: date) -> Month:
        """The month a date falls in."""
        return _month(day.year, day.month)

    @classmethod
    def from_number(cls, number: int) -> Month:
        """The month of :attr:`number` ``number``."""
        year, index = divmod(number - 1, 12)
        return _month(year, index + 1)

    @property
    def number(self) -> int:
        """The month counted from the start of year 0 (``year × 12 + month``): months order
        as their numbers do, and a set of numbers is searched without calling a month's
        own hash, which a plan's month grid did a few dozen times for every activity."""
        return self.year * 12 + self.month

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return _last_day(self.year, self.month)

    @property
    def fiscal_year(self) -> FiscalYear:
        """The fiscal year this month belongs to."""
        return FiscalYear(be_year(self.year + 1 if self.month >= 10 else self.year))

    def thai(self) -> str:
        """How a person reads it: ``ม.ค. 2552``."""
        return f"{THAI_MONTH_ABBREVIATIONS[self.month - 1]} {be_year(self.year)}"

    def english(self) -> str:
        """The English label: ``Jan 2009``."""
        return f"{ENGLISH_MONTH_ABBREVIATIONS[self.month - 1]} {self.year}"

    def next(self) -> Month:
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)


# Reports ask the same few dozen months for their names and last days thousands of times
# per request; these are pure, so they are remembered.


@lru_cache(maxsize=4096)
def _month(year: int, month: int) -> Month:
    return Month(year, month)


@lru_cache(maxsize=4096)
def _iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


@lru_cache(maxsize=4096)
def _last_day(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


@lru_cache(maxsize=256)
def _fiscal_months(be: int) -> tuple[Month, ...]:
    fiscal_year = FiscalYear(be)
    return tuple(fiscal_year.month(number) for number in FISCAL_MONTH_ORDER)


@lru_cache(maxsize=4096)
def _month_from_iso(text: str) -> Month:
    """Cached: views read the same few dozen months over and over."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if match is None:
        raise ValueError(f"not a YYYY-MM month: {text!r}")
    return Month(int(match.group(1)), int(match.group(2)))


@shared_in_copies
@dataclass(frozen=True, slots=True, order=True)
class FiscalYear:
    """A Thai government fiscal year, named by its Buddhist-era year."""

    be: int

    def __post_init__(self) -> None:
        if not 2400 <= self.be <= 2800:
            raise ValueError(f"fiscal year must be a Buddhist-era year, got {self.be}")

    def __str__(self) -> str:
        return str(self.be)

    @classmethod
    def of(cls, day: date) -> FiscalYear:
        """The fiscal year a date falls in."""
        return Month.of(day).fiscal_year

    @property
    def start(self) -> date:
        """1 October of the previous CE year."""
        return date(ce_year(self.be) - 1, 10, 1)

    @property
    def end(self) -> date:
        """30 September of the CE year."""
        return date(ce_year(self.be), 9, 30)

    @property
    def months(self) -> tuple[Month, ...]:
        """The twelve months in fiscal order, ต.ค. first."""
        return _fiscal_months(self.be)

    @property
    def first_month_number(self) -> int:
        """:attr:`Month.number` of ต.ค., the year's first month; the year's others follow it."""
        return self.months[0].number

    def month(self, number: int) -> Month:
        """The month with calendar number ``number`` inside this fiscal year."""
        year = ce_year(self.be) - 1 if number >= 10 else ce_year(self.be)
        return Month(year, number)

    def contains(self, item: Month | date) -> bool:
        month = item if isinstance(item, Month) else Month.of(item)
        return month.fiscal_year == self

    def index(self, month: Month) -> int:
        """Position 0–11 of a month in this fiscal year (ต.ค. is 0)."""
        if not self.contains(month):
            raise ValueError(f"{month} is not in fiscal year {self.be}")
        return FISCAL_MONTH_ORDER.index(month.month)

    def thai(self) -> str:
        return f"ปีงบประมาณ พ.ศ. {self.be}"


def parse_be_year(text: str) -> int | None:
    """Read a Buddhist-era year such as ``พ.ศ.2552``, ``พ.ศ. ๒๕๕๒`` or ``2552``."""
    digits = to_arabic_digits(clean_text(text))
    match = re.fullmatch(r"(?:พ\.?\s*ศ\.?\s*)?(\d{4})", digits)
    if match is None:
        return None
    year = int(match.group(1))
    return year if 2400 <= year <= 2800 else None


def thai_date(day: date) -> str:
    """A date as a Thai reader writes it: ``31 ม.ค. 2552``."""
    return f"{day.day} {THAI_MONTH_ABBREVIATIONS[day.month - 1]} {be_year(day.year)}"
