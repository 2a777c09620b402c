"""A sheet's facts with their business days laid out beside them: how a reading on a day
finds the facts dated by then without walking every fact of the year.

Plan versus actual, the plan's pages and every report read each activity on a day: its
progress then, what it had spent, the months worked. Walking each list to the day made
a reading late in the year cost twice one early in it (a plan of 1,000 activities with
200 events each: 58 → 105 ms), so the cost of a page as of an instant grew with the
history before it. A sheet's facts are appended in log order, and their business days
nearly always rise with it: work is recorded on its day or a little late, but in turn.
Where they do, the facts dated by a day are the list's first few, found by a search of
the days laid out once as one array of day numbers; where a day goes back (an entry
recorded late, after a later one), a reading walks the facts as before. Either way the
answer is the same (a property test holds it: ``tests/unit/test_dated.py``).

A sheet read from the views keeps these lists as :class:`Dated` (facts with an ``on``)
and :class:`Days` (the days worked); the fold's own sheets keep plain lists, which are
walked. The lay-out is derived, never stored, and made again if the list has grown
since (only the fold appends, to sheets of its own; nothing changes a fact's day in
place but a completion's correction, and closures are not laid out). A cut sheet's
:class:`~projections.prefix.Prefix` is searched in the list it is cut from.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from itertools import islice, pairwise
from typing import Annotated, Any, Protocol, TypeVar

from pydantic import AfterValidator

from projections.prefix import Prefix


class _OnADay(Protocol):
    @property
    def on(self) -> date: ...

    @property
    def seq(self) -> int: ...


T = TypeVar("T")

_Laid = tuple[int, "array[int] | None"]
"""How many items were laid out, and their day numbers (None: a day goes back)."""


class Dated(list[T]):
    """Facts in log order (a list, serialised as one), their days laid out on first search."""

    __slots__ = ("_laid",)

    _laid: _Laid

    def dated_by(self, day: date) -> int | None:
        """How many of the facts are dated by ``day``, when their days never go back in
        log order; None when one does (the caller walks them)."""
        try:
            laid = self._laid
        except AttributeError:
            laid = self._lay_out()
        if laid[0] != len(self):
            laid = self._lay_out()
        days = laid[1]
        return None if days is None else bisect_right(days, day.toordinal())

    def _lay_out(self) -> _Laid:
        days = self._days_in_order()
        self._laid = (len(self), days)
        return self._laid

    def _days_in_order(self) -> array[int] | None:
        """The facts' day numbers, if they rise (ties in log order, as facts of one day
        are appended); else None."""
        days = array("q")
        last_day, last_seq = -1, -1
        for fact in self:
            on, seq = fact.on.toordinal(), fact.seq  # type: ignore[attr-defined]
            if on < last_day or (on == last_day and seq <= last_seq):
                return None
            days.append(on)
            last_day, last_seq = on, seq
        return days


class Days(Dated[date]):
    """Days worked, in the order first worked, laid out as :class:`Dated` facts are, with
    where each month's first day stands among them: the months worked by a day are
    then read from a dozen entries, not from every day worked before it."""

    __slots__ = ("_months",)

    _months: list[tuple[int, int]]
    """(index, :attr:`~domain.calendar.Month.number`) of the first day of each month."""

    def months_among_first(self, count: int) -> set[int]:
        """The months of the first ``count`` days, as month numbers; only where
        :meth:`dated_by` found the days in order (it lays the months out with them)."""
        return {number for index, number in self._months if index < count}

    def _days_in_order(self) -> array[int] | None:
        days = array("q", [day.toordinal() for day in self])
        if any(later < earlier for earlier, later in pairwise(days)):
            return None
        months: list[tuple[int, int]] = []
        for index, day in enumerate(self):
            number = day.year * 12 + day.month
            if not months or months[-1][1] != number:
                months.append((index, number))
        self._months = months
        return days


def dated_by(items: Sequence[Any], day: date) -> int | None:
    """How many of ``items`` (facts in log order, or a cut of them) are dated by ``day``,
    when a lay-out can say; None when the caller must walk them."""
    if isinstance(items, Dated):
        return items.dated_by(day)
    if isinstance(items, Prefix):
        whole = items.whole
        if isinstance(whole, Dated):
            found = whole.dated_by(day)
            return None if found is None else min(found, len(items))
    return None


def months_among_first(days: Sequence[date], count: int) -> set[int]:
    """The months of the first ``count`` of ``days`` (a :class:`Days`, or a cut of one),
    as month numbers, where :func:`dated_by` gave ``count``."""
    whole = days.whole if isinstance(days, Prefix) else days
    if not isinstance(whole, Days):
        raise TypeError("months are laid out only for days worked read from the views")
    return whole.months_among_first(count)


F = TypeVar("F", bound=_OnADay)


def latest(facts: Sequence[F], day: date) -> F | None:
    """The fact in force on ``day``: the latest dated on or before it (ties: latest recorded).

    Read for every activity on every read of a plan on a day, over lists that grow all
    year (progress above all): where the facts' days rise in log order it is the last of
    those dated by the day, else it compares fields rather than build pairs of them.
    """
    count = dated_by(facts, day)
    if count is not None:
        return facts[count - 1] if count else None
    best: F | None = None
    for fact in facts:
        on = fact.on
        if on <= day and (best is None or on > best.on or (on == best.on and fact.seq >= best.seq)):
            best = fact
    return best


def total_by(
    facts: Sequence[F], day: date, amount: Callable[[F], Decimal], zero: Decimal
) -> Decimal:
    """The sum of ``amount`` over the facts dated by ``day``, added in list order (so the
    sum is the walk's to the last digit)."""
    count = dated_by(facts, day)
    dated: Iterable[F] = (
        (f for f in facts if f.on <= day) if count is None else islice(facts, count)
    )
    return sum(map(amount, dated), zero)


DatedList = Annotated[list[F], AfterValidator(Dated)]
"""A sheet's facts as read from the views: :class:`Dated`."""

DayList = Annotated[list[date], AfterValidator(Days)]
"""A sheet's days worked as read from the views: :class:`Days`."""
