"""What the pages' calendar needs to write a day the way its date field reads one.

A date field stays text (``30/09/2552`` in Thai, ISO in English): typing is the quickest
way for a clerk with the paper in hand, and every page works without script. The
calendar beside each field is the script's convenience (``static/tidtam.js``): it opens
on the field's day, or on today in Bangkok as the server's clock has it, and names the
months and weekdays in the page's language. How it writes a day is not stated twice: it
is read off :func:`api.web.i18n.date_input` by writing one known day through it, so a
change of format there reaches the calendar too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from api.web import i18n
from domain.calendar import ENGLISH_MONTH_NAMES, THAI_MONTH_NAMES

KNOWN_DAY = date(2001, 2, 3)
"""A day whose day, month and year cannot be mistaken for one another."""

WEEKDAYS = {
    "th": ("อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"),
    "en": ("Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"),
}
"""Sunday first, as Thai wall calendars are printed."""


def written_as(lang: str) -> tuple[str, int]:
    """How a date field writes a day: ``("dmy", 543)`` for day/month/BE year, or ``("iso", 0)``."""
    sample = i18n.date_input(KNOWN_DAY, lang)
    if sample == KNOWN_DAY.isoformat():
        return "iso", 0
    day, month, year = (int(part) for part in sample.split("/"))
    if (day, month) != (KNOWN_DAY.day, KNOWN_DAY.month):
        raise ValueError(f"date fields write {sample!r}, a form the calendar cannot write")
    return "dmy", year - KNOWN_DAY.year


def settings(lang: str, today: date, t: Callable[[str], str]) -> str:
    """The calendar's settings as JSON, for the ``data-calendar`` attribute of the page."""
    order, era = written_as(lang)
    return json.dumps(
        {
            "order": order,
            "era": era,
            "today": today.isoformat(),
            "months": THAI_MONTH_NAMES if lang == "th" else ENGLISH_MONTH_NAMES,
            "weekdays": WEEKDAYS["th" if lang == "th" else "en"],
            "open": t("picker.open"),
            "previous": t("picker.previous"),
            "next": t("picker.next"),
            "close": t("picker.close"),
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
