"""``scan``: finding the late work among 100,000 activities on one date.

Why it is measured: the scheduler evaluates every rule for every activity each
day (and for every missed day after a downtime), from the views, without
replaying streams. The evaluation should take under 2 s and 300 MB for a very
large store. Recording the flags it finds is measured too, as a rate, because
a first scan of a store that was never scanned records many at once.

The store: a synthetic plan of 100,000 activities (imported in one transaction
and projected), a third of them started early in the year so the stalled and
budget rules have work, evaluated on a mid-year day.
"""

from __future__ import annotations

import resource
import tracemalloc
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target, rate, stopwatch
from bench.options import PlanSize, asked
from bench.synthetic import ACTOR, early_clock, import_synthetic
from domain.clock import BANGKOK, FixedClock
from projections.service import Projections
from scheduler.scan import Evaluation, Scanner
from scheduler.settings import SchedulerSettings

NAME = "scan"
SUMMARY = "evaluate the overdue rules over 100,000 activities on one date (time, memory)"
TARGET_SECONDS = 2.0
TARGET_MB = 300.0
DAY = date(2009, 6, 15)


@dataclass(frozen=True, slots=True)
class Options:
    """The plan's size, and how many activities' findings are then recorded."""

    activities: PlanSize = 100_000
    record: Annotated[int, "activities whose findings are then recorded"] = 2_000


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Import and project the plan, evaluate the rules on ``DAY``, then record some flags."""
    report = Report(NAME, backend.describe(), {**asked(options), "day": DAY.isoformat()})
    clock = early_clock()
    with Tracker(backend.store, clock=clock) as tracker:
        imported = import_synthetic(tracker, options.activities)
        say(f"import: {options.activities:,} activities in {imported.seconds:.1f} s")
        started = _start_some(tracker, clock, imported.activity_ids[::3])
        with closing(Projections(tracker, batch_size=5000)) as projections:
            with stopwatch() as lap:
                projections.catch_up()
            head = tracker.recorder.max_notification_id() or 0
            say(f"log: {head:,} events ({started:,} started), projected in {lap.seconds:.1f} s")
            report.figures["log"] = {"events": head, "started": started}
            clock.set(datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=BANGKOK))
            scanner = Scanner(tracker, projections.db, SchedulerSettings())
            evaluation = _evaluate(report, scanner, say)
            _record(report, tracker, evaluation, options.record, say)
    report.notes.append(
        "peak memory is what tracemalloc saw allocated during one evaluation;"
        " the process's max RSS also holds the import and the projections"
    )
    return report


def _evaluate(report: Report, scanner: Scanner, say: Say) -> Evaluation:
    """Evaluate once untimed (to warm the file cache), once timed, once under tracemalloc."""
    scanner.evaluate(DAY)
    with stopwatch() as lap:
        evaluation = scanner.evaluate(DAY)
    findings = sum(len(f) for f in evaluation.findings.values())
    tracemalloc.start()
    scanner.evaluate(DAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = peak / 2**20
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report.figures["evaluate"] = {
        "seconds": round(lap.seconds, 3),
        "findings": findings,
        "activities_with_findings": len(evaluation.findings),
        "peak_traced_mb": round(peak_mb, 1),
        "process_max_rss_mb": round(rss_mb, 1),
    }
    say(
        f"evaluate {DAY}: {findings:,} findings on {len(evaluation.findings):,} activities"
        f" in {lap.seconds:.2f} s; peak {peak_mb:.0f} MB allocated during it"
        f" (process max RSS {rss_mb:.0f} MB, import and projections included)"
    )
    report.targets.append(
        Target(
            "evaluate 100,000 activities (s)",
            lap.seconds,
            TARGET_SECONDS,
            at_least=False,
            unit=" s",
        )
    )
    report.targets.append(
        Target(
            "evaluate: peak memory allocated (MB)",
            peak_mb,
            TARGET_MB,
            at_least=False,
            unit=" MB",
        )
    )
    return evaluation


def _record(
    report: Report, tracker: Tracker, evaluation: Evaluation, record: int, say: Say
) -> None:
    """Record the findings of the first ``record`` activities, one transaction each."""
    chosen = sorted(evaluation.findings)[:record]
    with stopwatch() as lap:
        raised = 0
        for activity in chosen:
            outcome = tracker.record_flags(
                UUID(activity),
                raise_flags=[(f.key, f.details) for f in evaluation.findings[activity]],
                on=DAY,
            )
            raised += outcome.events.count("ActivityFlagged") if outcome else 0
    report.figures["record"] = {
        "activities": len(chosen),
        "flags": raised,
        "seconds": round(lap.seconds, 3),
        "flags_per_s": round(rate(raised, lap.seconds)),
    }
    say(
        f"record: {raised:,} flags on {len(chosen):,} activities in {lap.seconds:.1f} s"
        f" = {rate(raised, lap.seconds):,.0f} flags/s (one transaction per activity)"
    )


def _start_some(tracker: Tracker, clock: FixedClock, ids_: list[UUID], chunk: int = 2000) -> int:
    """Start activities on 5 October, in batches saved together (fast, through the aggregates)."""
    clock.set(datetime(2008, 10, 5, 9, tzinfo=BANGKOK))
    by = tracker.byline(ACTOR, date(2008, 10, 5))
    done = 0
    for start in range(0, len(ids_), chunk):
        batch = [tracker.get_activity(i) for i in ids_[start : start + chunk]]
        for activity in batch:
            activity.start(by=by)
        tracker.save(*batch)
        done += len(batch)
    return done
