"""An activity's life: started, completed or cancelled, reopened, and its dates put right.

A start and a completion are facts with business dates; when one was recorded on
the wrong day, its correction carries the true day as its own business date and
replaces it (the first stays in history). Corrections are allowed on a closed
activity too; new work is not (``activity_state.check_open``).
"""

from __future__ import annotations

from datetime import date

from domain.activity_flags import resolve_where
from domain.activity_state import ActivityState, Status, check_open, work_days
from domain.errors import RuleViolation
from domain.flags import Rule
from domain.recorded import Byline, Recorded, check_business_date, require_text, trigger
from domain.words import Words


class ActivityStarted(Recorded):
    """Work on the activity began (its business date is the actual start)."""

    TOPIC = "tidtam.ActivityStarted"
    note: str

    def apply(self, activity: ActivityState) -> None:
        activity.started_on = self.occurred_on


def start(activity: ActivityState, *, note: str = "", by: Byline) -> None:
    """Record that work began on the byline's business date."""
    check_open(activity, by)
    if activity.started_on is not None:
        raise RuleViolation(
            "activity_already_started",
            field="occurred_on",
            code=activity.code,
            started_on=activity.started_on,
        )
    trigger(activity, ActivityStarted, by, note=note)
    resolve_where(activity, "started", by, rule=Rule.LATE_START)


def start_implicitly(activity: ActivityState, by: Byline) -> None:
    """Recording work on an activity nobody marked as started starts it that day."""
    if activity.started_on is None:
        trigger(activity, ActivityStarted, by, note="")
        resolve_where(activity, "started", by, rule=Rule.LATE_START)


class StartCorrected(Recorded):
    """The day work began was put right, with the reason why: its business date is
    the corrected start, as an ``ActivityStarted``'s is the start."""

    TOPIC = "tidtam.StartCorrected"
    previous_start: date
    reason: str

    def apply(self, activity: ActivityState) -> None:
        activity.started_on = self.occurred_on


def correct_start(activity: ActivityState, *, reason: str | None, by: Byline) -> None:
    """Put the day work began right: the byline's business date is the true start.
    A correction, so allowed on a closed activity too; the start may not move after
    the first work recorded, nor after the day the activity closed."""
    check_business_date(by, activity.fiscal_year)
    why = require_text(
        reason, what=Words("การแก้ไขวันเริ่มดำเนินการ", "a start correction"), field="reason"
    )
    if activity.started_on is None:
        raise RuleViolation("activity_not_started", field="occurred_on", code=activity.code)
    new_start = by.occurred_on
    if new_start == activity.started_on:
        raise RuleViolation(
            "no_change",
            field="occurred_on",
            what=Words("วันเริ่มดำเนินการ", "the start"),
            value=new_start,
        )
    first_work = min(work_days(activity), default=None)
    closed_on = activity.completed_on or activity.cancelled_on
    for rule, name, ceiling in (
        ("start_after_recorded_work", "first_work", first_work),
        ("start_after_closing", "closed_on", closed_on),
    ):
        if ceiling is not None and new_start > ceiling:
            raise RuleViolation(
                rule, field="occurred_on", code=activity.code, started_on=new_start,
                **{name: ceiling},
            )  # fmt: skip
    trigger(activity, StartCorrected, by, previous_start=activity.started_on, reason=why)


class ActivityCompleted(Recorded):
    """The activity was finished; progress is 100% from its business date."""

    TOPIC = "tidtam.ActivityCompleted"
    note: str
    steps_left_open: tuple[int, ...]

    def apply(self, activity: ActivityState) -> None:
        activity.completed_on = self.occurred_on


def complete(activity: ActivityState, *, note: str = "", by: Byline) -> None:
    """Finish the activity; every step must be done, or the note must say why not."""
    check_open(activity, by, late_entry=False)
    open_steps = tuple(n for n, s in sorted(activity.steps.items()) if s.completed_on is None)
    if open_steps and not note.strip():
        raise RuleViolation(
            "steps_done_before_completion", field="note", code=activity.code, steps=open_steps
        )
    start_implicitly(activity, by)
    trigger(activity, ActivityCompleted, by, note=note.strip(), steps_left_open=open_steps)
    resolve_where(activity, "completed", by)


