"""An activity's flags: raised by the scheduler, resolved by the work that answers them.

A flag is raised once per key (``domain.flags``); a command that makes one untrue
(a start, a step done, a reschedule, …) resolves it in the same save, and managers
acknowledge or snooze the ones still open.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.activity_state import ActivityState
from domain.errors import RuleViolation
from domain.flags import Flag, FlagKey
from domain.recorded import Byline, Recorded, check_business_date, trigger


class ActivityFlagged(Recorded):
    """The scheduler found the activity late under a rule (once per rule, step, period)."""

    TOPIC = "tidtam.ActivityFlagged"
    flag_id: UUID
    rule: str
    step: int
    period: str
    details: str

    def apply(self, activity: ActivityState) -> None:
        key = FlagKey(self.rule, self.step, self.period)
        activity.flags[key] = Flag(key, self.flag_id, self.occurred_on, self.details)


def raise_flag(activity: ActivityState, key: FlagKey, *, details: str, by: Byline) -> bool:
    """Raise a flag unless one with this key was ever raised; say whether it was."""
    if key in activity.flags:
        return False
    check_business_date(by, activity.fiscal_year)
    trigger(
        activity, ActivityFlagged, by, flag_id=key.flag_id(activity.id), rule=key.rule,
        step=key.step, period=key.period, details=details,
    )  # fmt: skip
    return True


class FlagResolved(Recorded):
    """What a flag said no longer holds (started, completed, rescheduled, …)."""

    TOPIC = "tidtam.FlagResolved"
    flag_id: UUID
    rule: str
    step: int
    period: str
    reason: str

    def apply(self, activity: ActivityState) -> None:
        flag = activity.flags[FlagKey(self.rule, self.step, self.period)]
        flag.resolved_on = self.occurred_on
        flag.resolved_reason = self.reason


def resolve_flag(activity: ActivityState, key: FlagKey, *, reason: str, by: Byline) -> bool:
    """Resolve an open flag; say whether there was one to resolve."""
    flag = activity.flags.get(key)
    if flag is None or not flag.is_open:
        return False
    trigger(
        activity, FlagResolved, by, flag_id=flag.flag_id, rule=key.rule, step=key.step,
        period=key.period, reason=reason,
    )  # fmt: skip
    return True


def resolve_where(
    activity: ActivityState,
    reason: str,
    by: Byline,
    *,
    rule: str | None = None,
    step: int | None = None,
    unless_period: str | None = None,
) -> None:
    """Resolve the open flags a command just made untrue."""
    for flag in activity.open_flags:
        key = flag.key
        if rule is not None and key.rule != rule:
            continue
        if step is not None and key.step != step:
            continue
        if unless_period is not None and key.period == unless_period:
            continue
        resolve_flag(activity, key, reason=reason, by=by)


class FlagAcknowledged(Recorded):
    """A manager saw the flag and is dealing with it."""

    TOPIC = "tidtam.FlagAcknowledged"
    flag_id: UUID
    note: str

    def apply(self, activity: ActivityState) -> None:
        activity.flag_by_id(self.flag_id).acknowledged_by = self.actor


def acknowledge_flag(activity: ActivityState, flag_id: UUID, *, note: str = "", by: Byline) -> None:
    flag = _open_flag(activity, flag_id)
    trigger(activity, FlagAcknowledged, by, flag_id=flag.flag_id, note=note)


class FlagSnoozed(Recorded):
    """A manager asked for quiet about the flag until a date."""

    TOPIC = "tidtam.FlagSnoozed"
    flag_id: UUID
    until: date
    note: str

    def apply(self, activity: ActivityState) -> None:
        activity.flag_by_id(self.flag_id).snoozed_until = self.until


def snooze_flag(
    activity: ActivityState, flag_id: UUID, *, until: date, note: str = "", by: Byline
) -> None:
    flag = _open_flag(activity, flag_id)
    if until <= by.today:
        raise RuleViolation("snooze_in_future", field="until", until=until, today=by.today)
    trigger(activity, FlagSnoozed, by, flag_id=flag.flag_id, until=until, note=note)


def _open_flag(activity: ActivityState, flag_id: UUID) -> Flag:
    flag = activity.flag_by_id(flag_id)
    if not flag.is_open:
        raise RuleViolation("flag_resolved", field="flag_id", code=activity.code, flag=str(flag_id))
    return flag
