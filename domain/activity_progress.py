"""Progress and steps: how far an activity has got, and which of its steps are done.

An entry lands on the progress timeline at its business date (``activity_state``).
Recorded progress may not make the timeline fall: neither below the figure in
effect on its date, nor above one already recorded for a later date. A figure
that does is a correction, a command of its own with the reason why.
"""

from __future__ import annotations

from domain.activity_flags import resolve_where
from domain.activity_lifecycle import start_implicitly
from domain.activity_state import ActivityState, ProgressEntry, check_open, step_of
from domain.errors import RuleViolation
from domain.flags import Rule
from domain.recorded import Byline, Recorded, require_text, trigger
from domain.words import Words


class ProgressRecorded(Recorded):
    """Staff reported how far the activity has got."""

    TOPIC = "tidtam.ProgressRecorded"
    percent: int
    note: str
    evidence: str | None

    def apply(self, activity: ActivityState) -> None:
        activity.timeline.append(
            ProgressEntry(self.occurred_on, self.percent, self.originator_version)
        )


def record_progress(
    activity: ActivityState,
    percent: int,
    *,
    note: str = "",
    evidence: str | None = None,
    by: Byline,
) -> None:
    """Report progress; a figure that would make the timeline fall is refused, since
    only a correction (``correct_progress``, with its reason) may lower it."""
    check_percent(percent)
    check_open(activity, by)
    _check_timeline_rises(activity, percent, by)
    start_implicitly(activity, by)
    trigger(activity, ProgressRecorded, by, percent=percent, note=note, evidence=evidence)
    resolve_where(activity, "progress", by, rule=Rule.STALLED)


class ProgressCorrected(Recorded):
    """A progress figure was put right, with the reason why."""

    TOPIC = "tidtam.ProgressCorrected"
    percent: int
    reason: str
    evidence: str | None

    def apply(self, activity: ActivityState) -> None:
        activity.timeline.append(
            ProgressEntry(self.occurred_on, self.percent, self.originator_version)
        )


def correct_progress(
    activity: ActivityState,
    percent: int,
    *,
    reason: str | None,
    evidence: str | None = None,
    by: Byline,
) -> None:
    """Put a progress figure right, with the reason why: the one way progress may fall.

    It lands at its business date like any entry, but the timeline need not rise
    around it, and it starts nothing: it corrects what was recorded. Like recorded
    progress, it is refused on a closed activity unless dated by its closing day.
    """
    check_percent(percent)
    check_open(activity, by)
    why = require_text(
        reason, what=Words("การแก้ไขความก้าวหน้า", "a progress correction"), field="reason"
    )
    trigger(activity, ProgressCorrected, by, percent=percent, reason=why, evidence=evidence)
    resolve_where(activity, "progress", by, rule=Rule.STALLED)


class StepCompleted(Recorded):
    """One numbered step was done."""

    TOPIC = "tidtam.StepCompleted"
    step: int
    note: str

    def apply(self, activity: ActivityState) -> None:
        activity.steps[self.step].completed_on = self.occurred_on


def complete_step(activity: ActivityState, step: int, *, note: str = "", by: Byline) -> None:
    """Record that one numbered step was done."""
    check_open(activity, by)
    target = step_of(activity, step)
    if target.completed_on is not None:
        raise RuleViolation(
            "step_already_completed",
            field="step",
            step=step,
            code=activity.code,
            completed_on=target.completed_on,
        )
    start_implicitly(activity, by)
    trigger(activity, StepCompleted, by, step=step, note=note)
    resolve_where(activity, "step_completed", by, rule=Rule.STEP_OVERDUE, step=step)


def check_percent(percent: int) -> None:
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        raise RuleViolation("percent_in_range", field="percent", percent=percent)


def _check_timeline_rises(activity: ActivityState, percent: int, by: Byline) -> None:
    """Recorded progress may not fall: neither below the figure in effect on its date,
    nor above a figure already recorded for a later date."""
    before = activity.progress_on(by.occurred_on)
    if percent < before:
        raise RuleViolation(
            "lower_percent_needs_reason", field="percent", percent=percent, last=before
        )
    for entry in sorted(activity.timeline, key=lambda e: (e.occurred_on, e.seq)):
        if entry.occurred_on > by.occurred_on and entry.percent < percent:
            raise RuleViolation(
                "progress_above_later_entry",
                field="percent",
                percent=percent,
                occurred_on=by.occurred_on,
                later=entry.percent,
                later_on=entry.occurred_on,
            )
