"""``as_of``: a plan as it was known at an instant, at ten instants spread over a long log.

Why it is measured: an auditor asks what was known at the end of March of a year
long past, and the answer must not take longer because five years were recorded
before it. Time travel cuts the plan's live sheets at the instant (each sheet keeps
the stamps of the events folded into it: :mod:`projections.time_travel`); before
that, it folded every event recorded up to the instant, and it still does where a
sheet cannot be cut.

Method: a plan of ``--activities`` activities, every activity's stream grown to
``--events-per-activity`` events through the year (1,000 × 200: a 200,000-event
store), the views caught up. At ``--instants`` instants spread evenly over the log
(the recording instant of the event at each tenth of it), ``snapshot_as_of`` is
timed ``--repeat`` times (the median is the figure; the first read of the plan's
sheets, which parses them, is reported apart as the cold read); plan versus actual
on the instant's day is timed beside it. The runs go round the instants, one at
each in turn, so that the shared machine's slower minutes fall on every instant
alike rather than on whichever was being timed then. The old path, the fold of the log up to the
instant, is timed once at the first, middle and last instant for the ratio.
Targets (issue 17): each instant's median under 50 ms, the slowest median no more
than 1.5 times the fastest.
"""

from __future__ import annotations

import statistics
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, cast
from uuid import UUID

from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target, stopwatch
from bench.options import HistoryLength, PlanSize, asked
from bench.synthetic import early_clock, plan_with_history
from domain.clock import BANGKOK
from domain.recorded import Recorded
from projections.queries import PlanReader
from projections.service import Projections

NAME = "as_of"
SUMMARY = "the plan as known at ten instants over a 200,000-event log, cut and folded"
TARGET_MS = 50.0
TARGET_SPREAD = 1.5


@dataclass(frozen=True, slots=True)
class Options:
    """The plan's size, its history's length, the instants and the runs at each."""

    activities: PlanSize = 1000
    events_per_activity: HistoryLength = 200
    instants: Annotated[int, "instants spread evenly over the log"] = 10
    repeat: Annotated[int, "timed runs per instant (the median is the figure)"] = 7


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Build the plan's history, catch the views up, then time the plan at each instant."""
    report = Report(NAME, backend.describe(), asked(options))
    clock = early_clock()
    with Tracker(backend.store, clock=clock) as tracker:
        with stopwatch() as built:
            plan_id, _ = plan_with_history(
                tracker, clock, options.activities, options.events_per_activity
            )
        with closing(Projections(tracker, batch_size=5000)) as projections:
            with stopwatch() as caught_up:
                projections.catch_up()
            head = tracker.recorder.max_notification_id() or 0
            report.figures["log"] = {"events": head}
            say(
                f"log: {head:,} events, recorded in {built.seconds:.1f} s,"
                f" projected in {caught_up.seconds:.1f} s"
            )
            reader = PlanReader(projections.db, tracker)
            positions = _spread(head, options.instants)
            instants = [_recorded_at(tracker, p) for p in positions]
            with stopwatch() as cold:
                reader.snapshot_as_of(plan_id, instants[0])
            report.figures["cold_first_read_ms"] = round(cold.seconds * 1000, 1)
            say(f"first read (parses the plan's sheets): {cold.seconds * 1000:.0f} ms")
            laps = _go_round(reader, plan_id, instants, options.repeat)
            medians = [
                _record(report, k, p, t, laps[k - 1], say)
                for k, (p, t) in enumerate(zip(positions, instants, strict=True), start=1)
            ]
            _fold_baseline(report, reader, plan_id, positions, instants, say)
    fastest, slowest = min(medians), max(medians)
    report.figures["fastest_median_ms"] = round(fastest, 2)
    report.figures["slowest_median_ms"] = round(slowest, 2)
    report.targets.append(
        Target("slowest instant's median (ms)", round(slowest, 2), TARGET_MS, False, " ms")
    )
    report.targets.append(
        Target("slowest median ÷ fastest", round(slowest / fastest, 2), TARGET_SPREAD, False)
    )
    return report


def _spread(head: int, count: int) -> list[int]:
    """``count`` positions at even steps through the log, the last at its head."""
    count = max(1, count)
    return [max(1, head * k // count) for k in range(1, count + 1)]


def _recorded_at(tracker: Tracker, position: int) -> datetime:
    notification = tracker.recorder.select_notifications(position, 1)[0]
    return cast(Recorded, tracker.mapper.to_domain_event(notification)).timestamp


@dataclass(slots=True)
class _Laps:
    """One instant's timed runs: the cut, plan versus actual after it, and what it held."""

    cuts: list[float] = field(default_factory=list)
    pvas: list[float] = field(default_factory=list)
    activities: int = 0
    pva_rows: int = 0


def _go_round(
    reader: PlanReader, plan_id: UUID, instants: list[datetime], repeat: int
) -> list[_Laps]:
    """``repeat`` rounds, each timing ``snapshot_as_of`` at every instant in turn and plan
    versus actual on the instant's day beside it."""
    laps = [_Laps() for _ in instants]
    for _ in range(max(1, repeat)):
        for instant, lap in zip(instants, laps, strict=True):
            with stopwatch() as cut:
                snapshot = reader.snapshot_as_of(plan_id, instant)
            with stopwatch() as pva:
                lap.pva_rows = len(snapshot.versus_actual(instant.astimezone(BANGKOK).date()).rows)
            lap.cuts.append(cut.seconds * 1000)
            lap.pvas.append(pva.seconds * 1000)
            lap.activities = len(snapshot.activities)
    return laps


def _record(
    report: Report, index: int, position: int, instant: datetime, lap: _Laps, say: Say
) -> float:
    """One instant's figures into the report; its median milliseconds."""
    median = statistics.median(lap.cuts)
    pva = statistics.median(lap.pvas)
    report.figures[f"instant_{index}"] = {
        "position": position,
        "instant": instant.isoformat(),
        "activities": lap.activities,
        "pva_rows": lap.pva_rows,
        "snapshot_ms": {"median": round(median, 2), "worst": round(max(lap.cuts), 2)},
        "plan_versus_actual_ms": round(pva, 2),
    }
    say(
        f"  instant {index:2} (event {position:,}, {instant.astimezone(BANGKOK):%Y-%m-%d}):"
        f" as of {median:6.1f} ms (worst {max(lap.cuts):.1f}),"
        f" plan versus actual {pva:.1f} ms, {lap.activities:,} activities"
    )
    return median


def _fold_baseline(
    report: Report,
    reader: PlanReader,
    plan_id: UUID,
    positions: list[int],
    instants: list[datetime],
    say: Say,
) -> None:
    """The log folded up to the first, middle and last instant, once each (the old path)."""
    chosen = sorted({0, len(instants) // 2, len(instants) - 1})
    folded = {}
    for index in chosen:
        with stopwatch() as lap:
            reader.snapshot_folded(plan_id, instants[index])
        folded[f"instant_{index + 1}"] = round(lap.seconds * 1000, 1)
        say(f"  folded from the log to event {positions[index]:,}: {lap.seconds * 1000:.0f} ms")
    report.figures["folded_ms"] = folded
