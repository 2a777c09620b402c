"""A chain over every event of a log, and the check that the log was not edited since.

Each event's link is a SHA-256 over the previous link and the event exactly as stored
(position, aggregate, version, topic, state bytes). The links are kept in a table of
their own, folded like any view (``ChainView``), so the chain grows as people record.
``verify`` recomputes every link from the events and names the first position where a
row was changed, removed, inserted or reordered. Someone able to rewrite the events
could rewrite the chain table too, so the head (position and link) is also shown to
people, who write it into their minutes; a later ``verify_against`` that head proves
nothing before it changed.

A link depends only on what the log stores, never on the backend: a store copied to
PostgreSQL gives the same links.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, cast
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Notification

from projections.view import View
from storage.view_database import Cursor, ViewDatabase

_READ = 1000


def genesis(log: str) -> str:
    """The link before a log's first event: names the log, so logs cannot be swapped."""
    return hashlib.sha256(f"tidtam chain v1 {log}".encode()).hexdigest()


def link(previous: str, notification: Notification) -> str:
    """The link of ``notification``, following ``previous``."""
    originator = notification.originator_id
    ident = originator.hex if isinstance(originator, UUID) else UUID(str(originator)).hex
    head = f"{previous}|{notification.id}|{ident}|{notification.originator_version}|"
    return hashlib.sha256(
        head.encode() + str(notification.topic).encode() + b"|" + _bytes(notification.state)
    ).hexdigest()


def _bytes(state: object) -> bytes:
    """The state as stored; a row rewritten by hand may come back as text instead."""
    if isinstance(state, bytes | bytearray | memoryview):
        return bytes(state)
    return str(state).encode()


class ChainView(View):
    """The links of one application's log (``view_chain_<log>``: position, link)."""

    log: ClassVar[str]
    reads_raw = True
    rebuilt_when_ahead = False  # a log that lost its tail is for verify to name
    schema_version = 1

    def create(self, cur: Cursor, suffix: str = "") -> None:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS {self.tables[0]}{suffix} ("
            "position BIGINT PRIMARY KEY, link TEXT NOT NULL)"
        )

    def create_indexes(self, cur: Cursor) -> None:
        """The primary key is the only index the chain needs."""

    def process(
        self, cur: Cursor, batch: Sequence[tuple[int, object]], suffix: str = "", state: Any = None
    ) -> str:
        previous: str = state if state is not None else self._last(cur, suffix)
        rows = []
        for position, row in batch:
            previous = link(previous, cast(Notification, row))  # reads_raw: the log's rows
            rows.append((position, previous))
        if state is None:
            cur.executemany(f"INSERT INTO {self.tables[0]}{suffix} VALUES (?, ?)", rows)
        else:
            cur.append(f"{self.tables[0]}{suffix}", rows)
        return previous

    def rebuild_state(self) -> str:
        return genesis(self.log)

    def _last(self, cur: Cursor, suffix: str) -> str:
        row = cur.execute(
            f"SELECT link FROM {self.tables[0]}{suffix} ORDER BY position DESC LIMIT 1"
        ).fetchone()
        return str(row[0]) if row else genesis(self.log)


class TrackerChain(ChainView):
    log = "tracker"
    name = "chain_tracker"
    tables = ("view_chain_tracker",)


class PeopleChain(ChainView):
    log = "people"
    name = "chain_people"
    tables = ("view_chain_people",)


class AlertsChain(ChainView):
    log = "alerts"
    name = "chain_alerts"
    tables = ("view_chain_alerts",)


CHAINS: dict[str, type[ChainView]] = {c.log: c for c in (TrackerChain, PeopleChain, AlertsChain)}
"""Every log's chain, by the log's name."""

Tampering = Literal["changed", "removed", "inserted", "reordered"]


