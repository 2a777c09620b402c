"""The schedule's facts: when an activity's work falls due, how much of it is
expected done on a day, how late it is, and where it stands.

The plan-versus-actual views and the scheduler's late-work rules both judge by
these, so a report and an alert can never disagree about the same day:

* work planned in a month is due by that month's last day: an activity's start by
  the end of its first planned month, its finish by the end of its last, a step by
  the end of its own last planned month (the activity's last, if it names none);
* the due day itself is not late; the day after it is the first day late;
* expected progress grows linearly over the days of the planned months, which need
  not be contiguous (planned in ก.พ., เม.ย. and ก.ค. 2552, an activity is expected 28
  of 89 days' worth, 31%, at the end of February and stays so through March); where
  an activity has steps, each step counts equally instead and is expected done on
  its due day;
* percents are whole and rounded half up, as people round (12.5 is 13);
* cancelled beats completed beats started: an activity has one lifecycle.

Months come as an activity plans them: sorted, without repeats, at least one
(``Activity`` refuses anything else). Pure functions of months and dates: a
reschedule is simply other months, as in force on the day asked about.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from domain.calendar import Month

Lifecycle = Literal["planned", "started", "completed", "cancelled", "withdrawn"]
"""Where an activity stands, regardless of its schedule."""

Basis = Literal["linear", "steps"]
"""What expected progress is counted in: the planned months' days, or the steps."""


def due_by(month: Month) -> date:
    """The day work planned in ``month`` falls due: its last day."""
    return month.last_day


def starts_on(months: Sequence[Month]) -> date:
    """The first day of the first planned month: before it, nothing is due."""
    return months[0].first_day


def start_due(months: Sequence[Month]) -> date:
    """The day the work must have started by: the end of the first planned month."""
    return due_by(months[0])


def finish_due(months: Sequence[Month]) -> date:
    """The day the work must be finished by: the end of the last planned month."""
    return due_by(months[-1])


def step_due(step_months: Sequence[Month], activity_months: Sequence[Month]) -> date:
    """The day a step must be done by: the end of its last planned month, or of the
    activity's when the step names no month of its own."""
    return due_by(max(step_months)) if step_months else finish_due(activity_months)


def days_late(due: date, on: date) -> int:
    """Days ``on`` lies after ``due``: 0 on the due day itself and before it."""
    return max(0, (on - due).days)


def late_start_days(months: Sequence[Month], on: date, started_on: date | None) -> int:
    """Days the start is late on ``on``: not started by then, first month over."""
    if started_on is not None and started_on <= on:
        return 0
    return days_late(start_due(months), on)


def overdue_days(months: Sequence[Month], on: date, closed_on: date | None = None) -> int:
    """Days the finish is late on ``on``: not completed nor cancelled by then (the
    default: still open), last month over."""
    if closed_on is not None and closed_on <= on:
        return 0
    return days_late(finish_due(months), on)


def half_up(numerator: int | Decimal, denominator: int | Decimal) -> int:
    """``numerator / denominator`` (neither negative) to a whole number, a half going up
    as people round a percent: 12.5 is 13, where Python's ``round`` says 12. Exact, with
    no float nor decimal context in between, and quick enough for a scan's every row."""
    return int((2 * numerator + denominator) // (2 * denominator))


def expected_by_days(months: Sequence[Month], on: date) -> int:
    """Percent of the planned months' days that have passed by ``on`` (``on`` counts);
    a month not yet begun adds nothing, a month over adds all its days."""
    total = sum(m.last_day.day for m in months)
    if not total:
        return 0
    elapsed = sum(min(m.last_day.day, max(0, (on - m.first_day).days + 1)) for m in months)
    return half_up(100 * elapsed, total)


def expected_by_steps(step_dues: Sequence[date], on: date) -> int:
    """Percent of the steps due by ``on``: each counts equally, from its due day."""
    if not step_dues:
        return 0
    due = sum(1 for d in step_dues if d <= on)
    return half_up(100 * due, len(step_dues))


def expected_progress(
    months: Sequence[Month], step_dues: Sequence[date], on: date
) -> tuple[int, Basis]:
    """Percent expected done on ``on``: by the steps where there are any (their due
    days given), else by the planned months' days; and which of the two it was."""
    if step_dues:
        return expected_by_steps(step_dues, on), "steps"
    return expected_by_days(months, on), "linear"


def lifecycle(
    *,
    started_on: date | None,
    completed_on: date | None,
    cancelled_on: date | None,
    withdrawn_on: date | None = None,
) -> Lifecycle:
    """Where an activity stands given the days it was started, completed, cancelled and
    withdrawn from the plan (None: not, or not yet): a withdrawal outweighs everything (it
    is refused once work is recorded), a cancellation outweighs a completion, either
    outweighs the start."""
    if withdrawn_on is not None:
        return "withdrawn"
    if cancelled_on is not None:
        return "cancelled"
    if completed_on is not None:
        return "completed"
    return "started" if started_on is not None else "planned"
