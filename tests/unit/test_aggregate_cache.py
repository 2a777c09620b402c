"""The aggregate cache: a command never sees less than the store holds, a refused command
leaves the kept aggregate untouched, and copies share only what cannot change."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from application.base import aggregate_cache_size, cache_env
from application.tracker import Tracker
from domain.activity_state import Expenditure, Ledger
from domain.values import shared_in_copies
from storage.store import Store
from tests.builders import small_plan

ON = date(2009, 1, 15)


@pytest.fixture
def two_processes(tmp_path: Path) -> Iterator[tuple[Tracker, Tracker]]:
    """Two trackers on one SQLite file, each with its own cache, as two workers are."""
    store = Store.sqlite(tmp_path / "events.db")
    with Tracker(store, env=cache_env(100)) as one, Tracker(store, env=cache_env(100)) as two:
        yield one, two


def test_a_write_by_another_process_is_seen_by_the_next_command(
    two_processes: tuple[Tracker, Tracker],
) -> None:
    one, two = two_processes
    plan_id = one.import_plan(small_plan(), actor="admin").plan_id
    activity_id = one.find_activity(plan_id, "1.1").id
    kept = one.get_activity(activity_id).version  # now in one's cache
    two.record_progress(activity_id, 40, actor="somchai", occurred_on=ON)
    written = two.get_activity(activity_id).version
    assert written > kept and one.get_activity(activity_id).version == written
    assert one.get_activity(activity_id).progress_on(ON) == 40
    one.record_progress(activity_id, 50, actor="somchai", occurred_on=ON)  # not a conflict
    assert two.get_activity(activity_id).progress_on(ON) == 50


def test_what_a_command_does_to_its_copy_stays_out_of_the_kept_aggregate(
    two_processes: tuple[Tracker, Tracker],
) -> None:
    one, _ = two_processes
    plan_id = one.import_plan(small_plan(), actor="admin").plan_id
    activity_id = one.find_activity(plan_id, "1.1").id
    one.record_expenditure(activity_id, Decimal("100"), reference="ฎีกา 1", actor="a",
                           occurred_on=ON)  # fmt: skip
    handed_out = one.get_activity(activity_id)
    version = handed_out.version
    handed_out.record_progress(30, by=one.byline("a", ON))  # decided, never saved
    handed_out.ledger.entries.clear()
    again = one.get_activity(activity_id)
    assert (again.version, again.progress_on(ON), again.ledger.spent) == (
        version, 0, Decimal("100"),
    )  # fmt: skip


def test_a_copy_shares_frozen_entries_and_a_correction_replaces_one() -> None:
    ledger = Ledger([Expenditure(1, Decimal("10"), "ฎีกา 1", ON)])
    copied = copy.deepcopy(ledger)
    assert copied.entries is not ledger.entries and copied.entries[0] is ledger.entries[0]
    with pytest.raises(AttributeError):
        copied.entries[0].amount = Decimal("1")  # type: ignore[misc]


def test_only_a_frozen_dataclass_may_be_shared() -> None:
    class Mutable:
        pass

    with pytest.raises(TypeError, match="frozen dataclass"):
        shared_in_copies(Mutable)


def test_the_cache_size_is_read_from_the_environment_and_checked() -> None:
    assert aggregate_cache_size({}) == 1000
    assert aggregate_cache_size({"TIDTAM_AGGREGATE_CACHE": "0"}) == 0
    assert cache_env(0) == {}
    with pytest.raises(ValueError, match="TIDTAM_AGGREGATE_CACHE"):
        aggregate_cache_size({"TIDTAM_AGGREGATE_CACHE": "lots"})
