"""Read-heavy reports, serialised once per state of the views.

Plan versus actual for a thousand activities is CPU-bound work (parse the fact
sheets, assess each activity, build and serialise a megabyte and a half of JSON),
and sixteen managers opening it together would queue behind one interpreter. Yet
its content is a pure function of the plan view, the business day and the
filters, and the plan view changes only when its position moves (rows and
position are written in one transaction). So the bytes are kept under exactly
that key: a hit is served without touching the views' documents, a write anywhere
moves the position and the next request builds afresh. Only one request builds a
given key; the others wait for it rather than repeat the work. The ETag is the
key's digest, so a client that kept the body gets 304.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

KeyOf = Callable[[int], Hashable]
"""The cache key for the views at a position (the rest of the key is the request's)."""


@dataclass(frozen=True, slots=True)
class Rendered:
    body: bytes
    etag: str


class ReportCache:
    """A small LRU of serialised reports, keyed by view position and request."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Rendered] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.builds = 0

    def serve(
        self, key_of: KeyOf, position: int, build: Callable[[], tuple[int, bytes]]
    ) -> Rendered:
        """The report for the views at ``position``, built at most once per key.

        ``build`` reads the views itself and returns the position it read them at
        (possibly newer than ``position``) with the bytes; they are kept under both.
        """
        key = key_of(position)
        found = self._get(key)
        if found is not None:
            return found
        with self._flight(key):
            found = self._get(key)  # built by the request this one waited for
            if found is not None:
                return found
            built_at, body = build()
            rendered = Rendered(body, _etag(key_of(built_at)))
            with self._lock:
                self.builds += 1
                for k in {key, key_of(built_at)}:
                    self._entries[k] = rendered
                    self._entries.move_to_end(k)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            return rendered

    def _get(self, key: Hashable) -> Rendered | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            return found

    def _flight(self, key: Hashable) -> _Flight:
        with self._lock:
            lock = self._flights.setdefault(key, threading.Lock())
        return _Flight(self, key, lock)

    def _landed(self, key: Hashable, lock: threading.Lock) -> None:
        with self._lock:
            if self._flights.get(key) is lock and not lock.locked():
                del self._flights[key]


class _Flight:
    """Holds a key's build lock; forgets the lock when nobody holds it any more."""

    def __init__(self, cache: ReportCache, key: Hashable, lock: threading.Lock) -> None:
        self.cache, self.key, self.lock = cache, key, lock

    def __enter__(self) -> None:
        self.lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self.lock.release()
        self.cache._landed(self.key, self.lock)


def _etag(key: Hashable) -> str:
    return '"' + hashlib.sha256(repr(key).encode()).hexdigest()[:32] + '"'
