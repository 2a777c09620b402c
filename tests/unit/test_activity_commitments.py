"""Commitments (ก่อหนี้ผูกพัน, issue 16): contracts and purchase orders binding part of an
activity's allocation before it is paid. Activity 1.2 of the small plan holds 100,000.

Every test runs on each backend, as ``test_activity_rules`` says.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from application.tracker import Tracker
from tests.unit.activity_helpers import MANAGER, STAFF, code, events_of, refused

ON = date(2009, 1, 20)


def test_a_commitment_binds_the_allocation_and_payments_draw_on_it(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.record_commitment(a, "60000", number="สัญญาจ้างเลขที่ 12/2552", actor=STAFF,
                              occurred_on=ON)  # fmt: skip
    tracker.record_expenditure(a, "25000", commitment=1, actor=STAFF, occurred_on=ON)
    ledger = tracker.get_activity(a).ledger
    assert (ledger.paid_against(1), ledger.obligations) == (Decimal("25000"), Decimal("60000"))
    # the contract holds 35,000 more: paying 35,000.01 against it is refused
    left = refused("disbursed_within_commitment", tracker.record_expenditure, a, "35000.01",
                   commitment=1, actor=STAFF, occurred_on=ON)  # fmt: skip
    assert left.values["left"] == Decimal("35000.00")
    # 40,000 is free: spending 40,000.01 outside the contract is refused, 40,000 is not
    free = refused("spent_within_allocation", tracker.record_expenditure, a, "40000.01",
                   actor=STAFF, occurred_on=ON)  # fmt: skip
    assert free.values["remaining"] == Decimal("40000.00")
    refused("commitment_within_allocation", tracker.record_commitment, a, "40000.01",
            number="ใบสั่งซื้อ 3/2552", actor=STAFF, occurred_on=ON)  # fmt: skip
    tracker.record_expenditure(a, "40000", actor=STAFF, occurred_on=ON)
    refused("commitment_unknown", tracker.record_expenditure, a, "1", commitment=2,
            actor=STAFF, occurred_on=ON)  # fmt: skip
    assert events_of(tracker, a)[-4:] == [  # the first payment starts the work
        "CommitmentRecorded", "ActivityStarted", "ExpenditureRecorded", "ExpenditureRecorded",
    ]  # fmt: skip


def test_a_commitment_is_corrected_never_below_what_was_paid(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.record_commitment(a, "60000", number="12/2552", actor=STAFF, occurred_on=ON)
    tracker.record_expenditure(a, "25000", commitment=1, actor=STAFF, occurred_on=ON)
    refused("reason_required", tracker.correct_commitment, a, 1, "30000", reason=None,
            actor=MANAGER)  # fmt: skip
    refused("commitment_covers_paid", tracker.correct_commitment, a, 1, "24999.99",
            reason="ลดงาน", actor=MANAGER)  # fmt: skip
    tracker.correct_commitment(a, 1, "30000", reason="ลดขอบเขตงาน", actor=MANAGER)
    assert tracker.get_activity(a).ledger.obligations == Decimal("30000.00")
    # the allocation may not fall below what is bound and spent
    refused("allocation_covers_commitments", tracker.revise_budget, a, "29999.99",
            reason="โอนออก", actor=MANAGER)  # fmt: skip
    tracker.revise_budget(a, "30000", reason="โอนออก", actor=MANAGER)


def test_a_commitment_names_its_contract_and_a_positive_amount(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.2")
    refused("reason_required", tracker.record_commitment, a, "1000", number="  ",
            actor=STAFF, occurred_on=ON)  # fmt: skip
    refused("commitment_positive", tracker.record_commitment, a, "0", number="1/2552",
            actor=STAFF, occurred_on=ON)  # fmt: skip
    assert "CommitmentRecorded" not in events_of(tracker, a)


def test_a_project_names_its_funding_source_and_a_change_says_why(
    tracker: Tracker, plan_id: UUID
) -> None:
    tracker.set_funding_source(plan_id, "1", "  เงินสะสม ", actor=MANAGER)
    assert tracker.find_project(plan_id, "1").funding_source == "เงินสะสม"
    refused("no_change", tracker.set_funding_source, plan_id, "1", "เงินสะสม", actor=MANAGER)
    refused("reason_required", tracker.set_funding_source, plan_id, "1", "เงินอุดหนุนเฉพาะกิจ",
            actor=MANAGER)  # fmt: skip
    refused("funding_source_required", tracker.set_funding_source, plan_id, "1", " ",
            actor=MANAGER)  # fmt: skip
    tracker.set_funding_source(plan_id, "1", "เงินอุดหนุนเฉพาะกิจ", reason="ได้รับอุดหนุน",
                               actor=MANAGER)  # fmt: skip
    assert tracker.find_project(plan_id, "1").funding_source == "เงินอุดหนุนเฉพาะกิจ"
