"""Time travel cut from the live sheets equals a full re-fold of the log, at every instant.

Generated histories of a small plan (progress, spending and its corrections,
commitments, outputs and deliveries, starts and their corrections, steps, completion
and its correction, reopening, cancelling, rescheduling, budget revisions, funding
sources, findings), each command at its own recorded instant; then, at the instant
of every event, just before it and after the last one, the plan as cut from the
live sheets (:mod:`projections.time_travel`) must be the very snapshot the log's
fold gives, and read the same way (plan versus actual on the instant's day: a cut
keeps its lists as prefixes of the live ones, :class:`projections.prefix.Prefix`).
A clock set back between two commands on one activity is not cut at all:
the reader folds the log instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.runtime import Runtime
from application.tracker import Tracker
from domain.calendar import Month
from domain.clock import BANGKOK, FixedClock
from domain.draft import PlanDraft
from domain.errors import NotFoundError, TidtamError
from domain.recorded import Recorded
from projections.fold import Fold
from projections.queries import ActivityInPlan, fold_as_of, snapshot_then
from projections.time_travel import ABSENT, activity_then
from storage.store import Store
from tests.builders import small_plan

START = datetime(2009, 4, 10, 2, 0, tzinfo=UTC)


def _without_2_2() -> PlanDraft:
    """small_plan as a revision leaves it: activity 2.2 withdrawn."""
    plan = small_plan()
    two = plan.projects[1]
    return plan.with_projects((plan.projects[0], replace(two, activities=two.activities[:1])))


Command = Callable[[Tracker, UUID, UUID, int, date], object]

COMMANDS: list[Command] = [
    lambda t, p, a, n, d: t.record_progress(a, min(100, 10 * n), actor="s", occurred_on=d),
    lambda t, p, a, n, d: t.record_expenditure(
        a, Decimal(100 + n), reference=f"ฎีกา {n}", actor="s", occurred_on=d
    ),
    lambda t, p, a, n, d: t.correct_expenditure(
        a, 1 + n % 2, Decimal(50 + n), reason="แก้", actor="m", occurred_on=d
    ),
    lambda t, p, a, n, d: t.record_commitment(
        a, Decimal(1000 + n), number=f"สัญญา {n}", actor="m", occurred_on=d
    ),
    lambda t, p, a, n, d: t.correct_commitment(
        a, 1, Decimal(900 + n), reason="แก้", actor="m", occurred_on=d
    ),
    lambda t, p, a, n, d: t.plan_output(a, 3 + n % 2, "ครั้ง", reason="ตั้ง", actor="m", occurred_on=d),
    lambda t, p, a, n, d: t.deliver_output(a, 1, actor="s", occurred_on=d),
    lambda t, p, a, n, d: t.correct_delivery(a, 1, n % 3, reason="แก้", actor="m", occurred_on=d),
    lambda t, p, a, n, d: t.start(a, actor="s", occurred_on=d),
    lambda t, p, a, n, d: t.correct_start(a, reason="วันผิด", actor="m", occurred_on=d),
    lambda t, p, a, n, d: t.complete_step(a, 1 + n % 3, actor="s", occurred_on=d),
    lambda t, p, a, n, d: t.complete(a, actor="s", occurred_on=d),
    lambda t, p, a, n, d: t.correct_completion(a, reason="วันผิด", actor="m", occurred_on=d),
    lambda t, p, a, n, d: t.reopen(a, reason="ยังไม่เสร็จ", actor="m", occurred_on=d),
    lambda t, p, a, n, d: t.cancel(a, reason="ยกเลิก", actor="m", occurred_on=d),
    lambda t, p, a, n, d: t.reschedule(
        a, (Month(2009, 1 + n % 9),), reason="เลื่อน", actor="m", occurred_on=d
    ),
    lambda t, p, a, n, d: t.revise_budget(
        a, Decimal(20000 + 1000 * n), reason="ปรับ", actor="m", occurred_on=d
    ),
    lambda t, p, a, n, d: t.set_funding_source(
        p, "1", ("เงินสะสม", "เงินกู้")[n % 2], reason="เปลี่ยน", actor="m", occurred_on=d
    ),
    lambda t, p, a, n, d: t.record_findings(
        p, "half", findings=f"ข้อค้นพบ {n}", reason="แก้", actor="m", occurred_on=d
    ),
    lambda t, p, a, n, d: t.publish_plan(p, actor="admin", occurred_on=d),
    lambda t, p, a, n, d: t.unpublish_plan(p, reason="ถอน", actor="admin", occurred_on=d),
    lambda t, p, a, n, d: t.import_plan(
        _without_2_2(), actor="m", revision=f"แก้ไขครั้งที่ {n + 1}/2552", occurred_on=d
    ),
]

steps = st.lists(
    st.tuples(
        st.integers(0, len(COMMANDS) - 1),  # which command
        st.integers(0, 2),  # on which activity
        st.integers(0, 9),  # its number
        st.integers(0, 90),  # its business day, days after 1 Jan 2009
        st.sampled_from((0, 1, 60, 3600)),  # seconds after the command before it
    ),
    min_size=1,
    max_size=40,
)

EVERY_CHANGE_IN_PLACE = [  # (command, activity, number, day, gap): each kept by a rule's leave
    (8, 0, 0, 5, 60),  # 1.1 started
    (9, 0, 0, 3, 60),  # its start corrected to an earlier day
    (1, 0, 1, 10, 60),
    (1, 0, 2, 11, 1),  # two spending entries
    (2, 0, 0, 12, 3600),  # the first corrected
    (3, 0, 1, 12, 0),
    (4, 0, 2, 13, 60),  # a commitment, corrected
    (5, 0, 0, 14, 60),
    (6, 0, 0, 15, 60),
    (7, 0, 2, 16, 60),  # an output, delivered, corrected
    (10, 0, 0, 17, 60),
    (10, 0, 1, 18, 60),
    (10, 0, 2, 19, 60),  # its steps done
    (11, 0, 0, 20, 60),
    (12, 0, 0, 25, 3600),
    (12, 0, 0, 27, 3600),  # completed, the completion moved
    (13, 0, 0, 30, 60),
    (11, 0, 0, 31, 60),  # reopened, completed again
    (17, 0, 1, 32, 60),
    (17, 0, 0, 33, 60),  # the project's funding source, changed
    (14, 1, 0, 34, 60),
    (15, 2, 4, 35, 60),
    (16, 2, 3, 36, 60),  # 1.2 cancelled; 2.1 moved, revised
    (18, 0, 1, 37, 60),
    (18, 0, 2, 38, 60),  # findings, written again
    (19, 0, 0, 39, 60),
    (20, 0, 0, 40, 60),  # the public page published, withdrawn
    (21, 0, 0, 41, 60),  # a revision withdraws 2.2
]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def runtime(clock: FixedClock) -> Iterator[Runtime]:
    opened = Runtime.open(Store.memory(), clock=clock)
    yield opened
    opened.close()


def _play(
    runtime: Runtime, clock: FixedClock, script: list[tuple[int, int, int, int, int]]
) -> UUID:
    tracker = runtime.tracker
    plan_id = tracker.import_plan(
        small_plan(), actor="admin", occurred_on=date(2008, 10, 1)
    ).plan_id
    activities = [tracker.find_activity(plan_id, code).id for code in ("1.1", "1.2", "2.1")]
    for command, which, number, day, gap in script:
        clock.set(clock.now() + timedelta(seconds=gap))
        with suppress(TidtamError):  # refused by a rule: the history goes on without it
            COMMANDS[command](
                tracker, plan_id, activities[which], number, date(2009, 1, 1) + timedelta(days=day)
            )
    runtime.projections.catch_up()
    return plan_id


def _business_days(script: list[tuple[int, int, int, int, int]]) -> set[date]:
    """The business days the script's commands were dated by (as :func:`_play` dates them)."""
    return {date(2009, 1, 1) + timedelta(days=day) for _, _, _, day, _ in script}


