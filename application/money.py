"""The tracker's part about money bound before it is paid: commitments (ก่อหนี้ผูกพัน).
A part of :class:`~application.tracker.Tracker`, kept apart for size; each command is
an activity command decided and saved as every other."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, Unpack
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.outcome import Outcome, When
from domain.activity import Activity
from domain.money import Amount, baht
from domain.recorded import Byline


class DecidesActivities(Protocol):
    def decide_activity(
        self,
        activity_id: UUID,
        when: When,
        decide: Callable[[Activity, Byline], list[Aggregate] | None],
    ) -> Outcome: ...


class ActivityMoney:
    """Commitments on an activity (mixed into the tracker)."""

    def record_commitment(
        self: DecidesActivities, activity_id: UUID, amount: Amount, *, number: str,
        note: str = "", **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """Commit part of the allocation to a contract or purchase order (its number)."""
        exact = baht(amount)
        return self.decide_activity(
            activity_id, when,
            lambda a, by: a.record_commitment(exact, number=number, note=note, by=by),
        )  # fmt: skip

    def correct_commitment(
        self: DecidesActivities, activity_id: UUID, entry: int, amount: Amount, *,
        reason: str | None, **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """Put a commitment's amount right (0 cancels it), with the reason why."""
        exact = baht(amount)
        return self.decide_activity(
            activity_id, when,
            lambda a, by: a.correct_commitment(entry, exact, reason=reason, by=by),
        )  # fmt: skip
