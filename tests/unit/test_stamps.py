"""Searching a sheet's laid-out stamps finds what searching the stamps themselves finds.

Time travel counts a sheet's events recorded by an instant in two arrays laid out
beside the stamps (:class:`projections.stamps.Stamps`); the count must be the one a
search of the stamps gives, at every instant, to the microsecond, and again after
the list has grown.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, datetime, timedelta
from operator import itemgetter

from hypothesis import given
from hypothesis import strategies as st

from domain.clock import BANGKOK
from projections.facts import ACTIVITY_JSON
from projections.stamps import At, Stamp, Stamps, known_by

BASE = datetime(2009, 1, 1, tzinfo=UTC)
gaps = st.lists(st.integers(0, 3), min_size=1, max_size=30)  # microseconds between stamps


def _stamps(steps: list[int]) -> list[Stamp]:
    stamps: list[Stamp] = []
    at = BASE
    for position, gap in enumerate(steps, start=1):
        at += timedelta(microseconds=gap)
        stamps.append((position * 10, position, at))
    return stamps


@given(steps=gaps, offset=st.integers(-2, 100))
def test_the_laid_out_search_counts_as_the_stamps_do(steps: list[int], offset: int) -> None:
    plain = _stamps(steps)
    laid_out = Stamps(plain)
    instant = BASE + timedelta(microseconds=offset)
    expected = bisect_right(plain, instant, key=itemgetter(2))
    at = At.of(instant.astimezone(BANGKOK))  # the zone it is asked in does not matter
    assert known_by(laid_out, at) == known_by(plain, at) == expected


@given(steps=gaps, more=gaps)
def test_a_grown_list_is_laid_out_again(steps: list[int], more: list[int]) -> None:
    laid_out = Stamps(_stamps(steps))
    last = At.of(laid_out[-1][2])
    assert known_by(laid_out, last) == len(laid_out)
    grown = _stamps(steps + more)
    laid_out.extend(grown[len(laid_out) :])
    assert known_by(laid_out, At.of(grown[-1][2])) == len(grown)


def test_a_sheet_read_from_the_views_keeps_stamps_laid_out_and_writes_them_as_a_list() -> None:
    doc = (
        b'{"id":"15993b5f-3d2c-4ac8-a294-24fb7738cadf","plan_id":'
        b'"719b6bcb-5db5-4a10-ad02-d8a47874485a","project_id":'
        b'"3276d10e-3e8b-48f3-a215-3c5cb831ca3a","project_code":"1","code":"1.1",'
        b'"name":"n","details":"","area":"","unit":"","unit_key":"","fiscal_year":2552,'
        b'"planned_on":"2008-10-01","stamps":[[1,1,"2009-01-01T00:00:00+07:00"]]}'
    )
    sheet = ACTIVITY_JSON.validate_json(doc)
    assert isinstance(sheet.stamps, Stamps)
    assert sheet.stamps == [(1, 1, datetime(2008, 12, 31, 17, tzinfo=UTC))]
    assert b'"stamps":[[1,1,"2008-12-31T17:00:00Z"]]' in ACTIVITY_JSON.dump_json(sheet)
