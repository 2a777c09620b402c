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

import statistics
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, cast
from uuid import UUID

from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target, stopwatch
from bench.options import HistoryLength, PlanSize, Profiling, asked, wants_profile
from bench.profiling import profile, say_profile
from bench.synthetic import early_clock, plan_with_history
from domain.clock import BANGKOK
from domain.recorded import Recorded
from projections.queries import PlanReader
from storage.view_database import ViewDatabase

NAME = "as_of"
SUMMARY = "fold a plan as of an instant (last, mid-way) and build plan versus actual from it"
TARGET_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Options:
    """The plan's size, its history's length and the runs timed at each instant."""

    activities: PlanSize = 1000
    events_per_activity: HistoryLength = 50
    repeat: Annotated[int, "timed runs per instant"] = 5
    profile: Annotated[
        Profiling, "profile one more run at the last instant (auto: when a target is missed)"
    ] = "auto"


@dataclass(frozen=True, slots=True)
class _Asking:
    """A plan asked for as of instants: the reader that folds it, and the log."""

    tracker: Tracker
    reader: PlanReader
    plan_id: UUID

    def recorded_at(self, position: int) -> datetime:
        """The recording instant of the event at ``position`` in the log."""
        notification = self.tracker.recorder.select_notifications(position, 1)[0]
        return cast(Recorded, self.tracker.mapper.to_domain_event(notification)).timestamp

    def once(self, instant: datetime) -> tuple[float, float, int, int]:
        """One timed run as of ``instant``: the fold's seconds, plan versus actual's,
        and the rows and activities they gave."""
        on = instant.astimezone(BANGKOK).date()
        with stopwatch() as fold_lap:
            snapshot = self.reader.snapshot_as_of(self.plan_id, instant)
        with stopwatch() as pva_lap:
            pva = snapshot.versus_actual(on)
        return fold_lap.seconds, pva_lap.seconds, len(pva.rows), len(snapshot.activities)


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Build the plan's history, then time ``snapshot_as_of`` and plan versus actual."""
    report = Report(NAME, backend.describe(), asked(options))
    clock = early_clock()
    store = backend.store
    with Tracker(store, clock=clock) as tracker, closing(ViewDatabase.for_store(store)) as db:
        plan_id, _ = plan_with_history(
            tracker, clock, options.activities, options.events_per_activity
        )
        head = tracker.recorder.max_notification_id() or 0
        report.figures["log"] = {"events": head}
        say(f"log: {head:,} events; each run folds the events recorded up to the instant")
        asking = _Asking(tracker, PlanReader(db, tracker), plan_id)
        for label, position in (("last", head), ("mid", max(1, head // 2))):
            _measure(report, asking, label, position, head, options.repeat, say)
        report.notes.append("verdicts use the slowest run; medians are in the figures")
        if wants_profile(options.profile, missed=not report.passed):
            _profile(report, asking, head, say)
    return report


def _measure(
    report: Report, asking: _Asking, label: str, position: int, head: int, repeat: int, say: Say
) -> None:
    """``repeat`` timed runs as of the instant the event at ``position`` was recorded."""
    instant = asking.recorded_at(position)
    fold_s, pva_s = [], []
    rows = sheets = 0
    for _ in range(max(1, repeat)):
        fold, pva, rows, sheets = asking.once(instant)
        fold_s.append(fold)
        pva_s.append(pva)
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
        f"  snapshot_as_of      {_median_worst(fold_s)}\n"
        f"  plan_versus_actual  {_median_worst(pva_s)}\n"
        f"  together            {_median_worst(totals)}"
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


def _median_worst(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds):.3f} s, worst {max(seconds):.3f} s"


def _profile(report: Report, asking: _Asking, head: int, say: Say) -> None:
    """One more run as of the last instant, under cProfile."""
    instant = asking.recorded_at(head)

    def once() -> int:
        asking.once(instant)
        return 1

    found = profile(once)
    report.figures["profile"] = found.to_json()
    seconds = found.total_us_per_op / 1e6
    say(f"profile of one more run as of last ({seconds:.2f} s under cProfile):")
    say_profile(found, say, what="snapshot_as_of + plan_versus_actual")


def _seconds(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 4),
        "worst": round(max(values), 4),
        "best": round(min(values), 4),
    }
