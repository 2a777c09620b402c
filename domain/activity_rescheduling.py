"""When an activity is planned: its months and its steps' months, and moving them.

Planned months lie inside the activity's fiscal year, sorted and without repeats.
A manager moves them with the reason why; the months first planned stay visible
beside the new ones, and the lateness flags of months no longer planned resolve.
"""

from __future__ import annotations

from typing import Any

from domain.activity_flags import resolve_where
from domain.activity_state import ActivityState, check_open, step_of
from domain.calendar import FiscalYear, Month
from domain.errors import RuleViolation
from domain.flags import Rule
from domain.recorded import Byline, Recorded, require_text, trigger
from domain.words import Words

SCHEDULE = Words("กำหนดการ", "the schedule")


def _before_revisions(state: dict[str, Any]) -> None:
    """Revisions were not recorded before version 2: every reschedule was a manager's."""
    state["revision"] = None


class ActivityRescheduled(Recorded):
    """The activity's planned months were moved."""

    TOPIC = "tidtam.ActivityRescheduled"
    class_version = 2
    planned_months: tuple[Month, ...]
    previous: tuple[Month, ...]
    reason: str
    revision: int | None
    """The plan revision that moved it; None: a manager's reschedule, between revisions."""

    upcast_v1_v2 = staticmethod(_before_revisions)

    def apply(self, activity: ActivityState) -> None:
        activity.planned_months = tuple(self.planned_months)
        if self.revision is not None:
            activity.documented_months = activity.planned_months


class StepRescheduled(Recorded):
    """One step's planned months were moved."""

    TOPIC = "tidtam.StepRescheduled"
    class_version = 2
    step: int
    planned_months: tuple[Month, ...]
    previous: tuple[Month, ...]
    reason: str
    revision: int | None
    """The plan revision that moved it; None: a manager's reschedule, between revisions."""

    upcast_v1_v2 = staticmethod(_before_revisions)

    def apply(self, activity: ActivityState) -> None:
        step = activity.steps[self.step]
        step.planned_months = tuple(self.planned_months)
        if self.revision is not None:
            step.documented_months = step.planned_months


def reschedule(
    activity: ActivityState,
    months: tuple[Month, ...],
    *,
    step: int | None = None,
    reason: str | None,
    by: Byline,
    revision: int | None = None,
) -> None:
    """Move the activity (or one of its steps) to other months of its fiscal year; the
    lateness flags of the months it leaves resolve, those of the months it keeps stay."""
    check_open(activity, by, late_entry=False)
    why = require_text(reason, what=Words("การเลื่อนกำหนดการ", "rescheduling"), field="reason")
    label = activity.code if step is None else f"{activity.code} #{step}"
    new_months = checked_months(months, activity.fiscal_year, code=label)
    previous = activity.planned_months if step is None else step_of(activity, step).planned_months
    if new_months == previous and revision is None:  # a revision may confirm a reschedule
        raise RuleViolation("no_change", field="months", what=SCHEDULE, value=new_months)
    moved = {
        "planned_months": new_months,
        "previous": previous,
        "reason": why,
        "revision": revision,
    }
    first, last = new_months[0].iso, new_months[-1].iso
    if step is None:
        trigger(activity, ActivityRescheduled, by, **moved)
        resolve_where(activity, "rescheduled", by, rule=Rule.LATE_START, unless_period=first)
        resolve_where(activity, "rescheduled", by, rule=Rule.OVERDUE, unless_period=last)
    else:
        trigger(activity, StepRescheduled, by, step=step, **moved)
        resolve_where(
            activity, "rescheduled", by, rule=Rule.STEP_OVERDUE, step=step, unless_period=last
        )


def checked_months(
    months: tuple[Month, ...], fiscal_year: FiscalYear, *, code: str
) -> tuple[Month, ...]:
    """Planned months, sorted and without repeats, all inside the fiscal year."""
    if not months:
        raise RuleViolation(
            "planned_months_required",
            field="months",
            what=Words("กิจกรรม", "activity"),
            code=code,
            hint="",
        )
    check_in_fiscal_year(months, fiscal_year)
    return tuple(sorted(set(months)))


def check_in_fiscal_year(months: tuple[Month, ...], fiscal_year: FiscalYear) -> None:
    for month in months:
        if not fiscal_year.contains(month):
            raise RuleViolation(
                "planned_month_in_fiscal_year",
                field="months",
                month=month,
                fiscal_year=fiscal_year.be,
                start=fiscal_year.start,
                end=fiscal_year.end,
            )
