"""An activity's outputs (ผลผลิต): what it promises to deliver, and what it delivered.

A manager sets the planned output (quantity and unit), often confirming what the plan's
own text proposes (:mod:`domain.outputs`); setting it again says why. Staff record each
delivery as it happens (the second press meeting held), numbered from 1, with its
evidence; a delivery is put right by a correction naming its number (0 voids it).
Reports set what was delivered beside what was planned.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from domain.activity_state import ActivityState, check_in_plan, check_open
from domain.errors import RuleViolation, register_messages
from domain.money import ZERO
from domain.recorded import Byline, Recorded, check_business_date, require_text, trigger
from domain.thai import clean_text
from domain.values import shared_in_copies
from domain.words import Words

UNIT_LIMIT = 50
QUANTITY_LIMIT = Decimal("1000000000")


@shared_in_copies
@dataclass(frozen=True, slots=True)
class Delivery:
    entry: int
    quantity: Decimal
    occurred_on: date


class OutputPlanned(Recorded):
    """The activity's planned output was set (or changed, with the reason why)."""

    TOPIC = "tidtam.OutputPlanned"
    quantity: Decimal
    unit: str
    reason: str

    def apply(self, activity: ActivityState) -> None:
        activity.output = (self.quantity, self.unit)


class OutputDelivered(Recorded):
    """Part of the planned output was delivered."""

    TOPIC = "tidtam.OutputDelivered"
    entry: int
    quantity: Decimal
    note: str
    evidence: str

    def apply(self, activity: ActivityState) -> None:
        activity.deliveries.append(Delivery(self.entry, self.quantity, self.occurred_on))


class DeliveryCorrected(Recorded):
    """A delivery's quantity was put right (0 voids it), with the reason why."""

    TOPIC = "tidtam.DeliveryCorrected"
    entry: int
    quantity: Decimal
    previous: Decimal
    reason: str

    def apply(self, activity: ActivityState) -> None:
        deliveries = activity.deliveries
        deliveries[self.entry - 1] = replace(deliveries[self.entry - 1], quantity=self.quantity)


def plan_output(
    activity: ActivityState, quantity: Decimal, unit: str, *, reason: str | None = None,
    by: Byline,
) -> None:  # fmt: skip
    """Set what the activity is to deliver; a change of a set output needs a reason."""
    check_business_date(by, activity.fiscal_year)
    check_in_plan(activity)
    named = clean_text(unit or "")
    if not named:
        raise RuleViolation("output_unit_required", field="unit")
    if len(named) > UNIT_LIMIT:
        raise RuleViolation("text_too_long", field="unit", limit=UNIT_LIMIT)
    _check_quantity(quantity, positive=True)
    earlier = getattr(activity, "output", None)
    why = ""
    if earlier is not None:
        if earlier == (quantity, named):
            raise RuleViolation(
                "no_change", field="quantity", what=Words("ผลผลิตตามแผน", "the planned output"),
                value=f"{quantity} {named}",
            )  # fmt: skip
        changing = Words("การเปลี่ยนผลผลิตตามแผน", "a change of the planned output")
        why = require_text(reason, what=changing, field="reason")
    fields = {"quantity": quantity, "unit": named, "reason": why}
    trigger(activity, OutputPlanned, by, **fields)


def deliver_output(
    activity: ActivityState, quantity: Decimal, *, note: str = "", evidence: str = "",
    by: Byline,
) -> None:  # fmt: skip
    """Record a delivery of the planned output."""
    check_open(activity, by)
    if getattr(activity, "output", None) is None:
        raise RuleViolation("output_not_planned", field="quantity", code=activity.code)
    _check_quantity(quantity, positive=True)
    entry = len(activity.deliveries) + 1
    fields = {"entry": entry, "quantity": quantity, "note": note, "evidence": evidence}
    trigger(activity, OutputDelivered, by, **fields)


def correct_delivery(
    activity: ActivityState, entry: int, quantity: Decimal, *, reason: str | None, by: Byline
) -> None:
    """Put a delivery's quantity right (0 voids it)."""
    check_business_date(by, activity.fiscal_year)
    why = require_text(reason, what=Words("การแก้ไขผลผลิต", "a delivery correction"),
                       field="reason")  # fmt: skip
    if not 1 <= entry <= len(activity.deliveries):
        raise RuleViolation("delivery_unknown", field="entry", code=activity.code, entry=entry,
                            count=len(activity.deliveries))  # fmt: skip
    _check_quantity(quantity, positive=False)
    previous = activity.deliveries[entry - 1].quantity
    if quantity == previous:
        raise RuleViolation("no_change", field="quantity", what=Words("ผลผลิต", "the delivery"),
                            value=quantity)  # fmt: skip
    fields = {"entry": entry, "quantity": quantity, "previous": previous, "reason": why}
    trigger(activity, DeliveryCorrected, by, **fields)


def _check_quantity(quantity: Decimal, *, positive: bool) -> None:
    if quantity < ZERO or (positive and quantity == ZERO) or quantity > QUANTITY_LIMIT:
        raise RuleViolation("output_quantity", field="quantity", quantity=quantity,
                            limit=QUANTITY_LIMIT)  # fmt: skip


register_messages(
    {
        "output_unit_required": (
            "ต้องระบุหน่วยของผลผลิต เช่น ครั้ง ป้าย แห่ง",
            "name the output's unit, e.g. ครั้ง, ป้าย, แห่ง",
        ),
        "output_quantity": (
            "จำนวนผลผลิตต้องมากกว่า 0 และไม่เกิน {limit} (ได้ {quantity})",
            "an output's quantity must be above 0 and at most {limit} (got {quantity})",
        ),
        "output_not_planned": (
            "กิจกรรม {code} ยังไม่ได้กำหนดผลผลิตตามแผน ให้หัวหน้ากำหนดก่อน",
            "activity {code} has no planned output yet: a manager sets it first",
        ),
        "output_quantity_format": (
            "'{text}' ไม่ใช่จำนวน (เช่น 3 หรือ 1.5)",
            "'{text}' is not a quantity (e.g. 3 or 1.5)",
        ),
        "delivery_unknown": (
            "{code} ไม่มีผลผลิตรายการที่ {entry} (มี {count} รายการ)",
            "{code} has no delivery {entry} (it has {count})",
        ),
    }
)
