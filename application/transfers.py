"""The tracker's part about budget transfers (โอนงบประมาณ) between two activities or two
projects of a plan; a part of :class:`~application.tracker.Tracker`, kept apart for
size. The transfer is an event of the plan; the revisions that carry it out are saved
with it in one transaction, so either both sides move or neither does."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Protocol, Unpack
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.outcome import Outcome, When
from domain.activity import Activity
from domain.money import Amount, baht
from domain.plan import Plan, Project
from domain.plan_transfers import record_transfer
from domain.recorded import Byline


class FindsAndDecides(Protocol):
    def decide_plan(
        self, plan_id: UUID, when: When, decide: Callable[..., list[Aggregate] | None]
    ) -> Outcome: ...
    def find_activity(self, plan_id: UUID, code: str, section: str | None = None) -> Activity: ...
    def find_project(self, plan_id: UUID, code: str, section: str | None = None) -> Project: ...
    def get_project(self, project_id: UUID) -> Project: ...


class BudgetTransfers:
    """Budget transfers (mixed into the tracker)."""

    def transfer_budget(
        self: FindsAndDecides, plan_id: UUID, kind: str, source: str, target: str,
        amount: Amount, *, reason: str | None, source_section: str | None = None,
        target_section: str | None = None, **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """Move ``amount`` from activity (or project) ``source`` to ``target``."""
        exact = baht(amount)
        finder = self.find_project if kind == "project" else self.find_activity

        def decide(plan: Plan, *, by: Byline) -> list[Aggregate]:
            giving = finder(plan_id, source, source_section)
            taking = finder(plan_id, target, target_section)
            source_name, target_name = _named(plan, giving), _named(plan, taking)
            number = record_transfer(plan, kind, source_name, target_name, exact,
                                     reason=reason, by=by)  # fmt: skip
            why = f"โอนงบประมาณครั้งที่ {number} ({source_name} → {target_name}): {reason}"
            if isinstance(giving, Project) and isinstance(taking, Project):
                return _between_projects(giving, taking, exact, why, by)
            assert isinstance(giving, Activity) and isinstance(taking, Activity)
            return _between_activities(self, giving, taking, exact, why, by)

        return self.decide_plan(plan_id, when, decide)


def _named(plan: Plan, item: Activity | Project) -> str:
    """``1.2``, or ``ยุทธศาสตร์ที่ 5 › 3.5 › 1.2`` where the plan has several sections
    (every section numbers its projects from 1)."""
    if len(plan.sections) > 1 and item.section in plan.sections:
        return f"{plan.sections[item.section].path} › {item.code}"
    return item.code


def _between_projects(
    giving: Project, taking: Project, amount: Decimal, why: str, by: Byline
) -> list[Aggregate]:
    giving.revise_budget(giving.budget - amount, reason=why, by=by)
    taking.revise_budget(taking.budget + amount, reason=why, by=by)
    return [giving, taking]


def _between_activities(
    tracker: FindsAndDecides, giving: Activity, taking: Activity, amount: Decimal, why: str,
    by: Byline,
) -> list[Aggregate]:  # fmt: skip
    """The giving activity's allocation falls (its project's ledger with it); across
    projects the budgets follow the money; then the taking activity's allocation rises."""
    gives = tracker.get_project(giving.project_id)
    giving.revise_budget(giving.allocation - amount, reason=why, by=by)
    gives.reserve(giving.id, giving.code, giving.allocation, by=by)
    takes = gives
    if taking.project_id != giving.project_id:
        takes = tracker.get_project(taking.project_id)
        gives.revise_budget(gives.budget - amount, reason=why, by=by)
        takes.revise_budget(takes.budget + amount, reason=why, by=by)
    taking.revise_budget(taking.allocation + amount, reason=why, by=by)
    takes.reserve(taking.id, taking.code, taking.allocation, by=by)
    return [giving, taking, gives, *([takes] if takes is not gives else [])]