def _in_plan(fold: Fold, activity_id: UUID) -> ActivityInPlan:
    """The activity with its plan and project as the fold has them."""
    facts = fold.activities[activity_id]
    return ActivityInPlan(facts, fold.plans[facts.plan_id], fold.projects[facts.project_id])


def _instants(runtime: Runtime) -> list[datetime]:
    """Every event's recording instant, a microsecond before each, and an hour after."""
    recorder, to_event = runtime.tracker.recorder, runtime.tracker.mapper.to_domain_event
    stamps = sorted(
        {
            e.timestamp
            for n in recorder.select_notifications(1, 100_000)
            if isinstance(e := to_event(n), Recorded)
        }
    )
    return sorted(
        {*stamps, *(s - timedelta(microseconds=1) for s in stamps), stamps[-1] + timedelta(hours=1)}
    )


@contextmanager
def _history() -> Iterator[tuple[Runtime, FixedClock]]:
    clock = FixedClock(START)
    opened = Runtime.open(Store.memory(), clock=clock)
    try:
        yield opened, clock
    finally:
        opened.close()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=steps)
def test_a_cut_equals_the_fold_at_every_instant(
    script: list[tuple[int, int, int, int, int]],
) -> None:
    with _history() as (runtime, clock):
        plan_id = _play(runtime, clock, script)
        live = runtime.reader.snapshot(plan_id)
        for instant in _instants(runtime):
            cut = snapshot_then(live, instant)
            if cut == ABSENT:
                with pytest.raises(NotFoundError):
                    runtime.reader.snapshot_folded(plan_id, instant)
                with pytest.raises(NotFoundError):
                    runtime.reader.snapshot_as_of(plan_id, instant)
                continue
            folded = runtime.reader.snapshot_folded(plan_id, instant)
            assert cut == folded, instant
            assert runtime.reader.snapshot_as_of(plan_id, instant) == folded
            # Read through (kept lists are prefixes), on the instant's day and on every
            # business day the script dated a fact by, where a day's own facts count.
            for day in {instant.astimezone(BANGKOK).date(), *_business_days(script)}:
                assert cut.versus_actual(day) == folded.versus_actual(day), (instant, day)


