"""Helpers for tests of the views: dump the tables, and compute what they should hold.

``expected_rows`` folds the event log in memory with the same row functions the
plan projector uses, so a test can compare the live tables against the log itself.
The audit trail's rows are worked out here from decoded events, apart from the
view, which renders the stored JSON without decoding it: the two must agree.
"""

from __future__ import annotations

import json
from typing import Any, cast

from application.tracker import Tracker
from domain.activity import Activity
from domain.plan import Plan, Project
from domain.recorded import Recorded
from domain.thai import name_key
from projections.audit_view import event_payload, is_late_entry
from projections.fold import Fold
from projections.plan_view import activity_row, due_rows, plan_row, project_row
from projections.service import Projections
from storage.view_database import ViewDatabase

Rows = dict[str, list[tuple[Any, ...]]]

TABLES = ("view_plans", "view_projects", "view_activities", "view_due", "view_audit")


def dump(db: ViewDatabase) -> Rows:
    """Every row of every view, sorted (in Python: database collations differ)."""
    with db.reading() as cur:
        return {
            table: sorted(tuple(row) for row in cur.execute(f"SELECT * FROM {table}").fetchall())
            for table in TABLES
        }


def assert_views_agree(projections: Projections, tracker: Tracker) -> Rows:
    """Caught up, the views hold the fold of the whole log, and rebuilding every view
    from zero gives the very same rows; returns them."""
    projections.catch_up()
    incremental = dump(projections.db)
    assert incremental == expected_rows(tracker)
    for projector in projections.projectors:
        projector.rebuild()
    assert dump(projections.db) == incremental
    return incremental


def events(tracker: Tracker, upto: int | None = None) -> list[tuple[int, Recorded]]:
    notifications = tracker.recorder.select_notifications(1, 1_000_000, stop=upto)
    return [(n.id, cast(Recorded, tracker.mapper.to_domain_event(n))) for n in notifications]


def expected_rows(tracker: Tracker, upto: int | None = None) -> Rows:
    """What the views must hold after folding the log up to position ``upto``."""
    fold = Fold()
    audit: list[tuple[Any, ...]] = []
    owners: dict[Any, Owner] = {}
    for position, event in events(tracker, upto):
        fold.apply(position, event)
        owner = owners.get(event.originator_id) or expected_owner(event)
        owners[event.originator_id] = owner
        audit.append(expected_audit_row(position, event, owner))
    rows: Rows = {
        "view_plans": sorted(plan_row(p) for p in fold.plans.values()),
        "view_projects": sorted(project_row(p) for p in fold.projects.values()),
        "view_activities": sorted(activity_row(a) for a in fold.activities.values()),
        "view_due": sorted(
            row
            for a in fold.activities.values()
            for row in due_rows(a, fold.projects[a.project_id].cancelled_on)
        ),
        "view_audit": audit,
    }
    return {table: sorted(table_rows) for table, table_rows in rows.items()}


Owner = tuple[str | None, str | None, str, str | None]
"""(plan id, project id, code, unit key)"""


def expected_owner(created: Recorded) -> Owner:
    kind, facts = _kind(created), vars(created)
    if kind == "plan":
        return (str(created.originator_id), None, "", None)
    if kind == "project":
        return (str(facts["plan_id"]), str(created.originator_id), facts["code"], None)
    return (str(facts["plan_id"]), str(facts["project_id"]), facts["code"], name_key(facts["unit"]))


def _kind(event: Recorded) -> str:
    """The aggregate that names the event's class among its own (read off the classes,
    not off the mark the domain sets: the view's rendering is held to this)."""
    return next(
        a.__name__.lower() for a in (Plan, Project, Activity) if type(event) in vars(a).values()
    )


def expected_audit_row(position: int, event: Recorded, owner: Owner) -> tuple[Any, ...]:
    kind, aggregate_id = _kind(event), str(event.originator_id)
    plan_id, project_id, code, unit_key = owner
    return (
        position,
        aggregate_id,
        event.originator_version,
        kind,
        plan_id,
        project_id,
        aggregate_id if kind == "activity" else None,
        code,
        unit_key,
        type(event).__name__,
        event.actor,
        event.occurred_on.isoformat(),
        event.timestamp.isoformat(),
        int(is_late_entry(event.occurred_on, event.timestamp)),
        json.dumps(event_payload(event), ensure_ascii=False, separators=(",", ":")),
    )
