"""Closed activities and corrections: nothing but corrections after the close, and the
start and completion dates put right.

Every test runs on each backend, as ``test_activity_rules`` says.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from uuid import UUID

from application.tracker import Tracker
from domain.activity import Status
from domain.errors import RuleViolation
from tests.unit.activity_helpers import MANAGER, STAFF, code, events_of, refused

# ------------------------------------------------------------------ closed activities


def test_nothing_but_corrections_on_a_completed_activity(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.record_expenditure(
        a, Decimal("60000"), actor=STAFF, reference="ฎ.1/52", occurred_on=date(2009, 1, 5)
    )
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    for call, args in (
        (tracker.record_progress, (a, 100)),
        (tracker.record_expenditure, (a, Decimal("100"))),
        (tracker.start, (a,)),
    ):
        error = refused("activity_closed", call, *args, actor=STAFF)
        assert "เสร็จสิ้น" in error.message("th")
    refused(
        "activity_closed",
        tracker.cancel,
        a,
        actor=MANAGER,
        reason="x",
        occurred_on=date(2009, 1, 10),
    )
    # A late entry about the time it was open is not refused ...
    tracker.record_expenditure(a, Decimal("5000"), actor=STAFF, occurred_on=date(2009, 1, 19))
    # ... and a correction is accepted after the close.
    outcome = tracker.correct_expenditure(a, 1, Decimal("50000"), actor=STAFF, reason="พิมพ์ยอดผิด")
    assert outcome.events == ("ExpenditureCorrected",)
    assert tracker.get_activity(a).spent == Decimal("55000.00")


def test_a_cancelled_activity_takes_no_new_work_until_reopened(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "2.2")
    refused("reason_required", tracker.cancel, a, actor=MANAGER, reason="")
    tracker.cancel(a, actor=MANAGER, reason="ไม่ได้รับงบประมาณ", occurred_on=date(2009, 1, 15))
    refused("activity_closed", tracker.record_progress, a, 10, actor=STAFF)
    refused(
        "activity_not_closed",
        tracker.reopen,
        code(tracker, plan_id, "2.1"),
        actor=MANAGER,
        reason="x",
    )
    tracker.reopen(a, actor=MANAGER, reason="ได้รับงบประมาณเพิ่มเติม")
    tracker.record_progress(a, 10, actor=STAFF)
    assert tracker.get_activity(a).status is Status.STARTED


# ------------------------------------------------------------------ correcting the start


def correction_refused(
    correct: Callable[..., object], a: UUID, rule: str, on: date, *, reason: str = "x"
) -> RuleViolation:
    """Staff's correction of ``a``'s start or completion to ``on`` is refused by ``rule``."""
    return refused(rule, correct, a, actor=STAFF, reason=reason, occurred_on=on)


def test_a_start_is_corrected_with_a_reason(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    tracker.correct_start(a, actor=STAFF, occurred_on=date(2009, 1, 5), reason="ลงวันที่ผิด")
    last = list(tracker.history(a))[-1]
    assert type(last).__name__ == "StartCorrected"
    assert last.previous_start == date(2009, 1, 20)  # type: ignore[attr-defined]
    assert last.reason == "ลงวันที่ผิด"  # type: ignore[attr-defined]
    assert tracker.get_activity(a).started_on == date(2009, 1, 5)


def test_only_a_started_activity_has_a_start_to_correct(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    correction_refused(tracker.correct_start, a, "activity_not_started", date(2009, 1, 5))
    assert events_of(tracker, a).count("StartCorrected") == 0


def test_a_start_correction_needs_a_reason_and_a_new_date(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    correction_refused(tracker.correct_start, a, "reason_required", date(2009, 1, 5), reason=" ")
    correction_refused(tracker.correct_start, a, "no_change", date(2009, 1, 20))
    correction_refused(tracker.correct_start, a, "business_date_not_in_future", date(2009, 2, 2))
    assert tracker.get_activity(a).started_on == date(2009, 1, 20)


def test_the_start_may_not_move_after_recorded_work(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 5))
    tracker.record_expenditure(a, Decimal("500"), actor=STAFF, occurred_on=date(2009, 1, 12))
    error = correction_refused(
        tracker.correct_start, a, "start_after_recorded_work", date(2009, 1, 20)
    )
    assert error.field == "occurred_on"
    assert "12 ม.ค. 2552" in error.message("th")
    tracker.correct_start(a, actor=STAFF, reason="x", occurred_on=date(2009, 1, 12))


def test_a_closed_activity_takes_a_start_correction_before_its_close(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 5))
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 10))
    correction_refused(tracker.correct_start, a, "start_after_closing", date(2009, 1, 15))
    tracker.correct_start(a, actor=STAFF, reason="x", occurred_on=date(2008, 12, 20))
    assert tracker.get_activity(a).started_on == date(2008, 12, 20)


# ------------------------------------------------------------------ correcting the completion


def test_a_completion_is_corrected_with_a_reason(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 5))
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    tracker.correct_completion(a, actor=STAFF, occurred_on=date(2009, 1, 9), reason="ปิดงานช้า")
    last = list(tracker.history(a))[-1]
    assert type(last).__name__ == "CompletionCorrected"
    assert last.previous_completion == date(2009, 1, 20)  # type: ignore[attr-defined]
    assert (last.reason, last.occurred_on) == ("ปิดงานช้า", date(2009, 1, 9))  # type: ignore[attr-defined]
    activity = tracker.get_activity(a)
    assert (activity.status, activity.completed_on) == (Status.COMPLETED, date(2009, 1, 9))


def test_only_a_completed_activity_has_a_completion_to_correct(
    tracker: Tracker, plan_id: UUID
) -> None:
    started, cancelled = code(tracker, plan_id, "1.1"), code(tracker, plan_id, "1.2")
    tracker.start(started, actor=STAFF, occurred_on=date(2009, 1, 5))
    tracker.cancel(cancelled, actor=MANAGER, reason="ไม่ได้รับงบ", occurred_on=date(2009, 1, 6))
    for a in (started, cancelled):
        correction_refused(
            tracker.correct_completion, a, "activity_not_completed", date(2009, 1, 10)
        )
        assert events_of(tracker, a).count("CompletionCorrected") == 0


def test_a_completion_correction_needs_a_reason_and_a_new_past_date(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    for rule, reason, day in (
        ("reason_required", " ", date(2009, 1, 10)),
        ("no_change", "x", date(2009, 1, 20)),
        ("business_date_not_in_future", "x", date(2009, 2, 2)),
        ("business_date_in_fiscal_year", "x", date(2008, 9, 30)),
    ):
        correction_refused(tracker.correct_completion, a, rule, day, reason=reason)
    assert tracker.get_activity(a).completed_on == date(2009, 1, 20)


def test_a_completion_may_not_move_before_the_start_or_recorded_work(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 5))
    tracker.record_expenditure(a, Decimal("500"), actor=STAFF, occurred_on=date(2009, 1, 12))
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    error = correction_refused(
        tracker.correct_completion, a, "completion_before_recorded_work", date(2009, 1, 11)
    )
    assert error.field == "occurred_on"
    assert "12 ม.ค. 2552" in error.message("th")
    correction_refused(tracker.correct_completion, a, "completion_before_start", date(2009, 1, 4))
    tracker.correct_completion(a, actor=STAFF, reason="x", occurred_on=date(2009, 1, 12))
    later = tracker.correct_completion(a, actor=STAFF, reason="y", occurred_on=date(2009, 1, 25))
    assert later.events == ("CompletionCorrected",)
    assert tracker.get_activity(a).completed_on == date(2009, 1, 25)


def test_a_reopened_activity_is_completed_again_not_before_its_reopening(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 10))
    tracker.reopen(a, actor=MANAGER, reason="ปิดผิด", occurred_on=date(2009, 1, 15))
    correction_refused(tracker.correct_completion, a, "activity_not_completed", date(2009, 1, 12))
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    error = correction_refused(
        tracker.correct_completion, a, "completion_before_reopening", date(2009, 1, 14)
    )
    assert "15 ม.ค. 2552" in error.message("th")
    tracker.correct_completion(a, actor=STAFF, reason="x", occurred_on=date(2009, 1, 16))
    assert tracker.get_activity(a).completed_on == date(2009, 1, 16)
