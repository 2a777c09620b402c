"""``as_of``: a plan as it was known at an instant, folded from the log on demand.

Why it is measured: time travel does not read the views, it folds every event
recorded up to the instant in memory, so its cost grows with the whole log, not
with the plan. A person asking "what did we report at the end of March?" waits
for the fold and then for plan versus actual; the two together should take
under a second for a large municipality's year (1,000 activities, 50 events
each). The last instant folds the whole log; a mid-way instant (the recording
instant of the middle event) folds half of it but still reads all of it.
"""

from __future__ import annotations

import argparse
import statistics
from datetime import datetime
from typing import cast

from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target, stopwatch
from bench.profiling import profile, say_profile
from bench.synthetic import early_clock, plan_with_history
from domain.clock import BANGKOK
from domain.recorded import Recorded
from projections.assess import plan_versus_actual
from projections.queries import PlanReader
from storage.view_database import ViewDatabase

NAME = "as_of"
SUMMARY = "fold a plan as of an instant (last, mid-way) and build plan versus actual from it"
TARGET_SECONDS = 1.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--activities", type=int, default=1000, help="activities in the plan")
    parser.add_argument(
        "--events-per-activity", type=int, default=50, help="events in each activity's stream"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per instant")
    parser.add_argument(
        "--profile",
        choices=("auto", "always", "never"),
        default="auto",
        help="profile one more run at the last instant (auto: when a target is missed)",
    )


def from_args(backend: Backend, args: argparse.Namespace, say: Say) -> Report:
    return run(
        backend,
        activities=args.activities,
        events_per_activity=args.events_per_activity,
        repeat=args.repeat,
        profile_mode=args.profile,
        say=say,
    )


def run(
    backend: Backend,
    *,
    activities: int = 1000,
    events_per_activity: int = 50,
    repeat: int = 5,
    profile_mode: str = "auto",
    say: Say = print,
) -> Report:
    """Build the plan's history, then time ``snapshot_as_of`` and plan versus actual."""
    report = Report(
        NAME,
        backend.describe(),
        {"activities": activities, "events_per_activity": events_per_activity, "repeat": repeat},
    )
    clock = early_clock()
    tracker = Tracker(backend.store, clock=clock)
    db = ViewDatabase.for_store(backend.store)
    try:
        plan_id, _ = plan_with_history(tracker, clock, activities, events_per_activity)
        head = tracker.recorder.max_notification_id() or 0
        report.figures["log"] = {"events": head}
        say(f"log: {head:,} events; each run folds the events recorded up to the instant")
        reader = PlanReader(db, tracker)
        for label, position in (("last", head), ("mid", max(1, head // 2))):
            instant = _recorded_at(tracker, position)
            on = instant.astimezone(BANGKOK).date()
            fold_s, pva_s = [], []
            rows = sheets = 0
            for _ in range(max(1, repeat)):
                with stopwatch() as fold_lap:
                    snapshot = reader.snapshot_as_of(plan_id, instant)
                with stopwatch() as pva_lap:
                    pva = plan_versus_actual(snapshot.activities, snapshot.projects, on)
                fold_s.append(fold_lap.seconds)
                pva_s.append(pva_lap.seconds)
                rows, sheets = len(pva.rows), len(snapshot.activities)
            totals = [f + p for f, p in zip(fold_s, pva_s, strict=True)]
            report.figures[label] = {
                "instant": instant.isoformat(),
                "events_folded": position,
                "activities": sheets,
                "pva_rows": rows,
                "snapshot_s": _seconds(fold_s),
                "plan_versus_actual_s": _seconds(pva_s),
                "total_s": _seconds(totals),
            }
            say(
                f"as of {label} ({instant.astimezone(BANGKOK):%Y-%m-%d %H:%M} Bangkok,"
                f" {position:,} of {head:,} events): {sheets:,} activities, {rows:,} rows\n"
                f"  snapshot_as_of      median {statistics.median(fold_s):.3f} s,"
                f" worst {max(fold_s):.3f} s\n"
                f"  plan_versus_actual  median {statistics.median(pva_s):.3f} s,"
                f" worst {max(pva_s):.3f} s\n"
                f"  together            median {statistics.median(totals):.3f} s,"
                f" worst {max(totals):.3f} s"
            )
            report.targets.append(
                Target(
                    f"as of {label}: snapshot + plan versus actual, worst of {len(totals)} (s)",
                    max(totals),
                    TARGET_SECONDS,
                    at_least=False,
                    unit=" s",
                )
            )
        report.notes.append("verdicts use the slowest run; medians are in the figures")
        if profile_mode == "always" or (profile_mode == "auto" and not report.passed):
            instant = _recorded_at(tracker, head)
            on = instant.astimezone(BANGKOK).date()

            def once() -> int:
                snapshot = reader.snapshot_as_of(plan_id, instant)
                plan_versus_actual(snapshot.activities, snapshot.projects, on)
                return 1

            found = profile(once)
            report.figures["profile"] = found.to_json()
            seconds = found.total_us_per_op / 1e6
            say(f"profile of one more run as of last ({seconds:.2f} s under cProfile):")
            say_profile(found, say, what="snapshot_as_of + plan_versus_actual")
    finally:
        db.close()
        tracker.close()
    return report


def _recorded_at(tracker: Tracker, position: int) -> datetime:
    """The recording instant of the event at ``position`` in the log."""
    notification = tracker.recorder.select_notifications(position, 1)[0]
    return cast(Recorded, tracker.mapper.to_domain_event(notification)).timestamp


def _seconds(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 4),
        "worst": round(max(values), 4),
        "best": round(min(values), 4),
    }
