"""Given a history, when a command is recorded, then these events, or this refusal.

Each test runs on every backend (memory, SQLite file, PostgreSQL) through the
``tracker`` fixture, so the rules are the same wherever the events live.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.activity import Status
from domain.clock import FixedClock
from domain.errors import ConflictError, RuleViolation
from tests.builders import month, small_plan

STAFF = "somchai"
MANAGER = "manee"


@pytest.fixture
def plan_id(tracker: Tracker) -> UUID:
    return tracker.import_plan(small_plan(), actor="admin").plan_id


def code(tracker: Tracker, plan_id: UUID, activity_code: str) -> UUID:
    return tracker.find_activity(plan_id, activity_code).id


def events_of(tracker: Tracker, activity_id: UUID) -> list[str]:
    return [type(e).__name__ for e in tracker.history(activity_id)]


def refused(rule: str, call: object, *args: object, **kwargs: object) -> RuleViolation:
    assert callable(call)
    with pytest.raises(RuleViolation) as caught:
        call(*args, **kwargs)
    assert caught.value.rule == rule, caught.value
    return caught.value


# ------------------------------------------------------------------ business dates


def test_a_command_records_actor_business_date_and_recording_time(
    tracker: Tracker, plan_id: UUID, clock: FixedClock
) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.record_progress(a, 20, actor=STAFF, occurred_on=date(2009, 1, 15), note="เริ่มประสานงาน")
    last = list(tracker.history(a))[-1]
    assert type(last).__name__ == "ProgressRecorded"
    assert last.actor == STAFF  # type: ignore[attr-defined]
    assert last.occurred_on == date(2009, 1, 15)  # type: ignore[attr-defined]
    assert last.timestamp == clock.now()  # type: ignore[attr-defined]


def test_business_date_defaults_to_today_in_bangkok(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.start(a, actor=STAFF)
    assert tracker.get_activity(a).started_on == date(2009, 2, 1)


def test_business_date_in_the_future_is_refused(tracker: Tracker, plan_id: UUID) -> None:
    error = refused(
        "business_date_not_in_future",
        tracker.start,
        code(tracker, plan_id, "1.1"),
        actor=STAFF,
        occurred_on=date(2009, 2, 2),
    )
    assert error.field == "occurred_on"
    assert "2009-02-02" in str(error) and "2009-02-01" in str(error)
    assert "2 ก.พ. 2552" in error.message("th")


def test_business_date_before_the_fiscal_year_is_refused(tracker: Tracker, plan_id: UUID) -> None:
    error = refused(
        "business_date_in_fiscal_year",
        tracker.start,
        code(tracker, plan_id, "1.1"),
        actor=STAFF,
        occurred_on=date(2008, 9, 30),
    )
    assert "2008-10-01" in str(error)


def test_bangkok_today_is_already_tomorrow_in_utc_evening(tracker: Tracker, plan_id: UUID) -> None:
    # 1 Feb 2009 20:00 UTC is 2 Feb 03:00 in Bangkok: 2 Feb is not in the future there.
    assert isinstance(tracker.clock, FixedClock)
    tracker.clock.set(tracker.clock.now().replace(hour=20))
    tracker.start(code(tracker, plan_id, "1.1"), actor=STAFF, occurred_on=date(2009, 2, 2))


# ------------------------------------------------------------------ months


def test_planned_months_must_lie_in_the_fiscal_year(tracker: Tracker) -> None:
    plan = small_plan()
    project = plan.projects[1]
    bad = replace(project.activities[1], planned_months=(month("2009-10"),))
    plan = replace(
        plan, projects=(plan.projects[0], replace(project, activities=(project.activities[0], bad)))
    )
    error = refused("planned_month_in_fiscal_year", tracker.import_plan, plan, actor="admin")
    assert "Oct 2009" in str(error) and "ต.ค. 2552" in error.message("th")
    assert tracker.plan_ids() == []  # nothing appended


def test_rescheduling_outside_the_fiscal_year_is_refused(tracker: Tracker, plan_id: UUID) -> None:
    refused(
        "planned_month_in_fiscal_year",
        tracker.reschedule,
        code(tracker, plan_id, "2.2"),
        (month("2008-09"),),
        actor=MANAGER,
        reason="ย้ายเร็วขึ้น",
    )


def test_rescheduling_needs_a_reason_and_keeps_the_previous_months(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "2.2")
    refused(
        "reason_required", tracker.reschedule, a, (month("2009-05"),), actor=MANAGER, reason=" "
    )
    tracker.reschedule(a, (month("2009-05"), month("2009-06")), actor=MANAGER, reason="รองบประมาณ")
    activity = tracker.get_activity(a)
    assert activity.planned_months == (month("2009-05"), month("2009-06"))
    assert activity.original_months == (month("2009-02"),)
    last = list(tracker.history(a))[-1]
    assert last.previous == (month("2009-02"),)  # type: ignore[attr-defined]


def test_a_step_can_be_rescheduled_on_its_own(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.reschedule(a, (month("2009-04"),), step=3, actor=MANAGER, reason="วิทยากรไม่ว่าง")
    assert tracker.get_activity(a).steps[3].planned_months == (month("2009-04"),)
    refused(
        "step_unknown",
        tracker.reschedule,
        a,
        (month("2009-04"),),
        step=9,
        actor=MANAGER,
        reason="x",
    )


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


# ------------------------------------------------------------------ concurrency


def test_a_stale_expected_version_is_a_conflict_with_the_current_version(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.1")
    version = tracker.get_activity(a).version
    tracker.record_progress(a, 10, actor=STAFF, expected_version=version)
    with pytest.raises(ConflictError) as caught:
        tracker.record_progress(a, 20, actor="another", expected_version=version)
    assert caught.value.current_version == version + 2  # started + progress
    assert caught.value.rule == "version_conflict"


def test_a_concurrent_writer_loses_with_a_conflict_not_a_crash(
    tracker: Tracker, plan_id: UUID, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = code(tracker, plan_id, "1.1")
    stale = tracker.get_activity(a)
    tracker.record_progress(a, 10, actor=STAFF)
    # The second writer decided on what it read before the first one saved.
    monkeypatch.setattr(tracker, "get_activity", lambda _id: stale)
    with pytest.raises(ConflictError):
        tracker.record_progress(a, 20, actor="another")
    monkeypatch.undo()
    assert tracker.get_activity(a).progress == 10


# ------------------------------------------------------------------ correcting the start


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
    refused(
        "activity_not_started", tracker.correct_start, a, actor=STAFF, reason="x",
        occurred_on=date(2009, 1, 5),
    )  # fmt: skip
    assert events_of(tracker, a).count("StartCorrected") == 0


def test_a_start_correction_needs_a_reason_and_a_new_date(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    refused(
        "reason_required", tracker.correct_start, a, actor=STAFF, reason=" ",
        occurred_on=date(2009, 1, 5),
    )  # fmt: skip
    refused(
        "no_change", tracker.correct_start, a, actor=STAFF, reason="x",
        occurred_on=date(2009, 1, 20),
    )  # fmt: skip
    refused(
        "business_date_not_in_future", tracker.correct_start, a, actor=STAFF, reason="x",
        occurred_on=date(2009, 2, 2),
    )  # fmt: skip
    assert tracker.get_activity(a).started_on == date(2009, 1, 20)


def test_the_start_may_not_move_after_recorded_work(tracker: Tracker, plan_id: UUID) -> None:
    a = code(tracker, plan_id, "1.1")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 5))
    tracker.record_expenditure(a, Decimal("500"), actor=STAFF, occurred_on=date(2009, 1, 12))
    error = refused(
        "start_after_recorded_work", tracker.correct_start, a, actor=STAFF, reason="x",
        occurred_on=date(2009, 1, 20),
    )  # fmt: skip
    assert error.field == "occurred_on"
    assert "12 ม.ค. 2552" in error.message("th")
    tracker.correct_start(a, actor=STAFF, reason="x", occurred_on=date(2009, 1, 12))


def test_a_closed_activity_takes_a_start_correction_before_its_close(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 5))
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 10))
    refused(
        "start_after_closing", tracker.correct_start, a, actor=STAFF, reason="x",
        occurred_on=date(2009, 1, 15),
    )  # fmt: skip
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
        refused(
            "activity_not_completed", tracker.correct_completion, a, actor=STAFF, reason="x",
            occurred_on=date(2009, 1, 10),
        )  # fmt: skip
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
        refused(rule, tracker.correct_completion, a, actor=STAFF, reason=reason, occurred_on=day)
    assert tracker.get_activity(a).completed_on == date(2009, 1, 20)


def test_a_completion_may_not_move_before_the_start_or_recorded_work(
    tracker: Tracker, plan_id: UUID
) -> None:
    a = code(tracker, plan_id, "1.2")
    tracker.start(a, actor=STAFF, occurred_on=date(2009, 1, 5))
    tracker.record_expenditure(a, Decimal("500"), actor=STAFF, occurred_on=date(2009, 1, 12))
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    error = refused(
        "completion_before_recorded_work", tracker.correct_completion, a, actor=STAFF,
        reason="x", occurred_on=date(2009, 1, 11),
    )  # fmt: skip
    assert error.field == "occurred_on"
    assert "12 ม.ค. 2552" in error.message("th")
    refused(
        "completion_before_start", tracker.correct_completion, a, actor=STAFF, reason="x",
        occurred_on=date(2009, 1, 4),
    )  # fmt: skip
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
    refused(
        "activity_not_completed", tracker.correct_completion, a, actor=STAFF, reason="x",
        occurred_on=date(2009, 1, 12),
    )  # fmt: skip
    tracker.complete(a, actor=STAFF, occurred_on=date(2009, 1, 20))
    error = refused(
        "completion_before_reopening", tracker.correct_completion, a, actor=STAFF, reason="x",
        occurred_on=date(2009, 1, 14),
    )  # fmt: skip
    assert "15 ม.ค. 2552" in error.message("th")
    tracker.correct_completion(a, actor=STAFF, reason="x", occurred_on=date(2009, 1, 16))
    assert tracker.get_activity(a).completed_on == date(2009, 1, 16)
