"""What the scan weighs on a day: work that fell due, activities in their window, open
flags, and activities whose project was cancelled.

Read from the plan view's ``view_due`` and activity rows and the alerts view's
flags, in one snapshot, so the scan compares flags with the work of the same
moment. A scan reads hundreds of thousands of rows: they are handed on as the
database returns them, with no object made per row, and ISO dates stay strings
(they compare correctly as text, so the rules parse none they need not).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.calendar import Month
from projections.alerts_view import OpenFlag, open_flags
from storage.view_database import ViewDatabase

DueRow = tuple[str, str, int, str, str | None, str | None, str | None]
"""Something an activity owes by a day: (activity id, kind — start | finish | step —, step,
due on, done on, activity closed on, project cancelled on), dates as ISO strings. The
closing is always None here: ``view_due`` marks a closed activity's rows done."""

WindowFacts = tuple[str, str, str, str, str, str, str | None, str | None]
"""A started activity within its planned months: (activity id, months as comma-separated
ISO months, started on, progress days as comma-separated ISO dates, allocation, spent,
closed on, project cancelled on), every value as stored."""

_DUE = (
    "SELECT activity_id, kind, step, due_on, done_on, NULL, inhibited_on FROM view_due"
    " WHERE due_on < ? AND (done_on IS NULL OR done_on > ?)"
    " AND (inhibited_on IS NULL OR inhibited_on > ?)"
)
_WINDOW = (
    "SELECT a.activity_id, a.months, a.started_on, a.progress_days, a.allocation, a.spent,"
    " a.closed_on, p.cancelled_on"
    " FROM view_activities a JOIN view_projects p ON p.project_id = a.project_id"
    " WHERE a.started_on IS NOT NULL AND a.started_on <= ?"
    " AND (a.closed_on IS NULL OR a.closed_on > ?) AND a.first_month <= ? AND a.last_month >= ?"
)
_INHIBITED = (
    "SELECT a.activity_id FROM view_activities a"
    " JOIN view_projects p ON p.project_id = a.project_id"
    " WHERE p.cancelled_on IS NOT NULL AND p.cancelled_on <= ?"
)


@dataclass(frozen=True, slots=True)
class DueWork:
    """The rows the scan's rules are applied to, for one day."""

    due: list[DueRow]
    """Owed before the day and not done (nor inhibited) by it."""
    window: list[WindowFacts]
    """Started by the day, not closed by it, and planned for the day's month."""
    open_flags: list[OpenFlag]
    inhibited: set[str]
    """Activities whose project was cancelled by the day."""


class DueWorkReader:
    """Reads the due work of a day, in one snapshot."""

    def __init__(self, db: ViewDatabase) -> None:
        self.db = db

    def on(self, day: date) -> DueWork:
        iso, month = day.isoformat(), Month.of(day).iso
        with self.db.reading() as cur:
            due: list[DueRow] = cur.execute(_DUE, (iso, iso, iso)).fetchall()
            window: list[WindowFacts] = cur.execute(_WINDOW, (iso, iso, month, month)).fetchall()
            flags = open_flags(cur)
            inhibited = {r[0] for r in cur.execute(_INHIBITED, (iso,)).fetchall()}
        return DueWork(due, window, flags, inhibited)
