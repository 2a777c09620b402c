"""A memo with a bound: what readers keep between requests never grows past a size.

Readers keep parsed fact sheets and plan-versus-actual rows between requests so a
thousand-activity page after one write re-makes one row, not a thousand; but a
server that lives for months and is read across many plans and years must not keep
every sheet it ever parsed. Each memo holds at most ``size`` entries and lets the
least recently used go first; requests read it from several threads, so it locks.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Bounded(Generic[K, V]):
    """At most ``size`` entries, least recently used out first; safe across threads."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"a bounded memo holds at least one entry, not {size}")
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self) -> int:
        return len(self._entries)
