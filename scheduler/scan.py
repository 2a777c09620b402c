"""The scan: find what is late on a day, from the views, and record it on the activities.

Evaluating reads the day's due work (`projections.due_work`: what fell due,
which started activities are in their window, which flags are open) and applies
the pure rules; no stream is replayed. Recording goes through the tracker,
activity by activity: the activity's stream refuses a flag raised before and a
stale writer, so a scan is idempotent and two schedulers scanning at once append
each flag once. A flag found no longer to hold on the day is resolved (flags
raised on later days are left alone, so scanning an earlier day changes nothing
after it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from application.tracker import Tracker
from domain.calendar import Month
from domain.flags import FlagKey
from projections.collector import without_collector
from projections.due_work import DueWorkReader, WindowFacts
from scheduler.rules import Finding, WindowRow, due_findings, window_findings
from scheduler.settings import SchedulerSettings
from storage.view_database import ViewDatabase


@dataclass(frozen=True, slots=True)
class Evaluation:
    """What the rules find on a day, and which open flags no longer hold."""

    day: date
    findings: dict[str, list[Finding]]
    cleared: dict[str, list[tuple[FlagKey, str]]]

    @property
    def activities(self) -> set[str]:
        return set(self.findings) | set(self.cleared)


@dataclass(frozen=True, slots=True)
class ScanReport:
    day: date
    findings: int
    raised: int
    resolved: int
    activities: int


class Scanner:
    """Evaluates the overdue rules for a day and records the flags."""

    def __init__(self, tracker: Tracker, db: ViewDatabase, settings: SchedulerSettings) -> None:
        self.tracker = tracker
        self.settings = settings
        self.due_work = DueWorkReader(db)

    @without_collector  # a hundred thousand findings, no cycles: see projections.collector
    def evaluate(self, day: date) -> Evaluation:
        iso, work = day.isoformat(), self.due_work.on(day)
        found = due_findings(work.due, day) + window_findings(
            (_window_row(r) for r in work.window),
            day,
            stalled_days=self.settings.stalled_days,
            budget_margin=self.settings.budget_margin,
        )
        findings: dict[str, list[Finding]] = defaultdict(list)
        for finding in found:
            findings[finding.activity_id].append(finding)
        cleared: dict[str, list[tuple[FlagKey, str]]] = defaultdict(list)
        for ident, rule, step, period, detected_on in work.open_flags:
            key = FlagKey(rule, int(step), period)
            if detected_on > iso:
                continue
            if all(f.key != key for f in findings.get(ident, ())):
                reason = "project_cancelled" if ident in work.inhibited else "cleared"
                cleared[ident].append((key, reason))
        return Evaluation(day, dict(findings), dict(cleared))

    def scan(self, day: date) -> ScanReport:
        """Evaluate ``day`` and record its flags; returns what was appended."""
        evaluation = self.evaluate(day)
        raised = resolved = 0
        for activity in sorted(evaluation.activities):
            outcome = self.tracker.record_flags(
                UUID(activity),
                raise_flags=[(f.key, f.details) for f in evaluation.findings.get(activity, ())],
                resolve_flags=evaluation.cleared.get(activity, []),
                on=day,
            )
            if outcome is not None:
                raised += outcome.events.count("ActivityFlagged")
                resolved += outcome.events.count("FlagResolved")
        return ScanReport(
            day=day,
            findings=sum(len(f) for f in evaluation.findings.values()),
            raised=raised,
            resolved=resolved,
            activities=len(evaluation.activities),
        )


def _day(text: object) -> date | None:
    return date.fromisoformat(str(text)) if text else None


def _window_row(r: WindowFacts) -> WindowRow:
    started = _day(r[2])
    assert started is not None  # the query asks for started activities only
    return WindowRow(
        activity_id=str(r[0]),
        months=tuple(Month.from_iso(m) for m in str(r[1]).split(",") if m),
        started_on=started,
        progress_days=tuple(date.fromisoformat(d) for d in str(r[3]).split(",") if d),
        allocation=Decimal(str(r[4])),
        spent=Decimal(str(r[5])),
        closed_on=_day(r[6]),
        project_cancelled_on=_day(r[7]),
    )
