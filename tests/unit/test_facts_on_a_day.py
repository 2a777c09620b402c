"""A sheet answers "on this day" by the same rules as the activity itself.

Plan versus actual, the plan resource and every report read each activity's progress
and months worked on a day, over lists that grow all year; the sheet reads them
without building the activity's own entries (:mod:`projections.facts`). So each
reading is held here to the rule it stands for: progress to the activity's own
timeline (``domain.activity.progress_on``), months worked to the month of each day
worked, and the fact in force to the latest dated by the day, ties to the latest
recorded.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from uuid import uuid4

from hypothesis import given
from hypothesis import strategies as st

from domain.activity import ProgressEntry, progress_on
from domain.calendar import Month
from projections.dated import latest
from projections.facts import ActivityFacts, ProgressFact

START = date(2008, 10, 1)
days = st.integers(0, 400).map(lambda n: START + timedelta(days=n))
progress = st.lists(st.tuples(days, st.integers(0, 100)), max_size=25)


def _sheet(entries: list[tuple[date, int]], worked: list[date]) -> ActivityFacts:
    sheet = ActivityFacts(uuid4(), uuid4(), uuid4(), "1", "1.1", "งาน", "", "", "", "", 2552, START)
    sheet.progress = [ProgressFact(on, seq, percent) for seq, (on, percent) in enumerate(entries)]
    sheet.work_days = worked
    return sheet


@given(entries=progress, day=days)
def test_progress_on_a_day_is_the_activity_timeline_s(
    entries: list[tuple[date, int]], day: date
) -> None:
    timeline = [ProgressEntry(on, percent, seq) for seq, (on, percent) in enumerate(entries)]
    assert _sheet(entries, []).progress_on(day) == progress_on(timeline, day)


@given(entries=progress, day=days, order=st.randoms(use_true_random=False))
def test_the_fact_in_force_is_the_latest_dated_by_the_day_then_the_latest_recorded(
    entries: list[tuple[date, int]], day: date, order: Random
) -> None:
    facts = _sheet(entries, []).progress
    order.shuffle(facts)  # the rule does not lean on list order
    dated = [f for f in facts if f.on <= day]
    expected = max(dated, key=lambda f: (f.on, f.seq)) if dated else None
    assert latest(facts, day) is expected


@given(worked=st.lists(days, unique=True, max_size=60), day=days)
def test_months_worked_by_a_day_are_the_months_of_its_days_worked(
    worked: list[date], day: date
) -> None:
    expected = {Month.of(d) for d in worked if d <= day}
    assert _sheet([], worked).worked_months_on(day) == expected
