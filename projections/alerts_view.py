"""The alerts view: every flag raised on an activity and what became of it.

One row per flag in ``view_flags`` — detected, acknowledged, snoozed, resolved —
with the activity's plan, code, name and unit, so managers' pages, the API and
the e-mail digest read alerts with one query. The notification positions at
which a flag was raised and resolved let the digest report exactly what is new
since the last one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from domain.activity import Activity
from domain.calendar import Month, thai_date
from domain.flags import FlagKey, Rule
from domain.schedule import due_by
from domain.thai import name_key
from projections.runner import read_position
from projections.tenancy import Reach, plans_within
from projections.view import View
from storage.view_database import Cursor, ViewDatabase

FLAG_COLUMNS = (
    "flag_id",
    "activity_id",
    "plan_id",
    "code",
    "name",
    "unit",
    "unit_key",
    "rule",
    "step",
    "period",
    "details",
    "detected_on",
    "detected_position",
    "detected_at",
    "resolved_on",
    "resolved_reason",
    "resolved_position",
    "acknowledged_by",
    "acknowledged_at",
    "snoozed_until",
    "acknowledged_note",
    "snoozed_by",
    "snoozed_note",
)


class AlertsView(View):
    """Flags and their fate, with where their activity sits in the plan."""

    name = "alerts"
    tables = ("view_flags", "view_flag_activities")
    schema_version = 2  # 2: the notes of acknowledgements and snoozes, and who snoozed

    def create(self, cur: Cursor, suffix: str = "") -> None:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_flag_activities{suffix} ("
            "activity_id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, project_id TEXT NOT NULL,"
            " code TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL, unit_key TEXT NOT NULL)"
        )
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_flags{suffix} ("
            "flag_id TEXT PRIMARY KEY, activity_id TEXT NOT NULL, plan_id TEXT NOT NULL,"
            " code TEXT NOT NULL, name TEXT NOT NULL, unit TEXT NOT NULL, unit_key TEXT NOT NULL,"
            " rule TEXT NOT NULL, step INTEGER NOT NULL, period TEXT NOT NULL,"
            " details TEXT NOT NULL, detected_on TEXT NOT NULL, detected_position BIGINT NOT NULL,"
            " detected_at TEXT NOT NULL, resolved_on TEXT, resolved_reason TEXT,"
            " resolved_position BIGINT, acknowledged_by TEXT, acknowledged_at TEXT,"
            " snoozed_until TEXT, acknowledged_note TEXT, snoozed_by TEXT, snoozed_note TEXT)"
        )

    def create_indexes(self, cur: Cursor) -> None:
        cur.execute(
            "CREATE INDEX IF NOT EXISTS ix_flags_open ON view_flags (resolved_on, unit_key)"
        )
        cur.execute("CREATE INDEX IF NOT EXISTS ix_flags_raised ON view_flags (detected_position)")
        cur.execute(
            "CREATE INDEX IF NOT EXISTS ix_flags_resolved ON view_flags (resolved_position)"
        )

    def process(
        self, cur: Cursor, batch: Sequence[tuple[int, object]], suffix: str = "", state: Any = None
    ) -> None:
        flags, owners = f"view_flags{suffix}", f"view_flag_activities{suffix}"
        for position, event in batch:
            e: Any = event
            match event:
                case Activity.ActivityPlanned():
                    cur.execute(
                        f"INSERT INTO {owners} VALUES (?,?,?,?,?,?,?)",
                        (str(e.originator_id), str(e.plan_id), str(e.project_id), e.code, e.name,
                         e.unit, name_key(e.unit)),
                    )  # fmt: skip
                case Activity.ActivityFlagged():
                    owner = cur.execute(
                        f"SELECT plan_id, code, name, unit, unit_key FROM {owners}"
                        " WHERE activity_id = ?",
                        (str(e.originator_id),),
                    ).fetchone()
                    plan_id, code, name, unit, unit_key = owner or ("", "", "", "", "")
                    cur.execute(
                        f"INSERT INTO {flags} VALUES"
                        " (?,?,?,?,?,?,?,?,?,?,?,?,?,?," + ",".join(["NULL"] * 9) + ")",
                        (str(e.flag_id), str(e.originator_id), plan_id, code, name, unit,
                         unit_key, e.rule, e.step, e.period, e.details, e.occurred_on.isoformat(),
                         position, e.timestamp.isoformat()),
                    )  # fmt: skip
                case Activity.FlagResolved():
                    cur.execute(
                        f"UPDATE {flags} SET resolved_on = ?, resolved_reason = ?,"
                        " resolved_position = ? WHERE flag_id = ?",
                        (e.occurred_on.isoformat(), e.reason, position, str(e.flag_id)),
                    )
                case Activity.FlagAcknowledged():
                    cur.execute(
                        f"UPDATE {flags} SET acknowledged_by = ?, acknowledged_at = ?,"
                        " acknowledged_note = ? WHERE flag_id = ?",
                        (e.actor, e.timestamp.isoformat(), e.note, str(e.flag_id)),
                    )
                case Activity.FlagSnoozed():
                    cur.execute(
                        f"UPDATE {flags} SET snoozed_until = ?, snoozed_by = ?, snoozed_note = ?"
                        " WHERE flag_id = ?",
                        (e.until.isoformat(), e.actor, e.note, str(e.flag_id)),
                    )


@dataclass(frozen=True, slots=True)
class AlertRow:
    """A flag with the activity it is about and where that activity sits in the plan."""

    flag_id: UUID
    activity_id: UUID
    code: str
    name: str
    unit: str
    unit_key: str
    rule: str
    step: int
    period: str
    details: str
    detected_on: date
    resolved_on: date | None
    resolved_reason: str | None
    strategy_path: str
    fiscal_year: int
    project_code: str
    plan_id: UUID | None = None
    acknowledged_by: str | None = None
    snoozed_until: date | None = None
    detected_position: int = 0
    resolved_position: int | None = None
    project_cancelled_on: date | None = None
    acknowledged_note: str = ""
    snoozed_by: str = ""
    snoozed_note: str = ""
    """What the manager wrote when acknowledging or snoozing (the alerts page shows it)."""
    organisation_code: str = ""
    """The organisation whose plan the activity is in (``""``: the store's own)."""

    @property
    def key(self) -> FlagKey:
        return FlagKey(self.rule, self.step, self.period)

    def state_on(self, day: date) -> str:
        """open, acknowledged, snoozed or resolved, as a manager sees it on ``day``."""
        if self.resolved_on is not None:
            return "resolved"
        if self.snoozed_until is not None and self.snoozed_until > day:
            return "snoozed"
        return "acknowledged" if self.acknowledged_by else "open"

    @property
    def due_on(self) -> date | None:
        """The end of the month the flag's period names (the due rules)."""
        if self.rule in (Rule.LATE_START, Rule.OVERDUE, Rule.STEP_OVERDUE):
            return due_by(Month.from_iso(self.period))
        return None

    def what_th(self) -> str:
        """The late thing, in Thai."""
        due = self.due_on
        match self.rule:
            case Rule.LATE_START:
                return f"ควรเริ่มภายใน {thai_date(due)}" if due else ""
            case Rule.OVERDUE:
                return f"ควรเสร็จภายใน {thai_date(due)}" if due else ""
            case Rule.STEP_OVERDUE:
                return f"ขั้นตอนที่ {self.step} ควรเสร็จภายใน {thai_date(due)}" if due else ""
            case Rule.STALLED:
                return f"ไม่มีรายงานความคืบหน้าตั้งแต่ {thai_date(date.fromisoformat(self.period))}"
            case _:
                return f"การเบิกจ่ายเร็วกว่าผลงาน ({self.details})"

    def place_th(self) -> str:
        project = f"โครงการ {self.project_code}"
        return f"{self.strategy_path} › {project} (ปีงบประมาณ พ.ศ. {self.fiscal_year})"


_SELECT = (
    "SELECT f.flag_id, f.activity_id, f.code, f.name, f.unit, f.unit_key, f.rule, f.step,"
    " f.period, f.details, f.detected_on, f.resolved_on, f.resolved_reason,"
    " COALESCE(p.strategy_path, ''), COALESCE(p.fiscal_year, 0), COALESCE(pr.code, ''),"
    " f.plan_id, f.acknowledged_by, f.snoozed_until, f.detected_position, f.resolved_position,"
    " pr.cancelled_on, f.acknowledged_note, f.snoozed_by, f.snoozed_note,"
    " COALESCE(p.organisation_code, '')"
    " FROM view_flags f"
    " LEFT JOIN view_flag_activities a ON a.activity_id = f.activity_id"
    " LEFT JOIN view_plans p ON p.plan_id = f.plan_id"
    " LEFT JOIN view_projects pr ON pr.project_id = a.project_id"
)


def _day(text: object) -> date | None:
    return date.fromisoformat(str(text)) if text else None


def _row(r: tuple[Any, ...]) -> AlertRow:
    return AlertRow(
        flag_id=UUID(r[0]), activity_id=UUID(r[1]), code=r[2], name=r[3], unit=r[4],
        unit_key=r[5], rule=r[6], step=int(r[7]), period=r[8], details=r[9],
        detected_on=date.fromisoformat(r[10]), resolved_on=_day(r[11]), resolved_reason=r[12],
        strategy_path=r[13], fiscal_year=int(r[14]), project_code=r[15],
        plan_id=UUID(r[16]) if r[16] else None, acknowledged_by=r[17], snoozed_until=_day(r[18]),
        detected_position=int(r[19]), resolved_position=int(r[20]) if r[20] else None,
        project_cancelled_on=_day(r[21]), acknowledged_note=r[22] or "", snoozed_by=r[23] or "",
        snoozed_note=r[24] or "", organisation_code=r[25],
    )  # fmt: skip


OpenFlag = tuple[str, str, int, str, str]
"""An unresolved flag as the scan weighs it: (activity id, rule, step, period, detected on),
the date as an ISO string."""


def open_flags(cur: Cursor) -> list[OpenFlag]:
    """Every unresolved flag, read in the caller's snapshot (the scan's, with the due work)."""
    rows: list[OpenFlag] = cur.execute(
        "SELECT activity_id, rule, step, period, detected_on FROM view_flags"
        " WHERE resolved_on IS NULL"
    ).fetchall()
    return rows


class AlertReader:
    """Queries over the alerts view."""

    def __init__(self, db: ViewDatabase) -> None:
        self.db = db

    def position(self) -> int:
        """How far into the log the alerts view has folded."""
        with self.db.reading() as cur:
            return read_position(cur, AlertsView.name)

    def flags(
        self,
        *,
        open_only: bool = False,
        unit: str | None = None,
        plan: UUID | None = None,
        activity: UUID | None = None,
        reach: Reach = None,
    ) -> list[AlertRow]:
        """Flags (with ``reach``: of those organisations' plans only)."""
        within, scope = plans_within(reach, "f.plan_id")
        where, params = [within], list(scope)
        if open_only:
            where.append("f.resolved_on IS NULL")
        if unit:
            where.append("f.unit_key = ?")
            params.append(name_key(unit))
        if plan:
            where.append("f.plan_id = ?")
            params.append(str(plan))
        if activity:
            where.append("f.activity_id = ?")
            params.append(str(activity))
        with self.db.reading() as cur:
            rows = cur.execute(
                f"{_SELECT} WHERE {' AND '.join(where)} ORDER BY f.detected_position", params
            ).fetchall()
        return [_row(r) for r in rows]

    def flag(self, flag_id: UUID) -> AlertRow | None:
        with self.db.reading() as cur:
            row = cur.execute(f"{_SELECT} WHERE f.flag_id = ?", (str(flag_id),)).fetchone()
        return _row(row) if row else None

    def raised_between(self, after: int, upto: int) -> list[AlertRow]:
        with self.db.reading() as cur:
            rows = cur.execute(
                f"{_SELECT} WHERE f.detected_position > ? AND f.detected_position <= ?"
                " ORDER BY f.detected_position",
                (after, upto),
            ).fetchall()
        return [_row(r) for r in rows]

    def resolved_between(self, after: int, upto: int) -> list[AlertRow]:
        with self.db.reading() as cur:
            rows = cur.execute(
                f"{_SELECT} WHERE f.resolved_position > ? AND f.resolved_position <= ?"
                " ORDER BY f.resolved_position",
                (after, upto),
            ).fetchall()
        return [_row(r) for r in rows]

    def snooze_ended(self, after: date, upto: date) -> list[AlertRow]:
        """Open flags whose snooze ran out in (after, upto]: they speak again."""
        with self.db.reading() as cur:
            rows = cur.execute(
                f"{_SELECT} WHERE f.resolved_on IS NULL AND f.snoozed_until > ?"
                " AND f.snoozed_until <= ? ORDER BY f.detected_position",
                (after.isoformat(), upto.isoformat()),
            ).fetchall()
        return [_row(r) for r in rows]
