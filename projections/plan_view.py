"""The plan view: fact sheets of plans, projects and activities, and the overdue
candidates derived from them, kept in one transaction with the view's position.

Tables (``{suffix}`` is empty for the live view, ``__rebuild`` while rebuilding):

* ``view_plans``, ``view_projects``, ``view_activities``: one JSON fact sheet per row,
  with the columns readers filter on (plan, unit, lifecycle, first and last month);
* ``view_due``: what falls due when (an activity's start and finish, each step's
  end) and the business day it was done, so the scheduler finds late work at
  any date with one indexed query instead of replaying streams; the activity
  rows carry the few columns the other rules need (start, closing, progress
  days, allocation, spending), so no fact sheet is parsed for a scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from pydantic import TypeAdapter

from domain.calendar import Month
from domain.schedule import finish_due, start_due, step_due
from projections.facts import (
    ACTIVITY_JSON,
    PLAN_JSON,
    PROJECT_JSON,
    ActivityFacts,
    PlanFacts,
    ProjectFacts,
)
from projections.fold import Fold
from projections.view import View
from storage.view_database import Cursor

TABLES = ("view_plans", "view_projects", "view_activities", "view_due")


class PlanView(View):
    """Plans, projects and activities as fact sheets; overdue candidates."""

    name = "plan"
    tables = TABLES
    schema_version = 10  # 5: project versions; 6: sections; 7: revisions; 8: stamps (time
    # travel); 9: the plan's public page published or withdrawn; 10: the plan's organisation

    def create(self, cur: Cursor, suffix: str = "") -> None:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_plans{suffix} ("
            "plan_id TEXT PRIMARY KEY, organisation TEXT NOT NULL, fiscal_year INTEGER NOT NULL,"
            " strategy_path TEXT NOT NULL, doc TEXT NOT NULL, organisation_code TEXT NOT NULL)"
        )
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_projects{suffix} ("
            "project_id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, code TEXT NOT NULL,"
            " cancelled_on TEXT, doc TEXT NOT NULL)"
        )
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_activities{suffix} ("
            "activity_id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, project_id TEXT NOT NULL,"
            " code TEXT NOT NULL, unit_key TEXT NOT NULL, lifecycle TEXT NOT NULL,"
            " first_month TEXT NOT NULL, last_month TEXT NOT NULL, months TEXT NOT NULL,"
            " started_on TEXT, closed_on TEXT, progress_days TEXT NOT NULL,"
            " allocation TEXT NOT NULL, spent TEXT NOT NULL, version INTEGER NOT NULL,"
            " doc TEXT NOT NULL)"
        )
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_due{suffix} ("
            "activity_id TEXT NOT NULL, kind TEXT NOT NULL, step INTEGER NOT NULL,"
            " due_on TEXT NOT NULL, done_on TEXT, plan_id TEXT NOT NULL,"
            " project_id TEXT NOT NULL, inhibited_on TEXT,"
            " PRIMARY KEY (activity_id, kind, step))"
        )

    def create_indexes(self, cur: Cursor) -> None:
        cur.execute("CREATE INDEX IF NOT EXISTS ix_projects_plan ON view_projects (plan_id)")
        cur.execute(
            "CREATE INDEX IF NOT EXISTS ix_activities_plan ON view_activities (plan_id, unit_key)"
        )
        cur.execute("CREATE INDEX IF NOT EXISTS ix_due_on ON view_due (due_on)")
        cur.execute("CREATE INDEX IF NOT EXISTS ix_due_project ON view_due (project_id)")

    def process(
        self, cur: Cursor, batch: Sequence[tuple[int, object]], suffix: str = "", state: Any = None
    ) -> Fold:
        """Live: fold the batch into sheets read from the tables, write the changed ones.
        Rebuilding (``state`` is the rebuild's fold): fold only; `finish` writes each
        sheet once, instead of rewriting every touched sheet batch after batch."""
        if state is not None:
            rebuilding: Fold = state
            for position, event in batch:
                rebuilding.apply(position, event)
            return rebuilding
        fold = Fold(
            load_plan=lambda key: self._load(cur, "view_plans", "plan_id", key, suffix, PLAN_JSON),
            load_project=lambda key: self._load(
                cur, "view_projects", "project_id", key, suffix, PROJECT_JSON
            ),
            load_activity=lambda key: self._load(
                cur, "view_activities", "activity_id", key, suffix, ACTIVITY_JSON
            ),
        )
        for position, event in batch:
            fold.apply(position, event)
        self.write(cur, fold, fold.changed, suffix)
        return fold

    def rebuild_state(self) -> Fold:
        return Fold()

    def finish(self, cur: Cursor, suffix: str, state: Any) -> None:
        """Write the whole fold into the rebuilt tables: they are empty, so every row is
        appended (the database's bulk path) and none replaces another."""
        fold: Fold = state
        activities = fold.activities.values()
        cur.append(f"view_plans{suffix}", [plan_row(p) for p in fold.plans.values()])
        cur.append(f"view_projects{suffix}", [project_row(p) for p in fold.projects.values()])
        cur.append(f"view_activities{suffix}", [activity_row(a) for a in activities])
        cur.append(
            f"view_due{suffix}",
            [row for a in activities for row in due_rows(a, _cancelled(fold, a))],
        )

    def write(self, cur: Cursor, fold: Fold, changed: set[UUID], suffix: str = "") -> None:
        """Upsert the sheets in ``changed`` and refresh their overdue candidates."""
        plans = [fold.plans[k] for k in changed if k in fold.plans]
        projects = [fold.projects[k] for k in changed if k in fold.projects]
        activities = [fold.activities[k] for k in changed if k in fold.activities]
        if plans:
            cur.executemany(
                f"INSERT INTO view_plans{suffix} VALUES (?,?,?,?,?,?) ON CONFLICT (plan_id)"
                " DO UPDATE"
                " SET organisation=excluded.organisation, fiscal_year=excluded.fiscal_year,"
                " strategy_path=excluded.strategy_path, doc=excluded.doc",
                [plan_row(p) for p in plans],
            )
        if projects:
            cur.executemany(
                f"INSERT INTO view_projects{suffix} VALUES (?,?,?,?,?) ON CONFLICT (project_id)"
                " DO UPDATE SET code=excluded.code, cancelled_on=excluded.cancelled_on,"
                " doc=excluded.doc",
                [project_row(p) for p in projects],
            )
            cur.executemany(
                f"UPDATE view_due{suffix} SET inhibited_on = ? WHERE project_id = ?",
                [(_iso(p.cancelled_on), str(p.id)) for p in projects],
            )
        if activities:
            cur.executemany(
                f"INSERT INTO view_activities{suffix} VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT (activity_id) DO UPDATE SET code=excluded.code,"
                " unit_key=excluded.unit_key, lifecycle=excluded.lifecycle,"
                " first_month=excluded.first_month, last_month=excluded.last_month,"
                " months=excluded.months, started_on=excluded.started_on,"
                " closed_on=excluded.closed_on, progress_days=excluded.progress_days,"
                " allocation=excluded.allocation, spent=excluded.spent,"
                " version=excluded.version, doc=excluded.doc",
                [activity_row(a) for a in activities],
            )
            cur.executemany(
                f"DELETE FROM view_due{suffix} WHERE activity_id = ?",
                [(str(a.id),) for a in activities],
            )
            cur.executemany(
                f"INSERT INTO view_due{suffix} VALUES (?,?,?,?,?,?,?,?)",
                [row for a in activities for row in due_rows(a, _cancelled(fold, a))],
            )

    @staticmethod
    def _load(
        cur: Cursor, table: str, key_column: str, key: UUID, suffix: str, adapter: TypeAdapter[Any]
    ) -> Any:
        row = cur.execute(
            f"SELECT doc FROM {table}{suffix} WHERE {key_column} = ?", (str(key),)
        ).fetchone()
        if row is None:
            return None
        return adapter.validate_json(row[0])


def plan_row(p: PlanFacts) -> tuple[object, ...]:
    return (
        str(p.id),
        p.organisation,
        p.fiscal_year,
        p.strategy_path,
        PLAN_JSON.dump_json(p).decode(),
        p.organisation_code,
    )


def project_row(p: ProjectFacts) -> tuple[object, ...]:
    return (
        str(p.id),
        str(p.plan_id),
        p.code,
        _iso(p.cancelled_on),
        PROJECT_JSON.dump_json(p).decode(),
    )


def activity_row(a: ActivityFacts) -> tuple[object, ...]:
    """The fact sheet, and the columns the scheduler's rules read without parsing it."""
    months = a.months
    closure = a.closure_on(_FAR_FUTURE)
    return (
        str(a.id),
        str(a.plan_id),
        str(a.project_id),
        a.code,
        a.unit_key,
        a.lifecycle_on(_FAR_FUTURE),
        months[0].iso if months else "",
        months[-1].iso if months else "",
        ",".join(m.iso for m in months),
        _iso(a.started_on),
        _iso(closure.on if closure else None),
        ",".join(d.isoformat() for d in a.progress_days),
        str(a.allocation_on(_FAR_FUTURE)),
        str(a.spent_on(_FAR_FUTURE)),
        a.version,
        ACTIVITY_JSON.dump_json(a).decode(),
    )


def due_rows(a: ActivityFacts, project_cancelled_on: date | None) -> list[tuple[object, ...]]:
    """Everything an activity owes and when (start, finish, each step) under its current
    schedule; when it stopped being owed (done, or the activity closed, whichever came
    first); and when its project was cancelled (no alerts from then on). One table, so
    the scheduler finds late work with one indexed query and no join."""
    if not a.months:
        return []
    months = a.months
    closure = a.closure_on(_FAR_FUTURE)
    closed = closure.on if closure else None
    ident, plan, project = str(a.id), str(a.plan_id), str(a.project_id)
    inhibited = _iso(project_cancelled_on)

    def row(kind: str, step: int, due_on: date, done: date | None) -> tuple[object, ...]:
        until = min((d for d in (done, closed) if d is not None), default=None)
        return (ident, kind, step, due_on.isoformat(), _iso(until), plan, project, inhibited)

    rows = [
        row("start", 0, start_due(months), a.started_on),
        row("finish", 0, finish_due(months), closed),
    ]
    for step in a.steps:
        step_months = tuple(Month.from_iso(m) for m in step.schedule[-1].months)
        rows.append(row("step", step.number, step_due(step_months, months), step.completed_on))
    return rows


def _cancelled(fold: Fold, a: ActivityFacts) -> date | None:
    project = fold.project(a.project_id)
    return project.cancelled_on if project else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


_FAR_FUTURE = Month(2200, 12).last_day
