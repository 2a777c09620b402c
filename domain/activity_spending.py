"""An activity's money: its allocation, revised by managers, and the spending against it.

The total spent may never exceed the allocation, nor the allocation fall below
what is spent. A spending entry is put right by a correction naming its number
(0 voids it); revisions and corrections are allowed on a closed activity too.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from domain.activity_commitments import check_payment
from domain.activity_flags import resolve_where
from domain.activity_lifecycle import start_implicitly
from domain.activity_state import ActivityState, Expenditure, check_in_plan, check_open
from domain.errors import RuleViolation
from domain.flags import Rule
from domain.money import ZERO
from domain.recorded import Byline, Recorded, check_business_date, require_text, trigger
from domain.words import Words


class BudgetAllocated(Recorded):
    """The plan's budget for the activity was set (the original allocation)."""

    TOPIC = "tidtam.BudgetAllocated"
    amount: Decimal

    def apply(self, activity: ActivityState) -> None:
        activity.original_allocation = self.amount
        activity.allocation = self.amount
        activity.documented_allocation = self.amount


def allocate(activity: ActivityState, amount: Decimal, *, by: Byline) -> None:
    """Set the original allocation; the plan's project checks it fits its budget."""
    trigger(activity, BudgetAllocated, by, amount=amount)


class BudgetRevised(Recorded):
    """The allocation was changed; the original stays visible beside it."""

    TOPIC = "tidtam.BudgetRevised"
    class_version = 2
    amount: Decimal
    previous: Decimal
    reason: str
    revision: int | None
    """The plan revision that made the change; None: a manager's, between revisions."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Revisions were not recorded before version 2: every change was a manager's."""
        state["revision"] = None

    def apply(self, activity: ActivityState) -> None:
        activity.allocation = self.amount
        if self.revision is not None:
            activity.documented_allocation = self.amount


def revise_budget(
    activity: ActivityState,
    amount: Decimal,
    *,
    reason: str | None,
    by: Byline,
    revision: int | None = None,
) -> None:
    """Change the allocation; it may not fall below what is already spent.

    Allowed on a closed activity too: returning what a finished or cancelled
    activity did not spend to its project is an administrative correction.
    """
    check_business_date(by, activity.fiscal_year)
    check_in_plan(activity)
    why = require_text(reason, what=Words("การปรับงบประมาณ", "a budget revision"), field="reason")
    if amount < ZERO:
        raise RuleViolation("allocation_not_negative", field="amount", amount=amount)
    if amount == activity.allocation and revision is None:  # a revision may confirm one
        raise RuleViolation(
            "no_change", field="amount", what=Words("งบประมาณ", "the allocation"), value=amount
        )
    if amount < activity.spent:
        raise RuleViolation(
            "allocation_covers_spent",
            field="amount",
            code=activity.code,
            spent=activity.spent,
            amount=amount,
        )
    if amount < activity.ledger.obligations:
        raise RuleViolation(
            "allocation_covers_commitments", field="amount", code=activity.code,
            bound=activity.ledger.obligations, amount=amount,
        )  # fmt: skip
    trigger(
        activity, BudgetRevised, by,
        amount=amount, previous=activity.allocation, reason=why, revision=revision,
    )  # fmt: skip
    resolve_where(activity, "budget_revised", by, rule=Rule.OVER_BUDGET_RISK)


class ExpenditureRecorded(Recorded):
    """Money was spent from the activity's allocation."""

    TOPIC = "tidtam.ExpenditureRecorded"
    class_version = 2
    entry: int
    amount: Decimal
    reference: str
    note: str
    commitment: int
    """The commitment it pays against, by number; 0: none."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Commitments were not recorded before version 2: nothing drew on one."""
        state["commitment"] = 0

    def apply(self, activity: ActivityState) -> None:
        activity.ledger.entries.append(
            Expenditure(self.entry, self.amount, self.reference, self.occurred_on, self.commitment)
        )


def record_expenditure(
    activity: ActivityState,
    amount: Decimal,
    *,
    reference: str = "",
    note: str = "",
    commitment: int = 0,
    by: Byline,
) -> None:
    """Spend from the allocation, perhaps paying against a commitment; the total spent
    may not exceed the allocation, nor a commitment's payments the commitment, nor what
    is bound and spent the allocation."""
    check_open(activity, by)
    if amount <= ZERO:
        raise RuleViolation("expenditure_positive", field="amount", amount=amount)
    _check_within_allocation(activity, activity.spent + amount, amount)
    check_payment(activity, commitment, amount)
    if commitment == 0 and activity.ledger.obligations + amount > activity.allocation:
        free = activity.allocation - activity.ledger.obligations
        raise RuleViolation(
            "spent_within_allocation", field="amount", amount=amount, code=activity.code,
            allocation=activity.allocation, spent=activity.spent, remaining=free,
        )  # fmt: skip
    start_implicitly(activity, by)
    trigger(
        activity,
        ExpenditureRecorded,
        by,
        entry=len(activity.ledger.entries) + 1,
        amount=amount,
        reference=reference,
        note=note,
        commitment=commitment,
    )


class ExpenditureCorrected(Recorded):
    """A spending entry's amount was put right (0 voids it), with the reason why."""

    TOPIC = "tidtam.ExpenditureCorrected"
    entry: int
    amount: Decimal
    previous: Decimal
    reason: str

    def apply(self, activity: ActivityState) -> None:
        entries = activity.ledger.entries
        entries[self.entry - 1] = replace(entries[self.entry - 1], amount=self.amount)


def correct_expenditure(
    activity: ActivityState,
    entry: int,
    amount: Decimal,
    *,
    reason: str | None,
    by: Byline,
) -> None:
    """Put a spending entry right (a correction is allowed on a closed activity too)."""
    check_business_date(by, activity.fiscal_year)
    why = require_text(
        reason, what=Words("การแก้ไขรายการเบิกจ่าย", "an expenditure correction"), field="reason"
    )
    entries = activity.ledger.entries
    if not 1 <= entry <= len(entries):
        raise RuleViolation(
            "expenditure_entry_unknown",
            field="entry",
            code=activity.code,
            entry=entry,
            count=len(entries),
        )
    if amount < ZERO:
        raise RuleViolation("allocation_not_negative", field="amount", amount=amount)
    previous = entries[entry - 1].amount
    if amount == previous:
        raise RuleViolation(
            "no_change", field="amount", what=Words("รายการ", "the entry"), value=amount
        )
    _check_within_allocation(activity, activity.spent - previous + amount, amount - previous)
    trigger(
        activity,
        ExpenditureCorrected,
        by,
        entry=entry,
        amount=amount,
        previous=previous,
        reason=why,
    )


def _check_within_allocation(activity: ActivityState, new_total: Decimal, amount: Decimal) -> None:
    if new_total > activity.allocation:
        raise RuleViolation(
            "spent_within_allocation",
            field="amount",
            amount=amount,
            code=activity.code,
            allocation=activity.allocation,
            spent=activity.spent,
            remaining=activity.remaining,
        )
