"""Month headings as offices type them: ``ต.ค.``, ``ตุลาคม``, ``Oct``, and with their
year, ``ต.ค.66``, ``ต.ค. 2566``, ``ม.ค.67``.

A two-digit year is the Buddhist era's last two digits (``66`` is 2566), as Thai
offices abbreviate it; a four-digit one is read as it stands and checked against
the years Tidtam reads where the months are settled (:mod:`domain.plan_table.years`).
"""

from __future__ import annotations

import re

from domain.calendar import month_number
from domain.thai import clean_text, to_arabic_digits

_WITH_YEAR = re.compile(r"(.+?)\s*(?:พ\s*\.?\s*ศ\s*\.?\s*)?(\d{4}|\d{2})")
_CENTURY = 2500
"""Added to a two-digit year: ``66`` → 2566."""


def month_heading(text: str) -> tuple[int, int | None] | None:
    """``ต.ค.`` → (10, None); ``ต.ค.66`` or ``ต.ค. ๒๕๖๖`` → (10, 2566); None if the cell
    is not a month heading."""
    cleaned = to_arabic_digits(clean_text(text))
    if not cleaned:
        return None
    number = month_number(cleaned)
    if number is not None:
        return number, None
    match = _WITH_YEAR.fullmatch(cleaned)
    if match is None:
        return None
    number = month_number(match[1])
    if number is None:
        return None
    year = int(match[2])
    return number, year + _CENTURY if len(match[2]) == 2 else year
