"""The audit trail: every event, who recorded it, for which day, and when.

One row per event in ``view_audit``, keyed by its notification position, with
the plan, activity and unit it concerns so auditors can filter the global feed,
and a ``late_entry`` mark when the business date falls in an earlier month
(Bangkok) than the recording: late entries are normal, and must stay visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any
from uuid import UUID

from pydantic_core import to_json

from domain.calendar import Month
from domain.clock import BANGKOK
from domain.draft import StrategyLevel
from domain.recorded import Recorded
from domain.thai import name_key
from projections.db import Cursor
from projections.view import View

_BASE_FIELDS = frozenset(
    {"originator_id", "originator_version", "timestamp", "originator_topic", "actor", "occurred_on"}
)
AUDIT_COLUMNS = (
    "position",
    "aggregate_id",
    "aggregate_version",
    "kind",
    "plan_id",
    "activity_id",
    "code",
    "unit_key",
    "event_type",
    "actor",
    "occurred_on",
    "recorded_at",
    "late_entry",
    "payload",
)


class AuditView(View):
    """Every event as a row of the audit trail."""

    name = "audit"
    tables = ("view_audit",)
    schema_version = 3

    def create(self, cur: Cursor, suffix: str = "") -> None:
        # On SQLite the position is the rowid itself: rows arrive in position order and
        # are appended, with no separate key index to keep (a sixth of a rebuild's writes).
        key = "INTEGER" if cur.dialect == "sqlite" else "BIGINT"
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_audit{suffix} ("
            f"position {key} PRIMARY KEY, aggregate_id TEXT NOT NULL,"
            " aggregate_version INTEGER NOT NULL, kind TEXT NOT NULL, plan_id TEXT,"
            " activity_id TEXT, code TEXT, unit_key TEXT, event_type TEXT NOT NULL,"
            " actor TEXT NOT NULL, occurred_on TEXT NOT NULL, recorded_at TEXT NOT NULL,"
            " late_entry INTEGER NOT NULL, payload TEXT NOT NULL)"
        )

    def create_indexes(self, cur: Cursor) -> None:
        cur.execute(
            "CREATE INDEX IF NOT EXISTS ix_audit_activity ON view_audit (activity_id, position)"
        )
        cur.execute("CREATE INDEX IF NOT EXISTS ix_audit_plan ON view_audit (plan_id, position)")
        cur.execute("CREATE INDEX IF NOT EXISTS ix_audit_recorded ON view_audit (recorded_at)")
        # Only creation rows: the one lookup by aggregate (`_owner`) asks for version 1.
        cur.execute("DROP INDEX IF EXISTS ix_audit_aggregate")
        cur.execute(
            "CREATE INDEX IF NOT EXISTS ix_audit_created"
            " ON view_audit (aggregate_id) WHERE aggregate_version = 1"
        )

    def process(
        self, cur: Cursor, batch: Sequence[tuple[int, object]], suffix: str = "", state: Any = None
    ) -> dict[UUID, tuple[str | None, str, str | None]]:
        owners: dict[UUID, tuple[str | None, str, str | None]] = state if state is not None else {}
        rows = []
        for position, event in batch:
            if not isinstance(event, Recorded):
                continue
            owner = owners.get(event.originator_id) or self._owner(cur, event, suffix)
            owners[event.originator_id] = owner
            rows.append(audit_row(position, event, owner))
        cur.executemany(
            f"INSERT INTO view_audit{suffix} VALUES ({','.join('?' * len(AUDIT_COLUMNS))})", rows
        )
        return owners

    @staticmethod
    def _owner(cur: Cursor, event: Recorded, suffix: str) -> tuple[str | None, str, str | None]:
        """(plan id, code, unit key) of the aggregate: from its creation event, which is
        either this event or an earlier row of the trail."""
        created = owner_of(event)
        if created is not None:
            return created
        row = cur.execute(
            f"SELECT plan_id, code, unit_key FROM view_audit{suffix}"
            " WHERE aggregate_id = ? AND aggregate_version = 1",
            (str(event.originator_id),),
        ).fetchone()
        return (row[0], row[1] or "", row[2]) if row else (None, "", None)


def owner_of(event: Recorded) -> tuple[str | None, str, str | None] | None:
    """What a creation event says about where its aggregate belongs."""
    kind = aggregate_kind(event)
    if event.originator_version != 1:
        return None
    fields = vars(event)
    if kind == "plan":
        return (str(event.originator_id), "", None)
    if kind == "project":
        return (str(fields["plan_id"]), fields["code"], None)
    return (str(fields["plan_id"]), fields["code"], name_key(fields["unit"]))


def aggregate_kind(event: object) -> str:
    """``plan``, ``project`` or ``activity``: the aggregate an event belongs to."""
    kind = _KINDS.get(type(event))
    if kind is None:
        kind = _KINDS[type(event)] = type(event).__qualname__.split(".")[0].lower()
    return kind


_KINDS: dict[type, str] = {}
_id_text = lru_cache(maxsize=65536)(str)
"""An aggregate's id as text, remembered: its events come by the dozen."""


def is_late_entry(occurred_on: date, recorded_at: datetime) -> bool:
    """Recorded in a later month (Bangkok) than the day it concerns."""
    local = recorded_at.astimezone(BANGKOK)
    return (occurred_on.year, occurred_on.month) < (local.year, local.month)


def audit_row(
    position: int, event: Recorded, owner: tuple[str | None, str, str | None]
) -> tuple[Any, ...]:
    kind = aggregate_kind(event)
    aggregate_id = _id_text(event.originator_id)
    return (
        position,
        aggregate_id,
        event.originator_version,
        kind,
        owner[0],
        aggregate_id if kind == "activity" else None,
        owner[1],
        owner[2],
        type(event).__name__,
        event.actor,
        event.occurred_on.isoformat(),
        event.timestamp.isoformat(),
        int(is_late_entry(event.occurred_on, event.timestamp)),
        to_json(event_payload(event)).decode(),  # a third of the cost of json.dumps
    )


def event_payload(event: object) -> dict[str, Any]:
    """An event's own facts as JSON-ready values (ISO dates, decimal strings)."""
    payload = {}
    for key, value in vars(event).items():
        if key not in _BASE_FIELDS:
            payload[key] = value if type(value) in _PLAIN else jsonable(value)
    return payload


_PLAIN = frozenset((str, int, float, bool, type(None)))
_BY_TYPE: dict[type, Any] = {
    date: date.isoformat,
    datetime: datetime.isoformat,
    Decimal: str,
    UUID: str,
    Month: lambda month: month.iso,
}
"""The common value types by exact type, before the general ``isinstance`` ladder:
the audit trail converts every field of every event."""


def jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    convert = _BY_TYPE.get(type(value))
    if convert is not None:
        return convert(value)
    if isinstance(value, Month):
        return value.iso
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, StrategyLevel):
        return {"code": value.code, "name": value.name}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value
