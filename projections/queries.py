"""Reading the views: a plan's fact sheets now, or as known at an earlier instant.

``snapshot(plan_id)`` reads the live tables; ``snapshot_as_of(plan_id, instant)``
cuts the live sheets back to that instant (:mod:`projections.time_travel`), or folds
the events recorded up to it where a cut cannot be trusted. Both return the same
:class:`PlanSnapshot`, so everything built on it (the plan resource, plan versus
actual, compare) works for both. A page about one activity reads that activity with
its plan and project alone (:class:`ActivityInPlan`), now or as of an instant.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar, cast
from uuid import UUID

from pydantic import TypeAdapter

from application.tracker import Tracker
from domain.errors import NotFoundError
from domain.recorded import Recorded
from domain.thai import name_key
from projections.assess import ActivityAssessment, PlanVersusActual, plan_versus_actual
from projections.bounded import Bounded
from projections.collector import collector_paused
from projections.facts import (
    ACTIVITY_JSON,
    PLAN_JSON,
    PROJECT_JSON,
    ActivityFacts,
    PlanFacts,
    ProjectFacts,
)
from projections.fold import Fold
from projections.runner import read_position
from projections.tenancy import Reach, plans_within
from projections.time_travel import ABSENT, activity_then, all_then, plan_then, project_then
from storage.view_database import MISSING_TABLE, Cursor, ViewDatabase

D = TypeVar("D", PlanFacts, ProjectFacts)
Judge = Callable[[ActivityFacts, date], ActivityAssessment | None]
"""Assesses one activity on a day (`assess`, or a memo of it)."""


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    """A plan with its projects and activities, as fact sheets."""

    plan: PlanFacts
    projects: tuple[ProjectFacts, ...]
    activities: tuple[ActivityFacts, ...]
    edition: int | None = None
    """Which of the plan's documents it reads: None as it stands, 0 as adopted, N as of
    revision N (see :mod:`projections.editions`)."""

    def versus_actual(
        self, on: date, assess_one: Judge | None = None, *, unit: str = ""
    ) -> PlanVersusActual:
        """Plan versus actual on ``on``, in the plan's order (of ``unit``'s activities)."""
        activities = [a for a in self.activities if not unit or name_key(a.unit) == name_key(unit)]
        return plan_versus_actual(activities, self.projects, on, assess_one, self.plan.sections)

    @classmethod
    def from_fold(cls, fold: Fold, plan_id: UUID) -> PlanSnapshot | None:
        plan = fold.plans.get(plan_id)
        if plan is None:
            return None
        return cls(
            plan,
            tuple(p for p in fold.projects.values() if p.plan_id == plan_id),
            tuple(a for a in fold.activities.values() if a.plan_id == plan_id),
        )

    def activity(self, code: str) -> ActivityFacts:
        for facts in self.activities:
            if facts.code == code:
                return facts
        raise NotFoundError("activity_not_found", code=code, plan=self.plan.strategy_path)


def fold_as_of(
    tracker: Tracker,
    instant: datetime | None = None,
    *,
    stop: int | None = None,
    batch: int = 5000,
) -> Fold:
    """Fold every event recorded at or before ``instant`` (all of them if None).

    ``stop``, when given, is a position after which no event was recorded by
    ``instant``, so the log is not read beyond it. The cyclic garbage collector
    is paused while folding (see :mod:`projections.collector`).
    """
    fold = Fold()
    recorder, to_event = tracker.recorder, tracker.mapper.to_domain_event
    position = 0
    with collector_paused():
        while notifications := recorder.select_notifications(position + 1, batch, stop=stop):
            for notification in notifications:
                event = cast(Recorded, to_event(notification))
                if instant is None or event.timestamp <= instant:
                    fold.apply(notification.id, event)
            position = notifications[-1].id
    return fold


def _sheets_by_id(cur: Cursor, keys: list[str]) -> Iterator[ActivityFacts]:
    """The activities' fact sheets, parsed, 500 ids to a query (SQLite's parameter cap)."""
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        rows = cur.execute(
            f"SELECT doc FROM view_activities WHERE activity_id IN ({','.join('?' * len(chunk))})",
            chunk,
        ).fetchall()
        for row in rows:
            yield ACTIVITY_JSON.validate_json(row[0])


def _version(facts: ActivityFacts | None) -> int | None:
    return facts.version if facts is not None else None


def plans_in(db: ViewDatabase, reach: Reach = None) -> list[PlanFacts]:
    """Every plan the views hold (with ``reach``: those organisations'), newest fiscal
    year first."""
    within, params = plans_within(reach)
    with db.reading() as cur:
        rows = cur.execute(
            f"SELECT doc FROM view_plans WHERE {within} ORDER BY fiscal_year DESC, strategy_path",
            params,
        ).fetchall()
    return [PLAN_JSON.validate_json(row[0]) for row in rows]


LAG_READ = 1000
"""Events past the view's position read to see whether time travel may cut the sheets."""
PARSED_SHEETS = 10_000
"""Parsed activity sheets a reader keeps between requests (ten plans of 1,000)."""


@dataclass(frozen=True, slots=True)
class ActivityInPlan:
    """One activity's sheet with its plan's and its project's: what a page about one
    activity needs (its headings and links), read without the rest of the plan."""

    facts: ActivityFacts
    plan: PlanFacts | None
    project: ProjectFacts | None


def in_plan_then(live: ActivityInPlan, instant: datetime) -> ActivityInPlan | str | None:
    """The activity, its plan and its project as they stood at ``instant``, each sheet
    cut alone; ``ABSENT`` if the activity or its plan was not yet planned, None where a
    sheet cannot be cut."""
    facts = activity_then(live.facts, instant)
    plan = plan_then(live.plan, instant) if live.plan is not None else ABSENT
    project = project_then(live.project, instant) if live.project is not None else ABSENT
    if facts is None or plan is None or project is None:
        return None
    if isinstance(facts, str) or isinstance(plan, str):
        return ABSENT
    return ActivityInPlan(facts, plan, None if isinstance(project, str) else project)


def snapshot_then(snapshot: PlanSnapshot, instant: datetime) -> PlanSnapshot | str | None:
    """The snapshot as it stood at ``instant``; ``ABSENT`` if the plan was not yet
    imported, None where a sheet cannot be cut."""
    plan = plan_then(snapshot.plan, instant)
    if plan is None or isinstance(plan, str):
        return plan
    projects = all_then(snapshot.projects, instant, project_then)
    activities = all_then(snapshot.activities, instant, activity_then)
    if projects is None or activities is None:
        return None
    return PlanSnapshot(plan, tuple(projects), tuple(activities), snapshot.edition)


class PlanReader:
    """Queries over the plan view."""

    def __init__(self, db: ViewDatabase, tracker: Tracker, *, keep: int = PARSED_SHEETS) -> None:
        self.db = db
        self.tracker = tracker
        self._parsed: Bounded[str, ActivityFacts] = Bounded(keep)
        self._docs: Bounded[str, tuple[str, object]] = Bounded(keep)

    def plans(self, reach: Reach = None) -> list[PlanFacts]:
        """Every plan (with ``reach``: those organisations'), newest fiscal year first."""
        return plans_in(self.db, reach)

    def plans_as_of(self, instant: datetime, reach: Reach = None) -> list[PlanFacts]:
        """Every plan imported by ``instant``, as it stood then, newest fiscal year first."""
        position = self.position()
        live = self.plans(reach)
        if self._log_folded_by(position, instant):
            then = [plan_then(plan, instant) for plan in live]
            if all(found is not None for found in then):
                kept = [p for p in then if isinstance(p, PlanFacts)]
                return sorted(kept, key=lambda p: (-p.fiscal_year, p.strategy_path))
        found = fold_as_of(self.tracker, instant, stop=self.last_position_by(instant)).plans
        reached = [p for p in found.values() if reach is None or p.organisation_code in reach]
        return sorted(reached, key=lambda p: (-p.fiscal_year, p.strategy_path))

    def activity_in_plan(self, activity_id: UUID) -> ActivityInPlan:
        """The activity with its plan and project as they stand (three rows)."""
        return self._activity_in_plan_at(activity_id)[0]

    def _activity_in_plan_at(self, activity_id: UUID) -> tuple[ActivityInPlan, int]:
        """The activity, its plan and project, and the position they were read at (one
        read transaction, as :meth:`snapshot_at`)."""
        with self.db.reading() as cur:
            position = read_position(cur, "plan")
            row = cur.execute(
                "SELECT version FROM view_activities WHERE activity_id = ?", (str(activity_id),)
            ).fetchone()
            if row is None:
                raise NotFoundError("activity_not_found", code=str(activity_id), plan="")
            (facts,) = self._sheets(cur, [(str(activity_id), int(row[0]))])
            plan = cur.execute(
                "SELECT doc FROM view_plans WHERE plan_id = ?", (str(facts.plan_id),)
            ).fetchone()
            project = cur.execute(
                "SELECT doc FROM view_projects WHERE project_id = ?", (str(facts.project_id),)
            ).fetchone()
        found = ActivityInPlan(
            facts,
            self._parsed_doc(str(facts.plan_id), plan[0], PLAN_JSON) if plan else None,
            self._parsed_doc(str(facts.project_id), project[0], PROJECT_JSON) if project else None,
        )
        return found, position

    def activity_as_of(self, activity_id: UUID, instant: datetime) -> ActivityInPlan:
        """The activity with its plan and project as known at ``instant``, each cut alone
        from the live sheets (a page about one activity cut the whole plan before), else
        folded from the log; not found if it was not planned by then."""
        unread: tuple[type[Exception], ...] = (NotFoundError, *MISSING_TABLE)
        try:
            live, position = self._activity_in_plan_at(activity_id)
        except unread:
            live, position = None, 0  # not in the views (yet), or no views here
        if live is not None and self._log_folded_by(position, instant):
            then = in_plan_then(live, instant)
            if isinstance(then, ActivityInPlan):
                return then
            if then == ABSENT:
                raise NotFoundError("activity_not_found", code=str(activity_id), plan="")
        fold = fold_as_of(self.tracker, instant, stop=self.last_position_by(instant))
        facts = fold.activities.get(activity_id)
        if facts is None:
            raise NotFoundError("activity_not_found", code=str(activity_id), plan="")
        return ActivityInPlan(
            facts, fold.plans.get(facts.plan_id), fold.projects.get(facts.project_id)
        )

    def snapshot(self, plan_id: UUID) -> PlanSnapshot:
        return self.snapshot_at(plan_id)[0]

    def plan(self, plan_id: UUID) -> PlanFacts:
        """The plan's own sheet alone (one row; parsed again only when it changed): what a
        check that comes before reading the whole plan needs, such as whether it is public."""
        with self.db.reading() as cur:
            row = cur.execute(
                "SELECT doc FROM view_plans WHERE plan_id = ?", (str(plan_id),)
            ).fetchone()
        if row is None:
            raise NotFoundError("plan_not_found", plan=str(plan_id))
        return self._parsed_doc(str(plan_id), row[0], PLAN_JSON)

    def position(self) -> int:
        """How far the plan view has folded the log: its contents change only when this does."""
        with self.db.reading() as cur:
            return read_position(cur, "plan")

    def snapshot_at(self, plan_id: UUID) -> tuple[PlanSnapshot, int]:
        """The plan's fact sheets and the plan view's position they were read at (one
        read transaction), so a cache keyed by the position is never ahead of its data."""
        with self.db.reading() as cur:
            position = read_position(cur, "plan")
            plan = cur.execute(
                "SELECT doc FROM view_plans WHERE plan_id = ?", (str(plan_id),)
            ).fetchone()
            if plan is None:
                raise NotFoundError("plan_not_found", plan=str(plan_id))
            projects = cur.execute(
                "SELECT doc, project_id FROM view_projects WHERE plan_id = ?", (str(plan_id),)
            ).fetchall()
            versions = cur.execute(
                "SELECT activity_id, version FROM view_activities WHERE plan_id = ?",
                (str(plan_id),),
            ).fetchall()
            activities = self._sheets(cur, [(str(r[0]), int(r[1])) for r in versions])
        snapshot = PlanSnapshot(
            self._parsed_doc(str(plan_id), plan[0], PLAN_JSON),
            tuple(self._parsed_doc(r[1], r[0], PROJECT_JSON) for r in projects),
            activities,
        )
        return snapshot, position

    def plan_stamp(self, plan_id: UUID) -> str:
        """The plan's sheets as they stand, in a digest: its own and its projects' sheets
        and its activities' versions (an activity's sheet changes only with its version),
        read in one transaction without parsing a sheet. What a memo of something made
        from the whole plan is keyed by, so it is made again only when the plan moved."""
        digest = hashlib.blake2b(digest_size=16)
        with self.db.reading() as cur:
            for sql in (
                "SELECT doc FROM view_plans WHERE plan_id = ?",
                "SELECT project_id, doc FROM view_projects WHERE plan_id = ? ORDER BY project_id",
                "SELECT activity_id, version FROM view_activities WHERE plan_id = ?"
                " ORDER BY activity_id",
            ):
                for row in cur.execute(sql, (str(plan_id),)).fetchall():
                    digest.update("\x1f".join(map(str, row)).encode())
                digest.update(b"\x1e")
        return digest.hexdigest()

    def _parsed_doc(self, key: str, doc: str, adapter: TypeAdapter[D]) -> D:
        """A plan's or project's sheet, parsed again only when its stored text changed
        (they carry no version column; comparing the text costs a fraction of parsing)."""
        known = self._docs.get(key)
        if known is not None and known[0] == doc:
            return cast(D, known[1])
        parsed = adapter.validate_json(doc)
        self._docs.put(key, (doc, parsed))
        return parsed

    def _sheets(self, cur: Cursor, wanted: list[tuple[str, int]]) -> tuple[ActivityFacts, ...]:
        """The activities' fact sheets, parsed only where the version moved since last read.

        A sheet changes only with its activity's version (every activity event, flags
        included, bumps both in one transaction), so a parsed sheet of the same version
        is the same sheet. Readers never mutate sheets; only the fold does, on its own.
        """
        found = {ident: self._parsed.get(ident) for ident, _ in wanted}
        stale = [ident for ident, version in wanted if _version(found[ident]) != version]
        for facts in _sheets_by_id(cur, stale):
            found[str(facts.id)] = facts
            self._parsed.put(str(facts.id), facts)
        return tuple(cast(ActivityFacts, found[ident]) for ident, _ in wanted)

    def snapshot_as_of(self, plan_id: UUID, instant: datetime) -> PlanSnapshot:
        """The plan as known at ``instant``: cut from the live sheets where they hold
        everything recorded by then (see :mod:`projections.time_travel`), else folded
        from the log."""
        unread: tuple[type[Exception], ...] = (NotFoundError, *MISSING_TABLE)
        try:
            snapshot, position = self.snapshot_at(plan_id)
        except unread:
            snapshot, position = None, 0  # not in the views (yet), or no views here
        if snapshot is not None and self._log_folded_by(position, instant):
            with collector_paused():
                then = snapshot_then(snapshot, instant)
            if then is not None:
                if isinstance(then, str):
                    raise NotFoundError(
                        "plan_not_found", plan=f"{plan_id} (as of {instant.isoformat()})"
                    )
                return then
        return self.snapshot_folded(plan_id, instant)

    def _log_folded_by(self, position: int, instant: datetime) -> bool:
        """Whether the view at ``position`` holds every event recorded by ``instant``:
        those it has not folded yet (a projector's lag, usually none) were all
        recorded after it. A long lag is not read through: the log is folded instead."""
        pending = self.tracker.recorder.select_notifications(position + 1, LAG_READ)
        if len(pending) >= LAG_READ:
            return False
        to_event = self.tracker.mapper.to_domain_event
        return all(cast(Recorded, to_event(n)).timestamp > instant for n in pending)

    def snapshot_folded(self, plan_id: UUID, instant: datetime) -> PlanSnapshot:
        """The plan as known at ``instant``, folded from the log's beginning (the way
        every cut is checked, and the way left when the sheets cannot be cut)."""
        fold = fold_as_of(self.tracker, instant, stop=self.last_position_by(instant))
        snapshot = PlanSnapshot.from_fold(fold, plan_id)
        if snapshot is None:
            raise NotFoundError("plan_not_found", plan=f"{plan_id} (as of {instant.isoformat()})")
        return snapshot

    def last_position_by(self, instant: datetime) -> int | None:
        """The last position recorded at or before ``instant``, when the audit view can
        say so for certain (it exists and has folded the whole log); None otherwise."""
        head = self.tracker.recorder.max_notification_id() or 0
        try:
            with self.db.reading() as cur:
                audit = cur.execute(
                    "SELECT position FROM tidtam_positions WHERE name = 'audit'"
                ).fetchone()
                if audit is None or int(audit[0]) < head:
                    return None
                row = cur.execute(
                    "SELECT MAX(position) FROM view_audit WHERE recorded_at <= ?",
                    (instant.astimezone(UTC).isoformat(),),
                ).fetchone()
        except MISSING_TABLE:
            return None  # no views in this database (a bare reader)
        return int(row[0]) if row and row[0] is not None else 0

    def activity(self, activity_id: UUID) -> ActivityFacts:
        with self.db.reading() as cur:
            row = cur.execute(
                "SELECT doc FROM view_activities WHERE activity_id = ?", (str(activity_id),)
            ).fetchone()
        if row is None:
            raise NotFoundError("activity_not_found", code=str(activity_id), plan="")
        return ACTIVITY_JSON.validate_json(row[0])

    def activities(self, ids: Iterable[UUID]) -> list[ActivityFacts]:
        keys = [str(i) for i in ids]
        if not keys:
            return []
        with self.db.reading() as cur:
            return list(_sheets_by_id(cur, keys))
