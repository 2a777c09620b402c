"""The audit trail: every event, who recorded it, for which day, and when.

One row per event in ``view_audit``, keyed by its notification position, with
the plan, activity and unit it concerns so auditors can filter the global feed,
and a ``late_entry`` mark when the business date falls in an earlier month
(Bangkok) than the recording: late entries are normal, and must stay visible.

The trail only writes facts out again, so it reads events as stored
(`projections.stored`) and renders their tagged JSON values itself, as `jsonable`
would render the decoded values: decoding was over a third of its rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any, NamedTuple, cast
from uuid import UUID

from pydantic_core import to_json

from domain.calendar import Month
from domain.clock import BANGKOK
from domain.draft import StrategyLevel
from domain.recorded import Recorded
from domain.thai import name_key
from projections.stored import StoredFacts
from projections.view import View
from storage.transcodings import EventTranscoder
from storage.view_database import Cursor

_BASE_FIELDS = frozenset(
    {"originator_id", "originator_version", "timestamp", "originator_topic", "actor", "occurred_on"}
)
AUDIT_COLUMNS = (
    "position",
    "aggregate_id",
    "aggregate_version",
    "kind",
    "plan_id",
    "project_id",
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
    """Every event as a row of the audit trail, rendered from the stored facts."""

    name = "audit"
    reads_stored = True
    tables = ("view_audit",)
    schema_version = 4

    def create(self, cur: Cursor, suffix: str = "") -> None:
        # On SQLite the position is the rowid itself: rows arrive in position order and
        # are appended, with no separate key index to keep (a sixth of a rebuild's writes).
        key = "INTEGER" if cur.dialect == "sqlite" else "BIGINT"
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_audit{suffix} ("
            f"position {key} PRIMARY KEY, aggregate_id TEXT NOT NULL,"
            " aggregate_version INTEGER NOT NULL, kind TEXT NOT NULL, plan_id TEXT,"
            " project_id TEXT, activity_id TEXT, code TEXT, unit_key TEXT,"
            " event_type TEXT NOT NULL, actor TEXT NOT NULL, occurred_on TEXT NOT NULL,"
            " recorded_at TEXT NOT NULL, late_entry INTEGER NOT NULL, payload TEXT NOT NULL)"
        )

    def create_indexes(self, cur: Cursor) -> None:
        cur.execute(
            "CREATE INDEX IF NOT EXISTS ix_audit_activity ON view_audit (activity_id, position)"
        )
        cur.execute("CREATE INDEX IF NOT EXISTS ix_audit_plan ON view_audit (plan_id, position)")
        cur.execute(
            "CREATE INDEX IF NOT EXISTS ix_audit_project ON view_audit (project_id, position)"
        )
        cur.execute("CREATE INDEX IF NOT EXISTS ix_audit_recorded ON view_audit (recorded_at)")
        # Only creation rows: the one lookup by aggregate (`_owner`) asks for version 1.
        cur.execute("DROP INDEX IF EXISTS ix_audit_aggregate")
        cur.execute(
            "CREATE INDEX IF NOT EXISTS ix_audit_created"
            " ON view_audit (aggregate_id) WHERE aggregate_version = 1"
        )

    def process(
        self, cur: Cursor, batch: Sequence[tuple[int, object]], suffix: str = "", state: Any = None
    ) -> dict[str, Owner]:
        owners: dict[str, Owner] = state if state is not None else {}
        rows = []
        for position, stored in batch:
            stored = cast(StoredFacts, stored)
            kind = _recorded_kind(stored.event_class)
            if kind is None:
                continue
            aggregate_id = _id_text(stored.originator_id)
            owner = owners.get(aggregate_id)
            if owner is None:
                owner = owners[aggregate_id] = self._owner(cur, stored, kind, suffix)
            rows.append(audit_row(position, stored, kind, aggregate_id, owner))
        cur.append(f"view_audit{suffix}", rows)
        return owners

    @staticmethod
    def _owner(cur: Cursor, stored: StoredFacts, kind: str, suffix: str) -> Owner:
        """Where the aggregate belongs: from its creation event, which is either this
        event or an earlier row of the trail."""
        if stored.originator_version == 1:
            return owner_of(stored, kind)
        row = cur.execute(
            f"SELECT plan_id, project_id, code, unit_key FROM view_audit{suffix}"
            " WHERE aggregate_id = ? AND aggregate_version = 1",
            (_id_text(stored.originator_id),),
        ).fetchone()
        return Owner(row[0], row[1], row[2] or "", row[3]) if row else Owner(None, None, "", None)


class Owner(NamedTuple):
    """Where an aggregate belongs, as the trail's filters need it."""

    plan_id: str | None
    project_id: str | None
    """The project itself, or an activity's project (None for a plan)."""
    code: str
    unit_key: str | None
    """An activity's responsible unit (`name_key`)."""


