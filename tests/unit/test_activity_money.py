"""Money: spending within the allocation, allocations within the project's budget,
amounts exact to the satang.

Every test runs on each backend, as ``test_activity_rules`` says.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from application.tracker import Tracker
from tests.unit.activity_helpers import MANAGER, STAFF, code, events_of, refused


def test_amounts_from_scripts_are_kept_exact_to_the_satang(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.record_expenditure(a, 28000, actor=STAFF, occurred_on=date(2009, 1, 5))
    tracker.correct_expenditure(a, 1, "27999.5", actor=STAFF, reason="ใบเสร็จจริง")
    tracker.revise_budget(a, 90000, actor=MANAGER, reason="เพิ่มงบ")
    [spent, corrected] = [
        e
        for e in tracker.history(a)
        if type(e).__name__ in ("ExpenditureRecorded", "ExpenditureCorrected")
    ]
    assert [str(spent.amount), str(corrected.amount)] == ["28000.00", "27999.50"]  # type: ignore[attr-defined]
    assert tracker.get_activity(a).allocation == Decimal("90000.00")
    with pytest.raises(TypeError):
        tracker.record_expenditure(a, 0.1, actor=STAFF)  # type: ignore[arg-type]
    assert tracker.get_activity(a).spent == Decimal("27999.50")  # the float left nothing


# ------------------------------------------------------------------ money


def test_expenditure_must_be_positive(tracker: Tracker, plan_id: UUID) -> None:
    for amount in (Decimal("0"), Decimal("-5")):
        refused(
            "expenditure_positive",
            tracker.record_expenditure,
            code(tracker, plan_id, "2.2"),
            amount,
            actor=STAFF,
        )


def test_spending_beyond_the_allocation_says_what_remains(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "2.2")
    tracker.record_expenditure(a, Decimal("45000.50"), actor=STAFF, reference="ฎ.12/52")
    error = refused(
        "spent_within_allocation", tracker.record_expenditure, a, Decimal("5000"), actor=STAFF
    )
    assert error.values["remaining"] == Decimal("4999.50")
    assert "4,999.50" in str(error) and "คงเหลือ 4,999.50 บาท" in error.message("th")
    tracker.record_expenditure(a, Decimal("4999.50"), actor=STAFF)
    assert tracker.get_activity(a).remaining == Decimal("0.00")


def test_allocations_never_exceed_the_project_budget(tracker: Tracker, plan_id: UUID) -> None:
    a11, a12 = code(tracker, plan_id, "1.1"), code(tracker, plan_id, "1.2")
    error = refused(
        "allocation_within_project_budget",
        tracker.revise_budget,
        a11,
        Decimal("30000.01"),
        actor=MANAGER,
        reason="เพิ่ม",
    )
    assert error.values["remaining"] == Decimal("30000.00")
    assert events_of(tracker, a11)[-1] == "BudgetAllocated"  # nothing appended
    tracker.revise_budget(a12, Decimal("90000"), actor=MANAGER, reason="โอนให้ 1.1")
    tracker.revise_budget(a11, Decimal("40000"), actor=MANAGER, reason="รับโอนจาก 1.2")
    activity = tracker.get_activity(a11)
    assert (activity.original_allocation, activity.allocation) == (
        Decimal("30000.00"),
        Decimal("40000.00"),
    )


def test_an_allocation_cannot_fall_below_what_is_spent(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "2.2")
    tracker.record_expenditure(a, Decimal("20000"), actor=STAFF)
    refused(
        "allocation_covers_spent",
        tracker.revise_budget,
        a,
        Decimal("19999.99"),
        actor=MANAGER,
        reason="ลด",
    )
    refused(
        "reason_required", tracker.revise_budget, a, Decimal("25000"), actor=MANAGER, reason=None
    )