@dataclass(frozen=True, slots=True)
class Finding:
    """Where a log stopped matching its chain, and how."""

    log: str
    position: int
    kind: Tampering
    other: int | None = None
    """For a reordering: the position the event at ``position`` was chained at."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """A log checked against its chain: how far, its head, the first finding if any."""

    log: str
    checked: int
    head: tuple[int, str]
    """(position, link) of the last event chained; (0, genesis) for an empty chain."""
    finding: Finding | None

    @property
    def intact(self) -> bool:
        return self.finding is None


def events(recorder: ApplicationRecorder, *, stop: int | None = None) -> Iterator[Notification]:
    """Every event of a log as stored, in position order, up to ``stop``."""
    start = 1
    while batch := recorder.select_notifications(start, _READ, stop=stop):
        yield from batch
        start = batch[-1].id + 1


def head(db: ViewDatabase, log: str) -> tuple[int, str]:
    """The last link of ``log``'s chain as the view holds it: (position, link); (0, the
    genesis) before its first event. What a municipality writes into its minutes."""
    table = CHAINS[log].tables[0]
    with db.reading() as cur:
        row = cur.execute(
            f"SELECT position, link FROM {table} ORDER BY position DESC LIMIT 1"
        ).fetchone()
    return (int(row[0]), str(row[1])) if row else (0, genesis(log))


def link_at(db: ViewDatabase, log: str, position: int | None) -> tuple[int, str]:
    """The chain's last link at or before ``position`` (None: the head): what a report
    read as of an earlier instant prints, so its copy can be held to the log."""
    if position is None:
        return head(db, log)
    table = CHAINS[log].tables[0]
    with db.reading() as cur:
        row = cur.execute(
            f"SELECT position, link FROM {table} WHERE position <= ? "
            "ORDER BY position DESC LIMIT 1",
            (position,),
        ).fetchone()
    return (int(row[0]), str(row[1])) if row else (0, genesis(log))


def chained(db: ViewDatabase, log: str) -> list[tuple[int, str]]:
    """The chain table of ``log``: (position, link), in position order."""
    table = CHAINS[log].tables[0]
    with db.reading() as cur:
        rows = cur.execute(f"SELECT position, link FROM {table} ORDER BY position").fetchall()
    return [(int(position), str(value)) for position, value in rows]


def verify(log: str, recorder: ApplicationRecorder, db: ViewDatabase) -> Verdict:
    """Recompute every link of ``log`` from its events and hold it to the chain table.

    Each event is linked to the table's previous link, so a changed row is named at its
    own position and the rows after it still check. Events past the chain's head (the
    view not caught up yet) are not judged.
    """
    chain = chained(db, log)
    head = chain[-1] if chain else (0, genesis(log))
    before = [genesis(log), *(value for _, value in chain)]
    previous = dict(zip((position for position, _ in chain), before, strict=False))
    links = dict(chain)
    present: set[int] = set()
    mismatched: dict[int, Notification] = {}
    first: Finding | None = None
    for notification in events(recorder, stop=head[0] or None):
        position = notification.id
        if position > head[0]:
            break
        present.add(position)
        if position not in links:
            first = first or Finding(log, position, "inserted")
        elif link(previous[position], notification) != links[position]:
            mismatched[position] = notification
    removed = [p for p in links if p not in present]
    found = (first, _removed(log, removed), _changed(log, mismatched, previous, links))
    candidates = [f for f in found if f is not None]
    finding = min(candidates, key=lambda f: f.position) if candidates else None
    return Verdict(log, len(present), head, finding)


def _removed(log: str, positions: list[int]) -> Finding | None:
    return Finding(log, min(positions), "removed") if positions else None


def _changed(
    log: str,
    mismatched: dict[int, Notification],
    previous: dict[int, str],
    links: dict[int, str],
) -> Finding | None:
    """What happened at the first position whose row no longer links.

    Rows edited with plain SQL keep their contents when they move: the content now at
    a position may link where it was first chained. A row whose content belongs one
    place later, with the next row's content belonging here, means the later rows
    moved down: one was removed. The next row holding this one's content means a row
    was inserted before it. Two rows holding each other's content were reordered.
    Anything else was changed.
    """
    if not mismatched:
        return None
    first = min(mismatched)

    def origin(position: int) -> int | None:
        """Where the content now at ``position`` was chained, if anywhere near."""
        row = mismatched.get(position)
        if row is None:
            return None
        for place in sorted({position - 1, position + 1, *mismatched} - {position}):
            if place in links and link(previous[place], _at(row, place)) == links[place]:
                return place
        return None

    here, after = origin(first), origin(first + 1)
    if here == first + 1:
        return Finding(log, first, "removed")
    if here is None and after == first:
        return Finding(log, first, "inserted")
    if here is not None and origin(here) == first:
        return Finding(log, first, "reordered", here)
    return Finding(log, first, "changed")


def _at(row: Notification, position: int) -> Notification:
    """``row``'s content as if it stood at ``position``."""
    return Notification(
        id=position,
        originator_id=row.originator_id,
        originator_version=row.originator_version,
        topic=row.topic,
        state=row.state,
    )


def verify_against(
    log: str, recorder: ApplicationRecorder, position: int, expected: str
) -> tuple[bool, str]:
    """Whether the log's events up to ``position`` still give the link ``expected`` (a
    head written into minutes); returns the verdict and the link they give today."""
    current, reached = genesis(log), 0
    for notification in events(recorder, stop=position):
        if notification.id > position:
            break
        current, reached = link(current, notification), notification.id
    return (reached == position and current == expected), current
