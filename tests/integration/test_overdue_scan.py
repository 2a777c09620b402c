"""Scanning for late work: the issue's example, month ends, the fiscal year's end,
stalled and over-budget activities, rescheduling, and scanning twice.

Each test imports the real example plan on a fresh store and scans given days;
flags are read back from the activities' streams (the truth) and the alerts view.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

import pytest

from application.tracker import Tracker
from domain.calendar import Month
from domain.clock import BANGKOK, FixedClock
from projections.alerts_view import AlertReader
from projections.queries import PlanReader
from projections.service import Projections
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings
from storage.store import Store
from tests.example_table import example_draft


@dataclass
class World:
    tracker: Tracker
    projections: Projections
    scheduler: AlertScheduler
    clock: FixedClock
    plan_id: UUID

    def at(self, day: date, hour: int = 9) -> None:
        self.clock.set(datetime(day.year, day.month, day.day, hour, tzinfo=BANGKOK))

    def activity(self, code: str) -> UUID:
        return self.tracker.find_activity(self.plan_id, code).id

    def flags(self) -> set[tuple[str, str, int, str]]:
        """(code, rule, step, period) of every flag ever raised, from the streams."""
        found = set()
        for code in ("1.1", "1.2", "2.1", "2.2", "3"):
            activity = self.tracker.find_activity(self.plan_id, code)
            found |= {(code, k.rule, k.step, k.period) for k in activity.flags}
        return found

    def open_flags(self) -> set[tuple[str, str, int, str]]:
        found = set()
        for code in ("1.1", "1.2", "2.1", "2.2", "3"):
            activity = self.tracker.find_activity(self.plan_id, code)
            found |= {(code, f.key.rule, f.key.step, f.key.period) for f in activity.open_flags}
        return found

    def scan(self, day: date) -> None:
        self.at(day)
        self.scheduler.scan(day)


@pytest.fixture
def world(store: Store) -> Iterator[World]:
    clock = FixedClock.at_bangkok(date(2008, 10, 15))
    tracker = Tracker(store, clock=clock)
    plan_id = tracker.import_plan(example_draft(), actor="admin").plan_id
    projections = Projections(tracker)
    settings = SchedulerSettings(stalled_days=30, budget_margin=20)
    scheduler = AlertScheduler(tracker, projections, settings, clock=clock)
    yield World(tracker, projections, scheduler, clock, plan_id)
    scheduler.stop()
    projections.close()
    tracker.close()


def test_the_example_on_1_february_2009_with_nothing_recorded(world: World) -> None:
    world.scan(date(2009, 2, 1))
    assert world.flags() == {
        ("1.1", "late_start", 0, "2009-01"),
        ("1.1", "step_overdue", 1, "2009-01"),
        ("1.1", "step_overdue", 2, "2009-01"),
        ("1.1", "step_overdue", 3, "2009-01"),
        ("3", "late_start", 0, "2008-11"),
        ("3", "overdue", 0, "2009-01"),
        ("3", "step_overdue", 1, "2008-11"),
        ("3", "step_overdue", 2, "2009-01"),
    }  # nothing for 1.2 (March), 2.1 and 2.2 (February not yet over)


def test_the_last_day_of_a_month_is_not_late_yet(world: World) -> None:
    world.scan(date(2009, 1, 31))
    assert {f for f in world.flags() if f[0] == "1.1"} == set()
    assert ("3", "late_start", 0, "2008-11") in world.flags()  # November ended long ago


def test_a_scan_is_idempotent_and_flags_are_dated_the_day_they_were_found(world: World) -> None:
    world.scan(date(2009, 2, 1))
    before = world.tracker.recorder.max_notification_id()
    world.scan(date(2009, 2, 1))
    world.scan(date(2009, 2, 2))
    assert world.tracker.recorder.max_notification_id() == before
    flag = next(iter(world.tracker.get_activity(world.activity("1.1")).flags.values()))
    assert flag.detected_on == date(2009, 2, 1)


def test_across_the_end_of_the_fiscal_year(world: World) -> None:
    a = world.activity("2.1")
    world.at(date(2009, 9, 1))
    world.tracker.reschedule(a, (Month(2009, 9),), actor="manee", reason="เลื่อน")
    world.tracker.start(a, actor="somsak", occurred_on=date(2009, 9, 1))
    world.at(date(2009, 9, 20))
    world.tracker.record_progress(a, 50, actor="somsak", occurred_on=date(2009, 9, 20))
    world.scan(date(2009, 9, 30))
    assert ("2.1", "overdue", 0, "2009-09") not in world.flags()
    world.scan(date(2009, 10, 1))  # fiscal year 2553 has begun; the work is still owed
    assert ("2.1", "overdue", 0, "2009-09") in world.open_flags()


def test_starting_resolves_late_start_and_completing_resolves_the_rest(world: World) -> None:
    world.scan(date(2009, 2, 1))
    a = world.activity("3")
    world.at(date(2009, 2, 3))
    world.tracker.start(a, actor="somsak", occurred_on=date(2009, 2, 3))
    assert ("3", "late_start", 0, "2008-11") not in world.open_flags()
    world.tracker.complete_step(a, 1, actor="somsak")
    world.tracker.complete_step(a, 2, actor="somsak")
    world.tracker.complete(a, actor="somsak")
    assert {f for f in world.open_flags() if f[0] == "3"} == set()
    reasons = {f.key.rule: f.resolved_reason for f in world.tracker.get_activity(a).flags.values()}
    assert reasons == {
        "late_start": "started",
        "step_overdue": "step_completed",
        "overdue": "completed",
    }


def test_rescheduling_moves_the_months_and_history_keeps_the_old_flag(world: World) -> None:
    world.scan(date(2009, 2, 1))
    a = world.activity("1.1")
    world.at(date(2009, 2, 2))
    world.tracker.reschedule(a, (Month(2009, 2), Month(2009, 3)), actor="manee", reason="รอวิทยากร")
    assert ("1.1", "late_start", 0, "2009-01") not in world.open_flags()
    assert ("1.1", "late_start", 0, "2009-01") in world.flags()  # stays in history
    world.scan(date(2009, 3, 1))
    assert ("1.1", "late_start", 0, "2009-02") in world.open_flags()


def test_stalled_after_thirty_days_without_progress(world: World) -> None:
    a = world.activity("2.1")
    world.at(date(2009, 2, 10))
    world.tracker.record_progress(a, 10, actor="somsak", occurred_on=date(2009, 2, 10))
    world.scan(date(2009, 3, 12))  # 30 days: not yet
    assert not {f for f in world.flags() if f[1] == "stalled"}
    world.scan(date(2009, 3, 13))
    assert ("2.1", "stalled", 0, "2009-02-10") in world.open_flags()
    world.at(date(2009, 3, 14))
    world.tracker.record_progress(a, 20, actor="somsak", occurred_on=date(2009, 3, 14))
    assert ("2.1", "stalled", 0, "2009-02-10") not in world.open_flags()


def test_spending_far_ahead_of_progress_is_a_budget_risk(world: World) -> None:
    a = world.activity("2.1")
    world.at(date(2009, 2, 10))
    world.tracker.record_expenditure(
        a, Decimal("40000"), actor="somsak", occurred_on=date(2009, 2, 10)
    )
    world.scan(date(2009, 2, 11))  # 11 of 89 planned days: 12 % expected + 20 margin < 40 % spent
    assert ("2.1", "over_budget_risk", 0, "100000.00") in world.open_flags()
    world.scan(date(2009, 4, 10))  # by now 46 % is expected: 40 % spent is no longer ahead
    assert ("2.1", "over_budget_risk", 0, "100000.00") not in world.open_flags()


def test_no_alerts_for_a_cancelled_project(world: World) -> None:
    world.at(date(2009, 1, 20))
    world.tracker.cancel_project(world.plan_id, "3", actor="manee", reason="ไม่ได้รับอนุมัติ")
    world.scan(date(2009, 2, 1))
    assert not {f for f in world.flags() if f[0] == "3"}


def test_a_downtime_of_forty_days_raises_each_flag_once_dated_correctly(world: World) -> None:
    world.scan(date(2008, 11, 20))  # the last scan before the scheduler went down
    assert world.flags() == set()
    world.at(date(2008, 12, 30))
    world.scheduler.catch_up_scans(date(2008, 12, 30))  # 40 days later it is back
    three = world.tracker.get_activity(world.activity("3")).flags
    assert {(k.rule, k.step): f.detected_on for k, f in three.items()} == {
        ("late_start", 0): date(2008, 12, 1),  # November's end had passed on 1 December
        ("step_overdue", 1): date(2008, 12, 1),
    }
    before = world.tracker.recorder.max_notification_id()
    world.scheduler.catch_up_scans(date(2008, 12, 30))
    assert world.tracker.recorder.max_notification_id() == before
    world.at(date(2009, 2, 3))
    world.scheduler.catch_up_scans(date(2009, 2, 3))
    one_one = world.tracker.get_activity(world.activity("1.1")).flags
    assert {f.detected_on for f in one_one.values()} == {date(2009, 2, 1)}
    assert world.scheduler.outbox.last_scanned_day() == date(2009, 2, 3)
    assert len(world.flags()) == 8


def test_the_alerts_view_and_acknowledging(world: World) -> None:
    world.scan(date(2009, 2, 1))
    world.projections.catch_up()
    reader = AlertReader(world.projections.db)
    rows = reader.flags(open_only=True)
    assert len(rows) == 8
    late = next(r for r in rows if r.code == "1.1" and r.rule == "late_start")
    assert late.place_th() == (
        "ยุทธศาสตร์ที่ 5 › 5.1 › แนวทางที่ 3 › 3.5 › โครงการ 1 (ปีงบประมาณ พ.ศ. 2552)"
    )
    world.at(date(2009, 2, 2))
    world.tracker.acknowledge_flag(late.activity_id, late.flag_id, actor="manee", note="จะเร่ง")
    world.tracker.snooze_flag(
        late.activity_id, late.flag_id, until=date(2009, 2, 10), actor="manee"
    )
    world.projections.catch_up()
    row = reader.flag(late.flag_id)
    assert row is not None
    assert (row.acknowledged_by, row.state_on(date(2009, 2, 5))) == ("manee", "snoozed")
    assert row.state_on(date(2009, 2, 10)) == "acknowledged"


def test_the_plan_view_keeps_the_version_flags_give_an_activity(world: World) -> None:
    """A form drawn from the view must carry the version the tracker will expect."""
    before = {c: world.tracker.find_activity(world.plan_id, c).version for c in ("1.1", "3")}
    world.scan(date(2009, 2, 1))
    world.projections.catch_up()
    reader = PlanReader(world.projections.db, world.tracker)
    for code, version in before.items():
        now = world.tracker.find_activity(world.plan_id, code).version
        assert now > version, f"{code} was not flagged"
        assert reader.activity(world.activity(code)).version == now, code


def test_work_reopened_after_the_days_scan_is_flagged_at_the_next_interval(
    world: World,
) -> None:
    """The nightly scan ran; then a manager reopens finished work long overdue. The
    delivery interval's rescan flags it the same day, and with nothing new recorded it
    appends nothing."""
    world.at(date(2009, 9, 30))
    done = world.activity("1.2")
    world.tracker.complete(done, actor="manee")
    world.scheduler.scan(date(2009, 9, 30))
    assert not any(f[0] == "1.2" for f in world.open_flags())
    world.tracker.reopen(done, actor="manee", reason="ปิดงานก่อนกำหนด")
    report = world.scheduler.rescan()
    assert report is not None and report.raised >= 1
    assert ("1.2", "overdue", 0, "2009-03") in world.open_flags()
    head = world.tracker.recorder.max_notification_id()
    assert world.scheduler.rescan() is None  # nothing recorded since: no scan at all
    assert world.tracker.recorder.max_notification_id() == head
    assert world.scheduler.outbox.last_scanned_day() == date(2009, 9, 30)


def test_a_store_never_scanned_is_scanned_for_today_at_the_first_interval(
    world: World,
) -> None:
    world.at(date(2009, 2, 1))
    assert world.scheduler.outbox.last_scanned_day() is None
    world.scheduler.rescan()
    assert ("1.1", "late_start", 0, "2009-01") in world.open_flags()
    assert world.scheduler.outbox.last_scanned_day() == date(2009, 2, 1)
