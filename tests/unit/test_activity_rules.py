"""Given a history, when a command is recorded, then these events, or this refusal:
business dates, planned months and concurrency. Progress, money and corrections
have modules of their own (``test_activity_*``).

Each test runs on every backend (memory, SQLite file, PostgreSQL) through the
``tracker`` fixture, so the rules are the same wherever the events live.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.clock import FixedClock
from domain.errors import ConflictError
from tests.builders import month, small_plan
from tests.unit.activity_helpers import MANAGER, STAFF, code, refused

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
    plan = plan.with_projects(
        (plan.projects[0], replace(project, activities=(project.activities[0], bad)))
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
