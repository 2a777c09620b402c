"""A sheet read from the views answers "on this day" as walking its facts answers it.

A sheet read from the views keeps its dated facts and its days worked with their days
laid out beside them (:mod:`projections.dated`), and reads a day by searching them
where the days rise in log order. Each reading is held here to the walk the fold's own
sheets take: the fact in force, the sums dated by a day and the months worked, on the
whole sheet and on a cut of it, whether the days rise or go back, and again after the
list has grown.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter
from random import Random
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.calendar import Month
from projections.dated import Dated, Days, dated_by, latest, months_among_first
from projections.facts import ACTIVITY_JSON, ActivityFacts, ProgressFact, SpendingFact
from projections.prefix import Prefix

START = date(2008, 10, 1)
days = st.integers(0, 400).map(lambda n: START + timedelta(days=n))
steps = st.lists(st.integers(0, 9), max_size=40)
"""Days between facts in log order: 0 is a second fact on the same day."""


def _rising(gaps: list[int]) -> list[date]:
    found, day = [], START
    for gap in gaps:
        day += timedelta(days=gap)
        found.append(day)
    return found


def _sheet(ons: list[date], worked: list[date]) -> ActivityFacts:
    """A sheet whose progress and spending are dated ``ons`` (seq in log order), its days
    worked ``worked``: the fold's kind, with plain lists."""
    sheet = ActivityFacts(uuid4(), uuid4(), uuid4(), "1", "1.1", "งาน", "", "", "", "", 2552, START)
    sheet.progress = [ProgressFact(on, seq, seq % 101) for seq, on in enumerate(ons, start=1)]
    sheet.spending = [
        SpendingFact(seq, on, seq, Decimal(seq) / 4, Decimal(seq) / 4)
        for seq, on in enumerate(ons, start=1)
    ]
    sheet.work_days = worked
    return sheet


def _read(sheet: ActivityFacts) -> ActivityFacts:
    """The same sheet as the views give it: through its JSON, its lists laid out."""
    return ACTIVITY_JSON.validate_json(ACTIVITY_JSON.dump_json(sheet))


def _cut(sheet: ActivityFacts, cut: int) -> ActivityFacts:
    """The sheet with only its facts of positions up to ``cut``, as time travel cuts it."""
    then = ActivityFacts(**{name: getattr(sheet, name) for name in sheet.__slots__})
    then.progress = Prefix(sheet.progress, cut, attrgetter("seq"))  # type: ignore[assignment]
    then.spending = Prefix(sheet.spending, cut, attrgetter("seq"))  # type: ignore[assignment]
    then.work_days = Prefix.first(sheet.work_days, min(cut, len(sheet.work_days)))  # type: ignore[assignment]
    return then


def _readings(sheet: ActivityFacts, day: date) -> tuple[object, ...]:
    return (
        latest(sheet.progress, day),
        sheet.progress_on(day),
        sheet.spent_on(day),
        sheet.worked_month_numbers_on(day),
        sheet.worked_months_on(day),
    )


@given(gaps=steps, worked=steps, day=days, cut=st.integers(0, 41))
def test_days_that_rise_are_searched_and_read_as_walked(
    gaps: list[int], worked: list[int], day: date, cut: int
) -> None:
    folded = _sheet(_rising(gaps), sorted(set(_rising(worked))))
    read = _read(folded)
    assert isinstance(read.progress, Dated) and isinstance(read.work_days, Days)
    assert dated_by(read.progress, day) is not None  # the search is what is held here
    assert _readings(read, day) == _readings(folded, day)
    assert _readings(_cut(read, cut), day) == _readings(_cut(folded, cut), day)


@given(
    ons=st.lists(days, max_size=30),
    worked=st.lists(days, unique=True, max_size=30),
    day=days,
    order=st.randoms(use_true_random=False),
)
def test_days_in_any_order_read_as_walked(
    ons: list[date], worked: list[date], day: date, order: Random
) -> None:
    folded = _sheet(ons, worked)
    order.shuffle(folded.progress)  # two facts of a day may come in either order
    read = _read(folded)
    assert _readings(read, day) == _readings(folded, day)
    assert _readings(_cut(read, 5), day) == _readings(_cut(folded, 5), day)


def test_a_day_that_goes_back_is_walked_not_searched() -> None:
    read = _read(_sheet([date(2009, 1, 5), date(2009, 1, 2)], [date(2009, 1, 5), date(2009, 1, 2)]))
    assert dated_by(read.progress, date(2009, 1, 3)) is None
    assert dated_by(read.work_days, date(2009, 1, 3)) is None
    assert read.progress_on(date(2009, 1, 3)) == 2  # the entry of 2 January, recorded second
    assert read.worked_months_on(date(2009, 1, 3)) == {Month(2009, 1)}


def test_two_facts_of_one_day_give_the_one_recorded_later() -> None:
    read = _read(_sheet([date(2009, 1, 2), date(2009, 1, 2)], []))
    assert dated_by(read.progress, date(2009, 1, 2)) == 2
    assert latest(read.progress, date(2009, 1, 2)) is read.progress[1]


def test_a_list_laid_out_then_grown_is_laid_out_again() -> None:
    read = _read(_sheet([date(2009, 1, 2)], [date(2009, 1, 2)]))
    assert read.spent_on(date(2009, 3, 1)) == Decimal("0.25")
    assert read.worked_months_on(date(2009, 3, 1)) == {Month(2009, 1)}
    read.spending.append(SpendingFact(2, date(2009, 2, 1), 2, Decimal(1), Decimal(1)))
    read.work_days.append(date(2009, 2, 1))
    assert read.spent_on(date(2009, 3, 1)) == Decimal("1.25")
    assert read.worked_months_on(date(2009, 3, 1)) == {Month(2009, 1), Month(2009, 2)}
    read.work_days.append(date(2009, 1, 20))  # a day going back: walked from now on
    assert dated_by(read.work_days, date(2009, 3, 1)) is None
    assert read.worked_months_on(date(2009, 1, 25)) == {Month(2009, 1)}


def test_the_json_is_the_same_as_a_plain_list_s() -> None:
    folded = _sheet([date(2009, 1, 2), date(2009, 1, 9)], [date(2009, 1, 2)])
    read = _read(folded)
    read.spent_on(date(2009, 1, 9))  # laid out: nothing of it is written
    assert ACTIVITY_JSON.dump_json(read) == ACTIVITY_JSON.dump_json(folded)
    assert read == folded


def test_months_are_laid_out_only_for_days_read_from_the_views() -> None:
    with pytest.raises(TypeError):
        months_among_first([date(2009, 1, 2)], 1)
