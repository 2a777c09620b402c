"""The bare library's twin of an activity, shared by the benchmarks that judge against it.

A minimal aggregate with one event type after its creation, driven by a plain
``eventsourcing`` application with its default transcoder and no rules: the
library's own cost of a command (read a stream, append one event in a
transaction), which no command of Tidtam's can go below.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event


class Tally(Aggregate):
    """The bare twin of an activity: one stream, one kind of event after its creation."""

    @event("Created")
    def __init__(self) -> None:
        self.percent = 0

    @event("Moved")
    def move(self, percent: int) -> None:
        self.percent = percent


class BareApplication(Application[UUID]):
    """The library with nothing of Tidtam's: its default transcoder, no rules."""

    name = "BareBench"


def twins(app: BareApplication, count: int, moves: int, *, batch: int = 1000) -> list[UUID]:
    """``count`` tallies saved in ``app``'s store, each moved ``moves`` times after its
    creation: the bare twins of as many activities, with streams as long as theirs."""
    tallies = [Tally() for _ in range(count)]
    for n in range(moves):
        for tally in tallies:
            tally.move(n)
    for start in range(0, count, batch):
        app.save(*tallies[start : start + batch])
    return [tally.id for tally in tallies]
