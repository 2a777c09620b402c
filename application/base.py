"""What Tidtam's applications (one per bounded context) have in common.

Each is an ``eventsourcing`` application on the store the environment names,
with Tidtam's transcodings and a clock from which commands take their bylines.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Transcoder

from domain.clock import BANGKOK, Clock, SystemClock
from domain.errors import NotFoundError
from domain.recorded import Byline
from storage.store import Store
from storage.transcodings import EventTranscoder

A = TypeVar("A", bound=Aggregate)
M = TypeVar("M")


def replay(aggregate: M | None, events: Iterable[Any]) -> M | None:
    """Apply ``events`` in order, as the library's default projector does, minus its
    per-event ``isinstance`` check against a runtime Protocol: on Python 3.11 that
    check alone was a quarter of a command's time. Our events are all ``Recorded``."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


AGGREGATE_CACHE = 1000
"""Aggregates a process keeps between commands (``TIDTAM_AGGREGATE_CACHE``; 0: none)."""


def aggregate_cache_size(environ: Mapping[str, str] = os.environ) -> int:
    """How many aggregates to keep, from the environment; a value that is not a
    whole number of zero or more is refused at start, naming the setting."""
    told = environ.get("TIDTAM_AGGREGATE_CACHE", "").strip()
    if not told:
        return AGGREGATE_CACHE
    if not told.isdigit():
        raise ValueError(f"TIDTAM_AGGREGATE_CACHE must be a whole number of 0 or more: {told!r}")
    return int(told)


def cache_env(size: int) -> dict[str, str]:
    """The library's settings for an aggregate cache of ``size`` entries.

    A command's cost was its aggregate's whole stream replayed (an activity recorded
    on every week for years replays hundreds of events per command). The library's
    cache keeps up to ``size`` aggregates, least recently used first out, and before
    handing one out reads the events recorded after the version it holds (one
    query, usually empty) and applies them: another process's or thread's writes
    are never missed, so it is safe with several workers on one database. Each
    command gets a deep copy, so a refused command leaves the kept one untouched.
    """
    return {"AGGREGATE_CACHE_MAXSIZE": str(size)} if size > 0 else {}


class TidtamApplication(Application[UUID]):
    """An event-sourced application on Tidtam's store, transcodings and clock."""

    def __init__(
        self,
        store: Store | None = None,
        *,
        clock: Clock | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store or Store.from_environ()
        self.clock = clock or SystemClock()
        cache = cache_env(aggregate_cache_size())
        super().__init__({**self.store.application_env(), **cache, **(env or {})})

    def construct_transcoder(self) -> Transcoder:
        transcoder = EventTranscoder()
        self.register_transcodings(transcoder)
        return transcoder

    def byline(self, actor: str, occurred_on: date | None = None) -> Byline:
        """Who and when for a command: the business date defaults to today in Bangkok."""
        now = self.clock.now()
        return Byline(actor, occurred_on or now.astimezone(BANGKOK).date(), now)

    def _get(self, aggregate_id: UUID, kind: type[A], rule: str, **values: Any) -> A:
        try:
            aggregate: object = self.repository.get(aggregate_id, projector_func=replay)
        except AggregateNotFoundError:
            raise NotFoundError(rule, **values) from None
        if not isinstance(aggregate, kind):
            raise NotFoundError(rule, **values)
        return aggregate
