"""The overseers' roll-up remembers each plan's part until that plan moves.

On :mod:`tests.overview_world`: read once, record on one organisation's plan, read
again through the same memo: the plan written to is made again with the new figure,
the other is the very part remembered.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.web.reports.filing import file_monitoring
from domain.periods import Period
from projections.overview import Overview, RollupMemo, read_overview
from projections.people_view import PeopleReader
from tests.overview_world import ON, S1, OverviewWorld, build

ROUNDS = (Period.HALF, Period.YEAR)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[OverviewWorld]:
    built = build(tmp_path)
    yield built
    built.close()


def read(world: OverviewWorld, memo: RollupMemo) -> Overview:
    runtime = world.runtime
    return read_overview(
        runtime.reader, PeopleReader(runtime.projections.db), None, fiscal_year=2552, on=ON,
        periods=ROUNDS, memo=memo,
    )  # fmt: skip


def parts(found: Overview) -> dict[str, object]:
    return {o.code: o.plans[0] for o in found.organisations if o.plans}


def test_a_write_makes_its_plan_again_and_only_it(world: OverviewWorld) -> None:
    memo = RollupMemo()
    before = read(world, memo)
    tracker = world.runtime.tracker
    path = " › ".join(level.code for level in S1)
    activity = tracker.find_activity(world.plans["ppn"], "1.1", path).id
    tracker.record_progress(activity, 60, actor="admin")
    world.runtime.projections.catch_up()
    after = read(world, memo)
    ppn = {o.code: o for o in after.organisations}["ppn"]
    assert ppn.total is not None and ppn.total.activities.progress == 60  # was 45
    assert parts(after)["ppn"] is not parts(before)["ppn"]
    assert parts(after)["tsg"] is parts(before)["tsg"]
    assert parts(after)["ktu"] is parts(before)["ktu"]
    # A fresh read without the memo agrees with the remembered one.
    assert read(world, RollupMemo()).total == after.total


def test_a_filing_moves_the_plan_too(world: OverviewWorld) -> None:
    """A filing is an event of the plan itself, not of an activity: its stamp moves."""
    memo = RollupMemo()
    reader = world.runtime.reader
    stamp = reader.plan_stamp(world.plans["ppn"])
    before = read(world, memo)
    assert {o.code: o for o in before.organisations}["ppn"].rounds[0].state == "due"
    file_monitoring(world.runtime, world.plans["ppn"], Period.HALF, None, "admin")
    world.runtime.projections.catch_up()
    assert reader.plan_stamp(world.plans["ppn"]) != stamp
    after = read(world, memo)
    assert {o.code: o for o in after.organisations}["ppn"].rounds[0].state == "filed"
