"""Baht amounts: exact decimals with at most two places (satang).

Budgets arrive as ``130,000``, ``130,000.50``, ``๑๓๐,๐๐๐``, `` 50,000 บาท`` or
``30,000.-``; they are kept as :class:`~decimal.Decimal` quantised to satang and
never as floats, so totals add up to the satang the auditor adds up to.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

SATANG = Decimal("0.01")
ZERO = Decimal("0.00")


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
