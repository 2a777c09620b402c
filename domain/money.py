"""Baht amounts: exact decimals with at most two places (satang).

Amounts are kept as :class:`~decimal.Decimal` quantised to satang and never as
floats, so totals add up to the satang the auditor adds up to. What people type
(``130,000.50``, ``๑๓๐,๐๐๐ บาท``, ``30,000.-``) is read by :mod:`domain.parsing`.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

SATANG = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_DIGITS = 12
"""Whole-baht digits an amount may have: up to 999,999,999,999.99 baht, beyond any Thai
local budget (Bangkok's is under 10^11). Anything longer is a typing slip, or an attack:
refused before it is arithmetic."""
MAX_BAHT = Decimal(10**MAX_DIGITS) - SATANG


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
    if abs(amount) > MAX_BAHT:
        raise ValueError(f"more than {MAX_DIGITS} digits of baht: {value!r}")
    return amount.quantize(SATANG)


def format_baht(amount: Decimal) -> str:
    """``130,000`` for whole baht, ``238,613.38`` otherwise (as plans print them)."""
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"
