"""An activity's commitments (ก่อหนี้ผูกพัน): contracts and purchase orders that bind
part of its allocation before the money is paid.

What the allocation must cover is every commitment (or what was paid against it, if
more) and the spending that drew on none: committing more than is free is refused
(``commitment_within_allocation``), and so is paying more against a commitment than
it holds (``disbursed_within_commitment``). A commitment is put right by a correction
naming its number (0 cancels it), never below what was paid against it.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from domain.activity_state import ActivityState, Commitment, check_in_plan, check_open
from domain.errors import RuleViolation, register_messages
from domain.money import ZERO
from domain.recorded import Byline, Recorded, check_business_date, require_text, trigger
from domain.words import Words


class CommitmentRecorded(Recorded):
    """A contract or purchase order committed part of the allocation."""

    TOPIC = "tidtam.CommitmentRecorded"
    entry: int
    number: str
    """The contract's or purchase order's number (สัญญาเลขที่ / ใบสั่งซื้อเลขที่)."""
    amount: Decimal
    note: str

    def apply(self, activity: ActivityState) -> None:
        activity.ledger.commitments.append(
            Commitment(self.entry, self.number, self.amount, self.occurred_on)
        )


class CommitmentCorrected(Recorded):
    """A commitment's amount was put right (0 cancels it), with the reason why."""

    TOPIC = "tidtam.CommitmentCorrected"
    entry: int
    amount: Decimal
    previous: Decimal
    reason: str

    def apply(self, activity: ActivityState) -> None:
        commitments = activity.ledger.commitments
        commitments[self.entry - 1] = replace(commitments[self.entry - 1], amount=self.amount)


def record_commitment(
    activity: ActivityState, amount: Decimal, *, number: str, note: str = "", by: Byline
) -> None:
    """Commit part of the allocation to a contract or purchase order."""
    check_open(activity, by)
    what = Words("เลขที่สัญญาหรือใบสั่งซื้อ", "the contract or order number")
    named = require_text(number, what=what, field="number")
    if amount <= ZERO:
        raise RuleViolation("commitment_positive", field="amount", amount=amount)
    _check_covered(activity, activity.ledger.obligations + amount, amount)
    entry = len(activity.ledger.commitments) + 1
    trigger(activity, CommitmentRecorded, by, entry=entry, number=named, amount=amount, note=note)


def correct_commitment(
    activity: ActivityState, entry: int, amount: Decimal, *, reason: str | None, by: Byline
) -> None:
    """Put a commitment right: not below what was paid against it, within the allocation."""
    check_business_date(by, activity.fiscal_year)
    check_in_plan(activity)
    why = require_text(
        reason, what=Words("การแก้ไขการก่อหนี้ผูกพัน", "a commitment correction"), field="reason"
    )
    commitment = commitment_of(activity, entry)
    if amount < ZERO:
        raise RuleViolation("allocation_not_negative", field="amount", amount=amount)
    if amount == commitment.amount:
        raise RuleViolation(
            "no_change", field="amount", what=Words("การก่อหนี้ผูกพัน", "the commitment"),
            value=amount,
        )  # fmt: skip
    paid = activity.ledger.paid_against(entry)
    if amount < paid:
        raise RuleViolation("commitment_covers_paid", field="amount", entry=entry, paid=paid,
                            amount=amount)  # fmt: skip
    growth = max(amount, paid) - max(commitment.amount, paid)
    _check_covered(activity, activity.ledger.obligations + growth, growth)
    trigger(activity, CommitmentCorrected, by, entry=entry, amount=amount,
            previous=commitment.amount, reason=why)  # fmt: skip


def commitment_of(activity: ActivityState, entry: int) -> Commitment:
    """Commitment ``entry`` of the activity, or a refusal naming how many it has."""
    commitments = activity.ledger.commitments
    if not 1 <= entry <= len(commitments):
        raise RuleViolation("commitment_unknown", field="commitment", code=activity.code,
                            entry=entry, count=len(commitments))  # fmt: skip
    return commitments[entry - 1]


def check_payment(activity: ActivityState, commitment: int, amount: Decimal) -> None:
    """A payment drawing on ``commitment`` fits in what the commitment still holds."""
    if commitment == 0:
        return
    held = commitment_of(activity, commitment).amount
    paid = activity.ledger.paid_against(commitment)
    if paid + amount > held:
        raise RuleViolation(
            "disbursed_within_commitment", field="amount", entry=commitment, amount=amount,
            held=held, paid=paid, left=held - paid,
        )  # fmt: skip


def _check_covered(activity: ActivityState, obligations: Decimal, amount: Decimal) -> None:
    if obligations > activity.allocation:
        raise RuleViolation(
            "commitment_within_allocation", field="amount", code=activity.code, amount=amount,
            allocation=activity.allocation, bound=activity.ledger.obligations,
            free=activity.allocation - activity.ledger.obligations,
        )  # fmt: skip


register_messages(
    {
        "commitment_positive": (
            "ยอดก่อหนี้ผูกพันต้องมากกว่า 0 บาท (ได้ {amount})",
            "a commitment must be more than 0 baht (got {amount})",
        ),
        "commitment_within_allocation": (
            "ก่อหนี้ผูกพัน {amount} บาทของ {code} เกินงบที่ยังว่าง {free} บาท "
            "(จัดสรร {allocation} บาท ผูกพันและเบิกจ่ายแล้ว {bound} บาท)",
            "committing {amount} on {code} exceeds the {free} still free "
            "(allocated {allocation}, already bound or spent {bound})",
        ),
        "commitment_covers_paid": (
            "สัญญารายการที่ {entry} เบิกจ่ายไปแล้ว {paid} บาท จึงลดเหลือ {amount} บาทไม่ได้",
            "commitment {entry} has {paid} paid against it: it cannot fall to {amount}",
        ),
        "commitment_unknown": (
            "{code} ไม่มีการก่อหนี้ผูกพันรายการที่ {entry} (มี {count} รายการ)",
            "{code} has no commitment {entry} (it has {count})",
        ),
        "disbursed_within_commitment": (
            "เบิกจ่าย {amount} บาทตามสัญญารายการที่ {entry} เกินยอดคงเหลือของสัญญา {left} บาท "
            "(สัญญา {held} บาท เบิกแล้ว {paid} บาท)",
            "paying {amount} against commitment {entry} exceeds the {left} it still holds "
            "(committed {held}, paid {paid})",
        ),
        "allocation_covers_commitments": (
            "งบประมาณของ {code} ลดเหลือ {amount} บาทไม่ได้ เพราะผูกพันและเบิกจ่ายแล้ว {bound} บาท",
            "the allocation of {code} cannot fall to {amount}: {bound} is already bound or spent",
        ),
    }
)
