"""Budget cells: amounts of baht as plans type them, and the dashes that mean "none".

A plan writes ``130,000``, ``๑๓๐,๐๐๐ บาท`` or ``30,000.-`` for an amount, and ``-`` or
``ไม่ใช้งบประมาณ`` where an activity spends nothing. The amount itself is read by
:func:`domain.parsing.parse_baht`; a refusal is raised again with its cell's place.
"""

from __future__ import annotations

from decimal import Decimal

from domain.errors import InputError
from domain.money import ZERO
from domain.parsing import parse_baht
from domain.plan_table.errors import Locator
from domain.thai import name_key

NONE = frozenset({"-", "–", "—", "ไม่ใช้งบประมาณ", "ไม่ใช้งบ"})
"""Cell texts (compared by `name_key`) that say an activity has no budget."""


def read_budget(text: str, where: Locator, row: int, column: int) -> Decimal:
    """The amount in a budget cell at ``row``, ``column``; refused naming that cell."""
    if name_key(text) in NONE:
        return ZERO
    try:
        return parse_baht(text, field="budget")
    except InputError as error:
        raise where.error(error.rule, row, column, field="budget", **error.values) from error
