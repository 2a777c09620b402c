"""Folding and reporting without the cyclic garbage collector.

A fold of the whole log (a rebuild, a plan as of an instant) allocates millions
of small objects that live until it ends and form no reference cycles; so does a
plan-versus-actual report over a thousand activities. The cyclic collector,
triggered by allocation counts, walks every live object again at each older-
generation pass, so its cost grew with the work itself: at 200,000 events a
rebuild decoded at 10 µs an event instead of 6, and a third of a report's time
went to collections that freed nothing. Reference counting still frees what the
work lets go of; the collector runs again as soon as the last pause ends.

Pauses nest and may overlap across threads: the collector is turned off by the
first and back on by the last, and only if it was on to begin with.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block, then resume it if this was the last pause."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


def without_collector(work: Callable[P, R]) -> Callable[P, R]:
    """Run ``work`` with the collector paused (see the module's docstring)."""

    @functools.wraps(work)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return work(*args, **kwargs)

    return paused
