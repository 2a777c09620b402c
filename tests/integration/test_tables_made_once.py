"""Processes that start together on one PostgreSQL schema all open their logs.

At boot the API workers, the projector and the scheduler each open the plans' and the
people's logs at once, and each opening runs the library's table-making statements
(a ``CREATE OR REPLACE FUNCTION`` among them). Run side by side, one of them failed
with "tuple concurrently updated"; the store makes them take turns.
"""

from __future__ import annotations

import threading

import pytest

from application.directory import Directory
from application.tracker import Tracker
from storage.store import Store

pytestmark = pytest.mark.postgres


def test_eight_openings_at_once_all_succeed(postgres_store: Store) -> None:
    start = threading.Barrier(8)
    failures: list[BaseException] = []

    def open_both() -> None:
        start.wait()
        try:
            with Tracker(postgres_store), Directory(postgres_store):
                pass
        except BaseException as error:  # raised below, in the test
            failures.append(error)

    for _ in range(3):  # a race: each round is another chance for it to show
        threads = [threading.Thread(target=open_both) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        start.reset()
    assert not failures, failures