def owner_of(created: StoredFacts, kind: str) -> Owner:
    """What a creation event says about where its aggregate belongs."""
    facts = created.facts
    if kind == "plan":
        return Owner(_id_text(created.originator_id), None, "", None)
    plan_id = _uuid_text(facts["plan_id"]["_data_"])
    if kind == "project":
        return Owner(plan_id, _id_text(created.originator_id), facts["code"], None)
    project_id = _uuid_text(facts["project_id"]["_data_"])
    return Owner(plan_id, project_id, facts["code"], name_key(facts["unit"]))


@lru_cache(maxsize=256)
def _recorded_kind(event_class: type) -> str | None:
    """``plan``, ``project`` or ``activity`` for a Tidtam event class; None for others."""
    if not issubclass(event_class, Recorded):
        return None
    return event_class.aggregate_kind


_id_text = lru_cache(maxsize=65536)(str)
"""An aggregate's id as text, remembered: its events come by the dozen."""


@lru_cache(maxsize=65536)
def _uuid_text(hex_text: str) -> str:
    return str(UUID(hex_text))


def is_late_entry(occurred_on: date, recorded_at: datetime) -> bool:
    """Recorded in a later month (Bangkok) than the day it concerns."""
    local = recorded_at.astimezone(BANGKOK)
    return (occurred_on.year, occurred_on.month) < (local.year, local.month)


def is_late_entry_text(occurred_on: str, recorded_at: str) -> bool:
    """`is_late_entry` of the ISO texts the log stores, parsing them only when it must.

    Recording instants are UTC, and Bangkok (UTC+7, no summer time) is never in an
    earlier month than UTC: a business month before the UTC month is late, one after
    it is not, and in the same month only an instant from 17:00 UTC on can be the
    next month in Bangkok.
    """
    if recorded_at.endswith("+00:00"):
        business_month, utc_month = occurred_on[:7], recorded_at[:7]
        if business_month != utc_month:
            return business_month < utc_month
        if recorded_at[11:13] < "17":
            return False
    return is_late_entry(date.fromisoformat(occurred_on), datetime.fromisoformat(recorded_at))


def audit_row(
    position: int, stored: StoredFacts, kind: str, aggregate_id: str, owner: Owner
) -> tuple[Any, ...]:
    """The trail's row for one stored event (``aggregate_id`` is its originator as text)."""
    payload = stored.facts.copy()  # the facts stay as read: another view may share them
    recorded_at = payload.pop("timestamp")["_data_"]
    actor = payload.pop("actor")
    occurred_on = payload.pop("occurred_on")["_data_"]
    payload.pop("originator_topic", None)  # creation events name their aggregate's class
    for key, value in payload.items():
        if type(value) is dict or type(value) is list:
            payload[key] = rendered(value)
    return (
        position,
        aggregate_id,
        stored.originator_version,
        kind,
        owner.plan_id,
        owner.project_id,
        aggregate_id if kind == "activity" else None,
        owner.code,
        owner.unit_key,
        stored.event_class.__name__,
        actor,
        occurred_on,
        recorded_at,
        int(is_late_entry_text(occurred_on, recorded_at)),
        to_json(payload).decode(),  # a third of the cost of json.dumps
    )


def rendered(value: Any) -> Any:
    """A stored JSON value as the trail shows it: what `jsonable` makes of the value
    it decodes to (ISO dates and months, decimal strings, dashed UUIDs)."""
    kind = type(value)
    if kind is dict:
        if len(value) == 2 and "_data_" in value:
            name = value.get("_type_")
            if type(name) is str:
                render = _TAGGED.get(name)
                return render(value["_data_"]) if render else jsonable(_decode_tagged(value))
        return {key: rendered(item) for key, item in value.items()}
    if kind is list:
        return [rendered(item) for item in value]
    return value


def _same(data: Any) -> Any:
    return data


_TAGGED: dict[str, Any] = {
    "uuid_hex": _uuid_text,
    "decimal_str": _same,  # str(Decimal(text)) is the text the encoder wrote
    "datetime_iso": _same,
    "date": _same,
    "month": _same,
    "planned_step": rendered,
    "strategy_level": lambda data: {"code": data[0], "name": data[1]},
}
"""How each tagged value the log holds is shown, without decoding it; anything else is
decoded by the transcoder and shown as `jsonable` shows the value."""


def _decode_tagged(value: dict[str, Any]) -> Any:
    return _TRANSCODER.decode(to_json(value))


_TRANSCODER = EventTranscoder()


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
