"""A sheet's stamps, and how many of them were recorded by an instant.

Every event folded into a sheet leaves a :data:`Stamp` (its position, the version it
left, when it was recorded); time travel asks how many of a sheet's stamps were
recorded by an instant (:mod:`projections.time_travel`). Searching the stamps
themselves touched a tuple and a datetime at every step of the search, each
somewhere else in memory, and compared instants by their zones. A sheet read from
the views keeps its stamps as :class:`Stamps`, which, on the first search, lay the
recording instants out as one array of whole microseconds: a search then reads a few
neighbouring numbers. On a plan of 1,000 activities with 200 events each, a cut took
7.6 ms instead of 8.2 (median of 15, the same machine and hour).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import Annotated

from pydantic import AfterValidator


def _in_utc(at: datetime) -> datetime:
    """The instant with Python's own UTC zone. A parsed ``+00:00`` carries a zone object of
    its own; comparing two of those asks each for its offset, which made finding an
    instant among a sheet's stamps ten times slower than comparing two UTC instants."""
    return at.astimezone(UTC)


StampedAt = Annotated[datetime, AfterValidator(_in_utc)]
Stamp = tuple[int, int, StampedAt]
"""An event folded into a sheet: its position, the version it left, when recorded."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_RECORDED = itemgetter(2)


@dataclass(frozen=True, slots=True)
class At:
    """An instant as time travel searches for it: in UTC, and as whole microseconds since
    1970 (exact, and ordered as instants are), worked out once for every sheet of a cut."""

    instant: datetime
    microseconds: int

    @classmethod
    def of(cls, instant: datetime) -> At:
        utc = instant.astimezone(UTC)
        return cls(utc, _microseconds(utc))


def _microseconds(instant: datetime) -> int:
    return (instant - _EPOCH) // _MICROSECOND


class Stamps(list[Stamp]):
    """A sheet's stamps (a list, and serialised as one), with their recording instants
    laid out beside them once a search asks.

    The array is derived, never stored, and laid out again if the list has grown since
    (only the fold appends, to sheets of its own). Two readers laying it out at once
    make the same array; whichever is kept serves both.
    """

    __slots__ = ("_recorded",)

    _recorded: array[int]

    def known_by(self, at: int) -> int:
        """How many stamps were recorded by ``at`` (microseconds), given in order."""
        try:
            recorded = self._recorded
        except AttributeError:
            recorded = self._lay_out()
        if len(recorded) != len(self):
            recorded = self._lay_out()
        return bisect_right(recorded, at)

    def _lay_out(self) -> array[int]:
        self._recorded = array("q", [_microseconds(stamp[2]) for stamp in self])
        return self._recorded


def known_by(stamps: list[Stamp], at: At) -> int:
    """How many of ``stamps`` (in time order) were recorded by ``at``: searched in the
    laid-out instants where the sheet keeps them, else in the stamps themselves."""
    if isinstance(stamps, Stamps):
        return stamps.known_by(at.microseconds)
    return bisect_right(stamps, at.instant, key=_RECORDED)


StampList = Annotated[list[Stamp], AfterValidator(Stamps)]
"""A sheet's stamps as read from the views: :class:`Stamps`."""
