"""The tracker's part about outputs (ผลผลิต): planned by a manager, delivered by staff.
A part of :class:`~application.tracker.Tracker`, kept apart for size; each command is an
activity command decided and saved as every other."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Unpack
from uuid import UUID

from application.money import DecidesActivities
from application.outcome import Outcome, When
from domain.errors import InputError


def quantity_of(value: Decimal | int | str) -> Decimal:
    """A quantity as typed or given (``3``, ``1.5``); floats are refused as amounts are."""
    if isinstance(value, float):
        raise TypeError("quantities are exact: pass a Decimal, an int or a string")
    try:
        return Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise InputError("output_quantity_format", field="quantity", text=str(value)) from None


class ActivityOutputs:
    """Outputs planned and delivered on an activity (mixed into the tracker)."""

    def plan_output(
        self: DecidesActivities, activity_id: UUID, quantity: Decimal | int | str, unit: str,
        *, reason: str | None = None, **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """Set what the activity is to deliver (a manager's; a change says why)."""
        exact = quantity_of(quantity)
        return self.decide_activity(
            activity_id, when, lambda a, by: a.plan_output(exact, unit, reason=reason, by=by)
        )

    def deliver_output(
        self: DecidesActivities, activity_id: UUID, quantity: Decimal | int | str, *,
        note: str = "", evidence: str = "", **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """Record a delivery of the activity's planned output."""
        exact = quantity_of(quantity)
        return self.decide_activity(
            activity_id, when,
            lambda a, by: a.deliver_output(exact, note=note, evidence=evidence, by=by),
        )  # fmt: skip

    def correct_delivery(
        self: DecidesActivities, activity_id: UUID, entry: int, quantity: Decimal | int | str,
        *, reason: str | None, **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """Put a delivery's quantity right (0 voids it), with the reason why."""
        exact = quantity_of(quantity)
        return self.decide_activity(
            activity_id, when, lambda a, by: a.correct_delivery(entry, exact, reason=reason, by=by)
        )
