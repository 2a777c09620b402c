"""Baht amounts: exact decimals with at most two places (satang).

Budgets arrive as ``130,000``, ``130,000.50``, ``๑๓๐,๐๐๐``, `` 50,000 บาท`` or
``30,000.-``; they are kept as :class:`~decimal.Decimal` quantised to satang and
never as floats, so totals add up to the satang the auditor adds up to.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from domain.errors import InputError, Words
from domain.thai import clean_text, to_arabic_digits

SATANG = Decimal("0.01")
ZERO = Decimal("0.00")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_PLAIN = re.compile(r"\d+(\.\d+)?")


def parse_baht(text: str, *, field: str = "amount") -> Decimal:
    """Read an amount of baht, refusing anything that is not one exactly.

    Refused, with a message that quotes the text: negative amounts, NaN and
    infinity, more than two decimal places, misplaced thousands separators,
    two amounts in one cell, and anything else that is not a number.
    """
    cleaned = to_arabic_digits(clean_text(text))
    cleaned = re.sub(r"(บาท|฿|THB|baht)", "", cleaned, flags=re.IGNORECASE).strip()
    cleaned = re.sub(r"\.-$", "", cleaned)  # "30,000.-": whole baht, no satang
    reason: tuple[str, str] | None = None
    if not cleaned:
        reason = ("it is empty", "ไม่มีตัวเลข")
    elif cleaned.startswith("-") or (cleaned.startswith("(") and cleaned.endswith(")")):
        reason = ("amounts cannot be negative", "จำนวนเงินติดลบไม่ได้")
    elif re.search(r"\d\s+\d", cleaned):
        reason = ("it holds more than one amount", "มีจำนวนเงินมากกว่าหนึ่งจำนวน")
    elif cleaned.casefold() in {"nan", "inf", "infinity", "+inf", "snan"}:
        reason = ("it is not a finite number", "ไม่ใช่ตัวเลขจำนวนจริง")
    elif "," in cleaned and not _GROUPED.fullmatch(cleaned):
        reason = ("thousands separators are out of place", "ใส่เครื่องหมายจุลภาคผิดตำแหน่ง")
    elif not _PLAIN.fullmatch(cleaned.replace(",", "")):
        reason = ("it is not a number", "ไม่ใช่ตัวเลข")
    else:
        try:
            amount = Decimal(cleaned.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
            reason = ("it is not a number", "ไม่ใช่ตัวเลข")
        else:
            if amount.as_tuple().exponent < -2:  # type: ignore[operator]
                reason = ("it has more than two decimal places", "มีทศนิยมเกินสองตำแหน่ง")
            else:
                return amount.quantize(SATANG)
    raise InputError("money_format", field=field, text=text, reason=Words(*reason))


Amount = Decimal | int | str
"""An amount of baht as code may pass it: exact kinds only, never a float."""


def baht(value: Amount) -> Decimal:
    """An exact amount from code or stored data (not from people: use `parse_baht`)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise TypeError(f"amounts of baht are Decimal, int or str, not {type(value).__name__}")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not an amount of baht: {value!r}") from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError(f"not an amount of baht: {value!r}")
    return amount.quantize(SATANG)


def format_baht(amount: Decimal) -> str:
    """``130,000`` for whole baht, ``238,613.38`` otherwise (as plans print them)."""
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"
