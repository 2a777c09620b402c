"""The tracker's part that applies a scan's findings to an activity (raise, resolve);
a part of :class:`~application.tracker.Tracker`, kept apart for size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError, Recording

from application.outcome import Outcome
from domain.activity import Activity
from domain.errors import ConflictError
from domain.flags import FlagKey
from domain.recorded import Byline


class Saves(Protocol):
    def get_activity(self, activity_id: UUID) -> Activity: ...
    def byline(self, actor: str, occurred_on: date | None = None) -> Byline: ...
    def save(self, *objs: Aggregate) -> list[Recording[UUID]]: ...


class ScanFindings:
    """Flags raised and resolved by the scheduler (mixed into the tracker)."""

    def record_flags(
        self: Saves,
        activity_id: UUID,
        *,
        raise_flags: Sequence[tuple[FlagKey, str]] = (),
        resolve_flags: Sequence[tuple[FlagKey, str]] = (),
        on: date,
        actor: str = "scheduler",
    ) -> Outcome | None:
        """Apply a scan's findings to one activity: raise (key, details), resolve (key, reason).

        Flags already raised are not raised again, so scanning twice, or two
        schedulers scanning at once, appends each flag once: a concurrent writer
        makes the save fail, and the findings are re-applied to the fresh stream.
        """
        for _ in range(5):
            activity = self.get_activity(activity_id)
            by = self.byline(actor, on)
            for key, details in raise_flags:
                activity.raise_flag(key, details=details, by=by)
            for key, reason in resolve_flags:
                activity.resolve_flag(key, reason=reason, by=by)
            if not activity.pending_events:
                return None
            try:
                recordings = self.save(activity)
            except RecordConflictError:
                continue
            return Outcome.of(activity, recordings)
        raise ConflictError(expected=None, current=self.get_activity(activity_id).version)
