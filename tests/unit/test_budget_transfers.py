"""Budget transfers (โอนงบประมาณ, issue 16) in the small plan: project 1 (130,000) holds
1.1 (30,000) and 1.2 (100,000); project 2 (150,000) holds 2.1 (100,000) and 2.2 (50,000).

Every test runs on each backend, as ``test_activity_rules`` says.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from application.tracker import Tracker
from tests.unit.activity_helpers import MANAGER, STAFF, code, refused

ON = date(2009, 1, 20)


def _allocations(tracker: Tracker, plan_id: UUID) -> dict[str, Decimal]:
    return {c: tracker.find_activity(plan_id, c).allocation for c in ("1.1", "1.2", "2.1", "2.2")}


def test_within_a_project_only_the_allocations_move(tracker: Tracker, plan_id: UUID) -> None:
    outcome = tracker.transfer_budget(plan_id, "activity", "1.2", "1.1", "20000",
                                      reason="ขยายการประชุม", actor=MANAGER)  # fmt: skip
    assert outcome.events == ("BudgetTransferred",)
    assert _allocations(tracker, plan_id) == {
        "1.1": Decimal("50000.00"), "1.2": Decimal("80000.00"),
        "2.1": Decimal("100000.00"), "2.2": Decimal("50000.00"),
    }  # fmt: skip
    project = tracker.find_project(plan_id, "1")
    assert (project.budget, project.allocated) == (Decimal("130000.00"), Decimal("130000.00"))
    reasons = [getattr(e, "reason", "") for e in tracker.history(code(tracker, plan_id, "1.1"))]
    assert reasons[-1] == "โอนงบประมาณครั้งที่ 1 (1.2 → 1.1): ขยายการประชุม"


def test_across_projects_the_budgets_follow_the_money(tracker: Tracker, plan_id: UUID) -> None:
    tracker.transfer_budget(plan_id, "activity", "2.2", "1.1", "10000", reason="ย้ายงาน",
                            actor=MANAGER)  # fmt: skip
    assert tracker.find_project(plan_id, "1").budget == Decimal("140000.00")
    assert tracker.find_project(plan_id, "2").budget == Decimal("140000.00")
    assert _allocations(tracker, plan_id)["2.2"] == Decimal("40000.00")
    # a project gives only what its activities do not hold: 10,000 freed by a revision
    tracker.revise_project_budget(plan_id, "2", "150000", reason="งบเพิ่มเติม", actor=MANAGER)
    tracker.transfer_budget(plan_id, "project", "2", "1", "5000", reason="สำรองงบ",
                            actor=MANAGER)  # fmt: skip
    assert tracker.find_project(plan_id, "1").budget == Decimal("145000.00")
    assert tracker.find_project(plan_id, "2").budget == Decimal("145000.00")
    assert tracker.get_plan(plan_id).transfers == 2


def test_each_side_stays_covered_or_nothing_moves(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.record_expenditure(a, "25000", actor=STAFF, occurred_on=ON)
    before = _allocations(tracker, plan_id), tracker.get_plan(plan_id).version
    refused("allocation_covers_spent", tracker.transfer_budget, plan_id, "activity", "1.1",
            "1.2", "5000.01", reason="x", actor=MANAGER)  # fmt: skip
    # project 2's activities hold all of its 150,000: it has none to give
    refused("project_budget_covers_allocations", tracker.transfer_budget, plan_id, "project",
            "2", "1", "1", reason="x", actor=MANAGER)  # fmt: skip
    refused("transfer_to_itself", tracker.transfer_budget, plan_id, "activity", "1.1", "1.1",
            "1", reason="x", actor=MANAGER)  # fmt: skip
    refused("reason_required", tracker.transfer_budget, plan_id, "activity", "1.2", "1.1", "1",
            reason=" ", actor=MANAGER)  # fmt: skip
    refused("transfer_positive", tracker.transfer_budget, plan_id, "activity", "1.2", "1.1",
            "0", reason="x", actor=MANAGER)  # fmt: skip
    assert (_allocations(tracker, plan_id), tracker.get_plan(plan_id).version) == before
