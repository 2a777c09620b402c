"""What readers keep between requests has a bound, and a plan larger than the bound is
still read whole."""

from __future__ import annotations

from contextlib import closing

import pytest

from application.tracker import Tracker
from projections.bounded import Bounded
from projections.queries import PlanReader
from projections.service import Projections
from tests.builders import small_plan


def test_the_least_recently_used_entry_goes_first() -> None:
    memo: Bounded[str, int] = Bounded(2)
    memo.put("a", 1)
    memo.put("b", 2)
    assert memo.get("a") == 1  # "b" is now the least recently used
    memo.put("c", 3)
    assert (memo.get("a"), memo.get("b"), memo.get("c"), len(memo)) == (1, None, 3, 2)


def test_a_memo_holds_at_least_one_entry() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Bounded(0)


def test_a_plan_larger_than_the_readers_bound_is_read_whole(tracker: Tracker) -> None:
    plan_id = tracker.import_plan(small_plan(), actor="admin").plan_id
    with closing(Projections(tracker)) as projections:
        projections.catch_up()
        whole = PlanReader(projections.db, tracker).snapshot(plan_id)
        small = PlanReader(projections.db, tracker, keep=1)
        for _ in range(2):  # the second read finds at most one sheet kept
            assert small.snapshot(plan_id) == whole
            assert len(small._parsed) == 1
    assert len(whole.activities) > 1