def test_every_change_made_in_place_is_undone_at_the_instants_before_it() -> None:
    with _history() as (runtime, clock):
        plan_id = _play(runtime, clock, EVERY_CHANGE_IN_PLACE)
        live = runtime.reader.snapshot(plan_id)
        one_one = next(a for a in live.activities if a.code == "1.1")
        assert len(one_one.starts) == 2 and one_one.spending[0].corrections
        assert one_one.commitments[0].corrections and one_one.deliveries[0].corrections
        assert any(len(c.moves) == 2 for c in one_one.closures)
        assert len(next(p for p in live.projects if p.code == "1").sources) == 2
        assert len(live.plan.findings) == 2
        assert [p.published for p in live.plan.publications] == [True, False]
        assert next(a for a in live.activities if a.code == "2.2").withdrawn is not None
        for instant in _instants(runtime):
            cut = snapshot_then(live, instant)
            folded = fold_as_of(runtime.tracker, instant)
            assert runtime.reader.plans_as_of(instant) == list(folded.plans.values())
            if cut != ABSENT:
                assert cut == runtime.reader.snapshot_folded(plan_id, instant), instant
            for activity in live.activities:  # each with its plan and project, cut alone
                if activity.id not in folded.activities:
                    with pytest.raises(NotFoundError):
                        runtime.reader.activity_as_of(activity.id, instant)
                    continue
                assert runtime.reader.activity_as_of(activity.id, instant) == _in_plan(
                    folded, activity.id
                ), instant


def test_before_the_plan_was_imported_there_is_no_plan(runtime: Runtime, clock: FixedClock) -> None:
    plan_id = _play(runtime, clock, [(0, 0, 3, 10, 60)])
    assert snapshot_then(runtime.reader.snapshot(plan_id), START - timedelta(days=1)) == ABSENT


def test_a_clock_set_back_on_one_activity_is_folded_not_cut(
    runtime: Runtime, clock: FixedClock
) -> None:
    plan_id = _play(runtime, clock, [(0, 0, 3, 10, 60)])
    clock.set(START - timedelta(minutes=5))  # before the last command on 1.1
    activity = runtime.tracker.find_activity(plan_id, "1.1").id
    runtime.tracker.record_progress(activity, 50, actor="s", occurred_on=date(2009, 1, 20))
    runtime.projections.catch_up()
    live = runtime.reader.snapshot(plan_id)
    sheet = next(a for a in live.activities if a.id == activity)
    assert activity_then(sheet, START) is None
    assert snapshot_then(live, START) is None
    assert runtime.reader.snapshot_as_of(plan_id, START) == runtime.reader.snapshot_folded(
        plan_id, START
    )
    assert runtime.reader.activity_as_of(activity, START) == _in_plan(
        fold_as_of(runtime.tracker, START), activity
    )
