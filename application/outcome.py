"""What a command returns, and the keywords every command takes beside its own.

Apart from the tracker so that the readers of outcomes (the API's and the pages'
responses) need not know the tracker's use cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Required, TypedDict
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Recording

from domain.evidence import EvidenceFile


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a command did to the aggregate it was decided on (an activity, a project)."""

    aggregate_id: UUID
    version: int
    """The aggregate's version after the command: the next command's expected version."""
    position: int
    """Notification id of the last event written: read-your-writes waits for it."""
    events: tuple[str, ...]
    """Names of the aggregate's events appended, in order."""

    @classmethod
    def of(cls, aggregate: Aggregate, recordings: Sequence[Recording[UUID]]) -> Outcome:
        """The outcome of a save of ``aggregate`` (and maybe others, in one transaction)."""
        return cls(
            aggregate_id=aggregate.id,
            version=aggregate.version,
            position=recordings[-1].notification.id if recordings else 0,
            events=tuple(
                type(r.domain_event).__name__
                for r in recordings
                if r.domain_event.originator_id == aggregate.id
            ),
        )


class When(TypedDict, total=False):
    """Who records a command and when: the keywords every activity and project command
    takes beside its own (``tracker.start(a, actor="somchai", occurred_on=…)``)."""

    actor: Required[str]
    occurred_on: date | None
    """The business date it happened; by default today in Bangkok."""
    expected_version: int | None
    """The version the command was decided on; a stale one is a ``ConflictError``."""
    attached: tuple[EvidenceFile, ...]
    """Photos or PDFs proving the record the command makes, attached in the same
    transaction (``application.evidence``); refused for a command that makes none."""