class CompletionCorrected(Recorded):
    """The day the activity was finished was put right, with the reason why: its
    business date is the corrected completion, as an ``ActivityCompleted``'s is the
    completion."""

    TOPIC = "tidtam.CompletionCorrected"
    previous_completion: date
    reason: str

    def apply(self, activity: ActivityState) -> None:
        activity.completed_on = self.occurred_on


def correct_completion(activity: ActivityState, *, reason: str | None, by: Byline) -> None:
    """Put the day the activity was finished right: the byline's business date is the
    true completion. It may not fall before the start, before any work recorded, nor
    before the activity was last reopened (the completion in force came after that)."""
    check_business_date(by, activity.fiscal_year)
    why = require_text(
        reason,
        what=Words("การแก้ไขวันที่เสร็จสิ้น", "a completion correction"),
        field="reason",
    )
    if activity.completed_on is None:
        raise RuleViolation("activity_not_completed", field="occurred_on", code=activity.code)
    new_completion = by.occurred_on
    if new_completion == activity.completed_on:
        raise RuleViolation(
            "no_change",
            field="occurred_on",
            what=Words("วันที่เสร็จสิ้น", "the completion"),
            value=new_completion,
        )
    floors = (
        ("completion_before_start", "started_on", activity.started_on),
        ("completion_before_recorded_work", "last_work", max(work_days(activity), default=None)),
        ("completion_before_reopening", "reopened_on", activity.reopened_on),
    )
    for rule, name, floor in floors:
        if floor is not None and new_completion < floor:
            raise RuleViolation(
                rule, field="occurred_on", code=activity.code, completed_on=new_completion,
                **{name: floor},
            )  # fmt: skip
    trigger(
        activity, CompletionCorrected, by, previous_completion=activity.completed_on, reason=why
    )


class ActivityCancelled(Recorded):
    """The activity will not be carried out."""

    TOPIC = "tidtam.ActivityCancelled"
    reason: str

    def apply(self, activity: ActivityState) -> None:
        activity.cancelled_on = self.occurred_on


def cancel(activity: ActivityState, *, reason: str | None, by: Byline) -> None:
    """Call the activity off, with the reason why."""
    check_open(activity, by, late_entry=False)
    why = require_text(reason, what=Words("การยกเลิก", "cancelling"), field="reason")
    trigger(activity, ActivityCancelled, by, reason=why)
    resolve_where(activity, "cancelled", by)


class ActivityReopened(Recorded):
    """A completion or cancellation was withdrawn (a correction), with the reason why."""

    TOPIC = "tidtam.ActivityReopened"
    reason: str
    was: str

    def apply(self, activity: ActivityState) -> None:
        activity.completed_on = None
        activity.cancelled_on = None
        activity.reopened_on = self.occurred_on


def reopen(activity: ActivityState, *, reason: str | None, by: Byline) -> None:
    """Withdraw a completion or cancellation that was recorded in error."""
    check_business_date(by, activity.fiscal_year)
    why = require_text(reason, what=Words("การเปิดกิจกรรมใหม่", "reopening"), field="reason")
    if activity.status not in (Status.COMPLETED, Status.CANCELLED):
        raise RuleViolation("activity_not_closed", code=activity.code)
    trigger(activity, ActivityReopened, by, reason=why, was=activity.status.value)


class ActivityWithdrawn(Recorded):
    """A revision of the plan took the activity out of it, before any work was recorded."""

    TOPIC = "tidtam.ActivityWithdrawn"
    revision: int
    reason: str

    def apply(self, activity: ActivityState) -> None:
        activity.withdrawn_on = self.occurred_on


def withdraw(activity: ActivityState, *, revision: int, reason: str, by: Byline) -> None:
    """Take the activity out of the plan (revision ``revision``, called ``reason``).

    Refused once work or spending is on record: what was done stays in the plan, to be
    cancelled or completed; a withdrawal says the work was never the plan's."""
    check_open(activity, by, late_entry=False)
    if activity.started_on is not None or work_days(activity):
        raise RuleViolation("withdraw_after_work", code=activity.code, revision=reason)
    trigger(activity, ActivityWithdrawn, by, revision=revision, reason=reason)
    resolve_where(activity, "withdrawn", by)
