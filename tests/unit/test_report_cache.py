"""The report cache: one build per key, however many ask at once; newest kept, oldest dropped.
The public pages' cache besides: one build at a time."""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable
from functools import partial

import pytest

from api.public_cache import PublicBusyError, PublicPages
from api.report_cache import ReportCache


def key_of(position: int) -> Hashable:
    return ("report", position)


def test_concurrent_requests_for_one_state_build_it_once() -> None:
    cache = ReportCache()
    builds: list[int] = []
    start = threading.Barrier(8)

    def build() -> tuple[int, bytes]:
        builds.append(1)
        time.sleep(0.05)  # long enough for the others to arrive and wait
        return 7, b"report at 7"

    bodies: list[bytes] = []

    def ask() -> None:
        start.wait()
        bodies.append(cache.serve(key_of, 7, build).body)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and bodies == [b"report at 7"] * 8
    assert (cache.builds, cache.hits) == (1, 7)


def test_a_build_that_read_newer_views_is_kept_under_both_positions() -> None:
    cache = ReportCache()
    served = cache.serve(key_of, 5, lambda: (6, b"report at 6"))
    assert cache.serve(key_of, 6, lambda: (6, b"rebuilt")).body == b"report at 6"
    assert served.etag == cache.serve(key_of, 6, lambda: (6, b"x")).etag  # tagged by what it holds


def test_different_states_have_different_tags_and_the_oldest_is_dropped() -> None:
    cache = ReportCache(size=2)

    def built_at(position: int) -> tuple[int, bytes]:
        return position, f"at {position}".encode()

    tags = {cache.serve(key_of, p, partial(built_at, p)).etag for p in (1, 2, 3)}
    assert len(tags) == 3
    assert cache.serve(key_of, 1, lambda: (1, b"rebuilt 1")).body == b"rebuilt 1"
    assert cache.serve(key_of, 3, lambda: (3, b"rebuilt 3")).body == b"at 3"


def test_public_pages_are_built_one_at_a_time_and_a_late_turn_is_told_to_come_back() -> None:
    pages = PublicPages(patience=0.05)
    building, release = threading.Event(), threading.Event()

    def slow() -> tuple[int, bytes]:
        building.set()
        release.wait(5)
        return 3, b"day one"

    first = threading.Thread(target=lambda: pages.serve(lambda p: ("a", p), 3, slow))
    first.start()
    assert building.wait(5)
    try:
        with pytest.raises(PublicBusyError) as busy:  # another day's page, while one builds
            pages.serve(lambda p: ("b", p), 3, lambda: (3, b"day two"))
        assert busy.value.rule == "public_busy" and busy.value.http_status == 503
    finally:
        release.set()
        first.join()
    assert pages.serve(lambda p: ("a", p), 3, slow).body == b"day one"  # kept: no wait
    assert pages.serve(lambda p: ("b", p), 3, lambda: (3, b"day two")).body == b"day two"
