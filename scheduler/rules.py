"""The overdue rules: rows from the views and a business date in, findings out.

Pure functions, so each rule can be tested at month ends and across the fiscal
year's end without a database. Evaluated for a date D (Asia/Bangkok):

* ``late_start``   — the end of the first planned month has passed and the activity
                     had not started by D;
* ``step_overdue`` — the end of a step's last planned month has passed and the step
                     was not done by D;
* ``overdue``      — the end of the last planned month has passed and the activity
                     was neither completed nor cancelled by D;
* ``stalled``      — D lies in the planned window, the activity is started, and no
                     progress was reported for more than N days (default 30);
* ``over_budget_risk`` — spending exceeds the expected share of the allocation
                     (linear over the planned months) by more than a margin.

Nothing is found for an activity whose project was cancelled by D (inhibition).
Stalled and budget risk judge the latest spending as known now. Due days, the
planned window and the expected share are :mod:`domain.schedule`'s, as in the
plan-versus-actual views, so an alert and a report agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.calendar import Month
from domain.flags import FlagKey, Rule
from domain.money import ZERO
from domain.schedule import expected_by_days, finish_due, starts_on

_DUE_RULES = {"start": Rule.LATE_START, "finish": Rule.OVERDUE, "step": Rule.STEP_OVERDUE}

DueRow = tuple[str, str, int, str, str | None, str | None, str | None]
"""Something an activity owes by a day: (activity id, kind — start | finish | step —, step,
due on, done on, activity closed on, project cancelled on), dates as ISO strings."""


@dataclass(frozen=True, slots=True)
class WindowRow:
    """A started activity with what the stalled and budget rules need."""

    activity_id: str
    months: tuple[Month, ...]
    started_on: date
    progress_days: tuple[date, ...]
    allocation: Decimal
    spent: Decimal
    closed_on: date | None
    project_cancelled_on: date | None


@dataclass(frozen=True, slots=True)
class Finding:
    """An activity is late under a rule on a day."""

    activity_id: str
    key: FlagKey
    details: str


def _by(day: str | None, on: str) -> bool:
    """Had it happened by ``on``? (ISO dates compare as strings.)"""
    return day is not None and day <= on


def due_findings(rows: Iterable[DueRow], on: date) -> list[Finding]:
    """late_start, overdue and step_overdue on ``on``.

    Rows carry ISO date strings: a scan reads hundreds of thousands of them, and
    ISO dates compare correctly as text, so none is parsed.
    """
    day = on.isoformat()
    found = []
    for activity, kind, step, due_on, done_on, closed_on, cancelled_on in rows:
        if due_on >= day or _by(done_on, day) or _by(closed_on, day) or _by(cancelled_on, day):
            continue
        key = FlagKey(_DUE_RULES[kind], step, due_on[:7])
        found.append(Finding(activity, key, f"due {due_on}"))
    return found


def window_findings(
    rows: Iterable[WindowRow], on: date, *, stalled_days: int, budget_margin: int
) -> list[Finding]:
    """stalled and over_budget_risk on ``on``."""
    found = []
    for row in rows:
        if not row.months or row.started_on > on:
            continue
        if (row.closed_on and row.closed_on <= on) or (
            row.project_cancelled_on and row.project_cancelled_on <= on
        ):
            continue
        if not starts_on(row.months) <= on <= finish_due(row.months):
            continue
        heard = max([row.started_on, *(d for d in row.progress_days if d <= on)])
        if (on - heard).days > stalled_days:
            found.append(
                Finding(
                    row.activity_id,
                    FlagKey(Rule.STALLED, 0, heard.isoformat()),
                    f"no progress since {heard}",
                )
            )
        expected = expected_by_days(row.months, on)
        if row.allocation > ZERO and row.spent * 100 > row.allocation * (expected + budget_margin):
            found.append(
                Finding(
                    row.activity_id,
                    FlagKey(Rule.OVER_BUDGET_RISK, 0, str(row.allocation)),
                    f"spent {row.spent} of {row.allocation}, {expected}% expected",
                )
            )
    return found
