"""A budget transfer (โอนงบประมาณ): money moved from one project or activity of the plan to
another, with the reason why.

The transfer is an event of the plan, numbered 1, 2, … (from, to, amount, reason); the
changes that carry it out follow in the same transaction as the budget revisions they
are (each naming the transfer in its reason), so every rule of budgets holds on both
sides: the side giving must still cover what is bound and spent (an activity) or what
its activities hold (a project), the side taking must fit its project's budget.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from domain.calendar import FiscalYear
from domain.errors import RuleViolation, register_messages
from domain.money import ZERO
from domain.recorded import Byline, Recorded, check_business_date, require_text, trigger
from domain.words import Words

KINDS = ("activity", "project")


class BudgetTransferred(Recorded):
    """Money was moved between two projects or two activities of the plan."""

    TOPIC = "tidtam.BudgetTransferred"
    number: int
    kind: str
    """``activity`` or ``project``: what the codes name."""
    source: str
    """The code the money left (with its section's key, ``key/code``, where it has one)."""
    target: str
    amount: Decimal
    reason: str

    def apply(self, plan: Transfers) -> None:
        plan.transfers += 1


class Transfers(Protocol):
    fiscal_year: FiscalYear
    transfers: int


def record_transfer(
    plan: Transfers, kind: str, source: str, target: str, amount: Decimal, *,
    reason: str | None, by: Byline,
) -> int:  # fmt: skip
    """Record the transfer (its changes follow it); its number."""
    if kind not in KINDS:
        raise RuleViolation("transfer_kind", field="kind", kind=kind, known=list(KINDS))
    if amount <= ZERO:
        raise RuleViolation("transfer_positive", field="amount", amount=amount)
    if source == target:
        raise RuleViolation("transfer_to_itself", field="target", code=target)
    why = require_text(reason, what=Words("การโอนงบประมาณ", "a budget transfer"), field="reason")
    check_business_date(by, plan.fiscal_year)
    number = plan.transfers + 1
    fields = {"number": number, "kind": kind, "source": source, "target": target,
              "amount": amount, "reason": why}  # fmt: skip
    trigger(plan, BudgetTransferred, by, **fields)  # type: ignore[arg-type]
    return number


register_messages(
    {
        "transfer_kind": (
            "โอนงบประมาณได้ระหว่าง {known} เท่านั้น (ได้ '{kind}')",
            "budgets are transferred between {known} only (got '{kind}')",
        ),
        "transfer_positive": (
            "ยอดโอนต้องมากกว่า 0 บาท (ได้ {amount})",
            "a transfer must be more than 0 baht (got {amount})",
        ),
        "transfer_to_itself": (
            "โอนงบประมาณของ {code} ให้ตัวเองไม่ได้",
            "{code} cannot transfer to itself",
        ),
    }
)
