"""The audit feed: pages of the audit trail, filtered, in the order events were recorded.

A page holds the events after a notification position, which is a stable cursor:
the next page starts after the last event of this one, so a client paging (or
streaming) through the feed misses nothing and sees nothing twice. One row more
than asked for is read, to tell whether another page follows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from domain.thai import name_key
from projections.audit_view import AUDIT_COLUMNS
from projections.tenancy import Reach, plans_within
from storage.view_database import ViewDatabase

_SELECT = f"SELECT {', '.join(AUDIT_COLUMNS)} FROM view_audit"


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which events of the trail to show; every filter given must hold."""

    plan: UUID | None = None
    project: UUID | None = None
    """A project's own events and its activities'."""
    activity: UUID | None = None
    unit: str | None = None
    """A unit's name as typed: compared by its key, so spelling variants match."""
    actor: str | None = None
    types: Sequence[str] | None = None
    recorded_from: datetime | None = None
    recorded_to: datetime | None = None
    late_only: bool = False
    as_of: datetime | None = None
    """Recorded by this instant: the trail as it stood then."""
    reach: Reach = None
    """The organisations whose plans' events may be shown (None: every one). A row naming
    no plan is shown only to a principal of every organisation."""

    def where(self, after: int) -> tuple[str, list[Any]]:
        """The SQL condition and its parameters, for the events after ``after``."""
        within, scope = plans_within(self.reach)
        where: list[str] = ["position > ?", within]
        params: list[Any] = [after, *scope]
        for column, value in (
            ("plan_id", self.plan), ("project_id", self.project),
            ("activity_id", self.activity), ("actor", self.actor),
        ):  # fmt: skip
            if value is not None:
                where.append(f"{column} = ?")
                params.append(str(value))
        if self.unit:
            where.append("unit_key = ?")
            params.append(name_key(self.unit))
        if self.types:
            where.append(f"event_type IN ({','.join('?' * len(self.types))})")
            params.extend(self.types)
        for op, moment in (
            (">=", self.recorded_from), ("<=", self.recorded_to), ("<=", self.as_of)
        ):  # fmt: skip
            if moment is not None:
                where.append(f"recorded_at {op} ?")
                params.append(moment.astimezone(UTC).isoformat())
        if self.late_only:
            where.append("late_entry = 1")
        return " AND ".join(where), params


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One event of the trail. Identifiers, the business date and the recording instant
    are the stored text (ISO dates, UTC instants): the API's schema parses them once."""

    position: int
    aggregate_id: str
    aggregate_version: int
    kind: str
    plan_id: str | None
    project_id: str | None
    activity_id: str | None
    code: str | None
    unit_key: str | None
    event_type: str
    actor: str
    occurred_on: str
    recorded_at: str
    late_entry: bool
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AuditPage:
    entries: list[AuditEntry]
    next: int | None
    """The cursor of the next page (its ``after``); None when this page is the last."""


class AuditFeed:
    """Queries over the audit view."""

    def __init__(self, db: ViewDatabase) -> None:
        self.db = db

    def page(
        self, *, after: int = 0, limit: int = 100, only: AuditFilter | None = None
    ) -> AuditPage:
        """Up to ``limit`` events after position ``after`` that pass ``only``, oldest first."""
        condition, params = (only or AuditFilter()).where(after)
        sql = f"{_SELECT} WHERE {condition} ORDER BY position LIMIT ?"
        with self.db.reading() as cur:
            rows = cur.execute(sql, [*params, limit + 1]).fetchall()
        entries = [_entry(row) for row in rows[:limit]]
        return AuditPage(entries, entries[-1].position if len(rows) > limit else None)


def _entry(r: tuple[Any, ...]) -> AuditEntry:
    """A row read in `AUDIT_COLUMNS` order."""
    return AuditEntry(
        position=r[0], aggregate_id=r[1], aggregate_version=r[2], kind=r[3], plan_id=r[4],
        project_id=r[5], activity_id=r[6], code=r[7], unit_key=r[8], event_type=r[9],
        actor=r[10], occurred_on=r[11], recorded_at=r[12], late_entry=bool(r[13]),
        payload=json.loads(r[14]),
    )  # fmt: skip
