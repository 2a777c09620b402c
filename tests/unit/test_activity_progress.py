"""Progress and steps: the timeline over business dates, its corrections, the steps done.

Every test runs on each backend, as ``test_activity_rules`` says.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.activity import Status
from domain.recorded import Byline
from tests.unit.activity_helpers import STAFF, code, events_of, refused
from tests.unit.test_replay import planned_activity

# ------------------------------------------------------------------ progress


@pytest.mark.parametrize("percent", [-1, 101, 250])
def test_percent_must_be_0_to_100(tracker: Tracker, plan_id: UUID, percent: int) -> None:
    error = refused(
        "percent_in_range",
        tracker.record_progress,
        code(tracker, plan_id, "1.1"),
        percent,
        actor=STAFF,
    )
    assert error.field == "percent"


def test_progress_on_an_unstarted_activity_starts_it_that_day(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.1")
    outcome = tracker.record_progress(a, 10, actor=STAFF, occurred_on=date(2009, 1, 12))
    assert outcome.events == ("ActivityStarted", "ProgressRecorded")
    activity = tracker.get_activity(a)
    assert activity.status is Status.STARTED and activity.started_on == date(2009, 1, 12)


def test_a_lower_percent_needs_a_reason(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.record_progress(a, 60, actor=STAFF, occurred_on=date(2009, 1, 20))
    error = refused("lower_percent_needs_reason", tracker.record_progress, a, 40, actor=STAFF)
    assert error.values == {"percent": 40, "last": 60}
    outcome = tracker.correct_progress(a, 40, actor=STAFF, reason="นับขั้นตอนที่ 2 ซ้ำ")
    assert outcome.events == ("ProgressCorrected",)
    assert tracker.get_activity(a).progress == 40


def test_a_progress_correction_records_the_figure_the_reason_and_the_evidence(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.record_progress(a, 60, actor=STAFF, occurred_on=date(2009, 1, 20), note="ประชุมแล้ว")
    outcome = tracker.correct_progress(
        a, 45, actor=STAFF, reason="  นับขั้นตอนที่ 2 ซ้ำ ", evidence="บันทึกข้อความ ที่ 12/52",
        occurred_on=date(2009, 1, 22),
    )  # fmt: skip
    assert outcome.events == ("ProgressCorrected",)
    last = list(tracker.history(a))[-1]
    assert (last.percent, last.reason, last.evidence) == (  # type: ignore[attr-defined]
        45,
        "นับขั้นตอนที่ 2 ซ้ำ",
        "บันทึกข้อความ ที่ 12/52",
    )
    activity = tracker.get_activity(a)
    assert (activity.progress, activity.progress_on(date(2009, 1, 21))) == (45, 60)


def test_a_progress_correction_needs_a_reason_and_a_percent_in_range(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.record_progress(a, 60, actor=STAFF, occurred_on=date(2009, 1, 20))
    for reason in (None, "", "  "):
        error = refused(
            "reason_required", tracker.correct_progress, a, 40, actor=STAFF, reason=reason
        )
        assert error.field == "reason"
        assert "การแก้ไขความก้าวหน้า" in error.message("th")
    refused("percent_in_range", tracker.correct_progress, a, 101, actor=STAFF, reason="x")
    assert events_of(tracker, a).count("ProgressCorrected") == 0


def test_a_progress_correction_starts_nothing_and_closed_work_stays_closed(
    tracker: Tracker, plan_id: UUID
) -> None:
    planned, closed = code(tracker, plan_id, "2.2"), code(tracker, plan_id, "1.2")
    outcome = tracker.correct_progress(planned, 10, actor=STAFF, reason="ลงผิดกิจกรรม")
    assert outcome.events == ("ProgressCorrected",)  # a correction is no start
    assert tracker.get_activity(planned).status is Status.PLANNED
    tracker.complete(closed, actor=STAFF, occurred_on=date(2009, 1, 20))
    refused("activity_closed", tracker.correct_progress, closed, 50, actor=STAFF, reason="x")
    late = tracker.correct_progress(
        closed, 50, actor=STAFF, reason="x", occurred_on=date(2009, 1, 19)
    )  # about the days it was open
    assert late.events == ("ProgressCorrected",)


def test_the_activity_decides_a_correction_before_any_event_exists() -> None:
    by = Byline(STAFF, date(2009, 1, 20), datetime(2009, 2, 1, 2, 0, tzinfo=UTC))
    activity = planned_activity(by)
    activity.record_progress(60, by=by)
    refused("reason_required", activity.correct_progress, 40, reason=" ", by=by)
    refused("lower_percent_needs_reason", activity.record_progress, 40, by=by)
    activity.correct_progress(40, reason="นับซ้ำ", evidence="ภาพ 3", by=by)
    decided = [type(e).__name__ for e in activity.collect_events()][2:]  # after the plan's
    assert decided == ["ActivityStarted", "ProgressRecorded", "ProgressCorrected"]
    assert activity.progress == 40


def test_recording_progress_takes_no_reason_any_more(tracker: Tracker, plan_id: UUID) -> None:
    with pytest.raises(TypeError):
        tracker.record_progress(code(tracker, plan_id, "1.1"), 40, actor=STAFF, reason="x")  # type: ignore[call-arg]


def test_a_late_entry_lands_at_its_business_date(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.record_progress(a, 20, actor=STAFF, occurred_on=date(2009, 1, 10))
    tracker.record_progress(a, 80, actor=STAFF, occurred_on=date(2009, 1, 30))
    tracker.record_progress(a, 50, actor=STAFF, occurred_on=date(2009, 1, 20))  # recorded late
    activity = tracker.get_activity(a)
    assert activity.progress == 80
    assert activity.progress_on(date(2009, 1, 25)) == 50
    refused(
        "progress_above_later_entry",
        tracker.record_progress,
        a,
        90,
        actor=STAFF,
        occurred_on=date(2009, 1, 25),
    )


# ------------------------------------------------------------------ steps and completion


def test_completing_needs_every_step_or_a_note(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.complete_step(a, 1, actor=STAFF, occurred_on=date(2009, 1, 10))
    error = refused("steps_done_before_completion", tracker.complete, a, actor=STAFF)
    assert error.values["steps"] == (2, 3)
    tracker.complete(a, actor=STAFF, note="ขั้นตอน 2–3 รวมกับกิจกรรม 1.2")
    activity = tracker.get_activity(a)
    assert activity.status is Status.COMPLETED and activity.progress == 100
    completed = list(tracker.history(a))[-1]
    assert completed.steps_left_open == (2, 3)  # type: ignore[attr-defined]


def test_completing_with_all_steps_done_sets_progress_to_100(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.1")
    for step in (1, 2, 3):
        tracker.complete_step(a, step, actor=STAFF, occurred_on=date(2009, 1, 10 + step))
    tracker.record_progress(a, 70, actor=STAFF, occurred_on=date(2009, 1, 20))
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 2, 1))
    activity = tracker.get_activity(a)
    assert activity.progress == 100
    assert activity.progress_on(date(2009, 1, 31)) == 70


def test_a_step_is_completed_once(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.complete_step(a, 1, actor=STAFF, occurred_on=date(2009, 1, 9))
    refused("step_already_completed", tracker.complete_step, a, 1, actor=STAFF)
    refused("step_unknown", tracker.complete_step, a, 4, actor=STAFF)
