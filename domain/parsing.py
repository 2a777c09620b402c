"""Reading what people type: months, business dates and amounts of baht, exactly or
refused with the rule and the text quoted.

People write ``ม.ค. 2552``, ``31/01/2552``, ``๑๓๐,๐๐๐ บาท``; code and storage use CE
months, ISO dates and :class:`~decimal.Decimal` baht. Nothing here guesses: what
cannot be read exactly is an :class:`~domain.errors.InputError`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from domain.calendar import (
    BE_OFFSET,
    EARLIEST_YEAR,
    LATEST_YEAR,
    FiscalYear,
    Month,
    month_number,
    representable,
)
from domain.errors import InputError, register_messages
from domain.money import MAX_BAHT, MAX_DIGITS, SATANG
from domain.thai import clean_text, to_arabic_digits
from domain.words import Words

_LONGEST_AMOUNT = 64
"""Characters an amount's text may have (``999,999,999,999.99 บาท`` is 22): longer text
is refused before any pattern reads it."""
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_PLAIN = re.compile(r"\d+(\.\d+)?")


def parse_month(text: str, fiscal_year: FiscalYear | None = None) -> Month:
    """Read a month as a person or a system writes it.

    ``2009-01`` (ISO, CE); ``ม.ค. 2552``, ``ม.ค.52``, ``มกราคม ๒๕๕๒`` (Thai, BE);
    ``Jan 2009`` (English, CE); or a bare month name, placed in ``fiscal_year``.
    """
    raw = text
    text = to_arabic_digits(clean_text(text))
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        try:
            return Month.from_iso(text)
        except ValueError:
            pass
    else:
        match = re.fullmatch(r"(.*?)[\s.]*(\d{2}|\d{4})?", text)
        assert match is not None  # the pattern matches any string
        name, year_text = match.group(1), match.group(2)
        number = month_number(name)
        if number is not None:
            if year_text is None:
                if fiscal_year is not None:
                    return fiscal_year.month(number)
            else:
                year = int(year_text)
                is_thai = not name.isascii()
                if len(year_text) == 2:
                    year += 2500 if is_thai else 2000
                if year >= 2400:
                    year -= BE_OFFSET
                try:
                    return Month(year, number)
                except ValueError:
                    pass
    raise InputError(
        "month_format",
        field="month",
        text=raw,
    )


def parse_date(text: str, *, field: str = "occurred_on") -> date:
    """Read a business date: ``2009-01-31`` (ISO, CE), ``31/01/2552`` or
    ``31 ม.ค. 2552`` (Thai, BE; Thai digits welcome)."""
    cleaned = to_arabic_digits(clean_text(text))
    day: date | None = None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
            day = date.fromisoformat(cleaned)
        elif match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", cleaned):
            d, m, y = (int(g) for g in match.groups())
            day = date(y - BE_OFFSET if y >= 2400 else y, m, d)
        elif match := re.fullmatch(r"(\d{1,2})\s*(\D+?)\s*(\d{2}|\d{4})", cleaned):
            number = month_number(match.group(2))
            if number is not None:
                y = int(match.group(3))
                y = y + 2500 if y < 100 else y
                day = date(y - BE_OFFSET if y >= 2400 else y, number, int(match.group(1)))
    except ValueError:
        day = None
    if day is None:
        raise InputError("date_format", field=field, text=text)
    return checked_date(day, field=field)


def checked_date(day: date, *, field: str) -> date:
    """``day``, refused unless it lies in the years Tidtam represents."""
    if not representable(day):
        raise _out_of_range(day, field, EARLIEST_YEAR, LATEST_YEAR)
    return day


def _out_of_range(day: date, field: str, first: int, last: int) -> InputError:
    return InputError(
        "date_out_of_range", field=field, day=day, first=first, last=last,
        first_be=first + BE_OFFSET, last_be=last + BE_OFFSET,
    )  # fmt: skip


def checked_instant(moment: datetime, *, field: str) -> datetime:
    """``moment``, refused unless it lies inside the years Tidtam represents with a year
    to spare, so it stays inside them in UTC and in Bangkok alike (9999-12-31T23:59Z
    overflowed when moved seven hours on)."""
    first, last = EARLIEST_YEAR + 1, LATEST_YEAR - 1
    if not first <= moment.year <= last:
        raise _out_of_range(moment.date(), field, first, last)
    return moment


def parse_whole(text: str, *, field: str, maximum: int) -> int:
    """A whole number from ``0`` to ``maximum`` (Thai digits welcome), or ``whole_format``.

    Digits are counted before they are converted: a 5,000-digit "number" is refused
    as text, never handed to ``int`` (which refuses beyond 4,300 digits itself).
    """
    cleaned = to_arabic_digits(text.strip())
    if (
        not cleaned.isascii()
        or not cleaned.isdigit()
        or len(cleaned) > len(str(maximum))
        or int(cleaned) > maximum
    ):
        raise InputError("whole_format", field=field, text=text[:40], maximum=maximum)
    return int(cleaned)


def parse_baht(text: str, *, field: str = "amount") -> Decimal:
    """Read an amount of baht, refusing anything that is not one exactly.

    Refused, with a message that quotes the text: negative amounts, NaN and
    infinity, more than two decimal places, misplaced thousands separators,
    two amounts in one cell, and anything else that is not a number.
    """
    if len(text) > _LONGEST_AMOUNT:
        too_long = Words(
            f"ยาวเกิน {_LONGEST_AMOUNT} ตัวอักษร", f"longer than {_LONGEST_AMOUNT} characters"
        )
        raise InputError("money_format", field=field, text=text[:40] + "…", reason=too_long)
    cleaned = to_arabic_digits(clean_text(text))
    cleaned = re.sub(r"(บาท|฿|THB|baht)", "", cleaned, flags=re.IGNORECASE).strip()
    cleaned = re.sub(r"\.-$", "", cleaned)  # "30,000.-": whole baht, no satang
    reason: Words | None = None
    if not cleaned:
        reason = Words("ไม่มีตัวเลข", "it is empty")
    elif cleaned.startswith("-") or (cleaned.startswith("(") and cleaned.endswith(")")):
        reason = Words("จำนวนเงินติดลบไม่ได้", "amounts cannot be negative")
    elif re.search(r"\d\s+\d", cleaned):
        reason = Words("มีจำนวนเงินมากกว่าหนึ่งจำนวน", "it holds more than one amount")
    elif cleaned.casefold() in {"nan", "inf", "infinity", "+inf", "snan"}:
        reason = Words("ไม่ใช่ตัวเลขจำนวนจริง", "it is not a finite number")
    elif "," in cleaned and not _GROUPED.fullmatch(cleaned):
        reason = Words("ใส่เครื่องหมายจุลภาคผิดตำแหน่ง", "thousands separators are out of place")
    elif not _PLAIN.fullmatch(cleaned.replace(",", "")):
        reason = Words("ไม่ใช่ตัวเลข", "it is not a number")
    else:
        try:
            amount = Decimal(cleaned.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
            reason = Words("ไม่ใช่ตัวเลข", "it is not a number")
        else:
            if amount.as_tuple().exponent < -2:  # type: ignore[operator]
                reason = Words("มีทศนิยมเกินสองตำแหน่ง", "it has more than two decimal places")
            elif amount > MAX_BAHT:
                reason = Words(
                    f"เกิน {MAX_DIGITS} หลัก (สูงสุด {MAX_BAHT:,} บาท)",
                    f"more than {MAX_DIGITS} digits (at most {MAX_BAHT:,} baht)",
                )
            else:
                return amount.quantize(SATANG)
    raise InputError("money_format", field=field, text=text, reason=reason)


register_messages(
    {
        "date_out_of_range": (
            "วันที่ {day} อยู่นอกช่วงที่ระบบรองรับ (พ.ศ. {first_be}–{last_be})",
            "the date {day} lies outside the years Tidtam represents ({first}–{last} CE)",
        ),
        "whole_format": (
            "'{text}' ไม่ใช่จำนวนเต็มตั้งแต่ 0 ถึง {maximum}",
            "'{text}' is not a whole number from 0 to {maximum}",
        ),
    }
)
