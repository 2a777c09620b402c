"""Replaying stored events rebuilds exactly the state the live aggregate had.

Hypothesis drives an activity through random commands (most valid, some
refused by the rules), saves what was accepted, reads the activity back from
the store and compares every attribute. This is what lets views, audits and
time travel trust the event log alone.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from application.tracker import Tracker
from domain.activity import Activity, PlannedStep
from domain.calendar import FiscalYear, Month
from domain.errors import RuleViolation
from domain.recorded import Byline
from storage.store import Store

FY = FiscalYear(2552)
MONTHS = FY.months
START = datetime(2008, 10, 1, 2, 0, tzinfo=UTC)

days = st.integers(min_value=0, max_value=364)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("40000"), places=2)
months = st.lists(st.sampled_from(MONTHS), min_size=1, max_size=4, unique=True).map(tuple)
reasons = st.sampled_from(["", "แก้ไขตามเอกสาร", None])

commands = st.one_of(
    st.tuples(st.just("start"), days),
    st.tuples(st.just("correct_start"), days, reasons),
    st.tuples(st.just("progress"), days, st.integers(-5, 105)),
    st.tuples(st.just("correct_progress"), days, st.integers(-5, 105), reasons),
    st.tuples(st.just("step"), days, st.integers(1, 4)),
    st.tuples(st.just("spend"), days, amounts),
    st.tuples(st.just("correct"), days, st.integers(1, 3), amounts),
    st.tuples(st.just("complete"), days, st.sampled_from(["", "ขั้นตอนที่เหลือยกเลิก"])),
    st.tuples(st.just("correct_completion"), days, reasons),
    st.tuples(st.just("cancel"), days, reasons),
    st.tuples(st.just("reopen"), days, reasons),
    st.tuples(st.just("reschedule"), days, months, reasons),
    st.tuples(st.just("revise"), days, amounts, reasons),
)


def planned_activity(by: Byline) -> Activity:
    activity = Activity.plan(
        id=uuid4(),
        plan_id=uuid4(),
        section="",
        project_id=uuid4(),
        code="1.1",
        name="กิจกรรมจัดทำแผน",
        details="",
        area="เทศบาลเมืองทุ่งสง",
        unit="งานประชาสัมพันธ์",
        fiscal_year=FY,
        planned_months=(Month(2009, 1), Month(2009, 3)),
        steps=(
            PlannedStep(1, "ประสานงาน", (Month(2009, 1),)),
            PlannedStep(2, "จัดทำแผน", (Month(2009, 3),)),
        ),
        by=by,
    )
    activity.allocate(Decimal("30000.00"), by=by)
    return activity


def apply(activity: Activity, command: tuple[Any, ...], by: Byline) -> None:
    kind, *args = command
    match kind:
        case "start":
            activity.start(by=by)
        case "correct_start":
            activity.correct_start(reason=args[1], by=by)
        case "progress":
            activity.record_progress(args[1], note="", by=by)
        case "correct_progress":
            activity.correct_progress(args[1], reason=args[2], by=by)
        case "step":
            activity.complete_step(args[1], by=by)
        case "spend":
            activity.record_expenditure(args[1], reference="ฎ.1/52", by=by)
        case "correct":
            activity.correct_expenditure(args[1], args[2], reason="พิมพ์ผิด", by=by)
        case "complete":
            activity.complete(note=args[1], by=by)
        case "correct_completion":
            activity.correct_completion(reason=args[1], by=by)
        case "cancel":
            activity.cancel(reason=args[1], by=by)
        case "reopen":
            activity.reopen(reason=args[1], by=by)
        case "reschedule":
            activity.reschedule(args[1], reason=args[2], by=by)
        case "revise":
            activity.revise_budget(args[1], reason=args[2], by=by)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(commands, max_size=25))
def test_replaying_stored_events_rebuilds_the_live_state(script: list[tuple[Any, ...]]) -> None:
    tracker = Tracker(Store.memory())
    recorded_at = START
    activity = planned_activity(Byline("admin", FY.start, recorded_at))
    for command in script:
        recorded_at += timedelta(hours=7)
        occurred_on = min(FY.start + timedelta(days=command[1]), recorded_at.date())
        with suppress(RuleViolation):  # a refused command must leave no event behind
            apply(activity, command, Byline("somchai", occurred_on, recorded_at))
    tracker.save(activity)
    rebuilt = tracker.get_activity(activity.id)
    assert rebuilt == activity
    assert rebuilt.progress == activity.progress
    assert rebuilt.spent == activity.spent
    assert rebuilt.version == len(list(tracker.history(activity.id)))
