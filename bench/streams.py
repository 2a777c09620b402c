"""``streams``: recording progress as activities' streams grow, with and without the cache.

Why it is measured: a command loads its aggregate before deciding, and loading
once meant replaying the whole stream: recording progress slowed as a year of
weekly entries piled up. With the aggregate cache (``TIDTAM_AGGREGATE_CACHE``)
a command reads only the events recorded after the version the process keeps.

Method, in one run and one store: a plan of ``--activities`` activities with a
short history each (``--events-per-activity``); progress recorded through the
tracker on activities picked at random (``--commands`` of them, each run timed,
the median of ``--repeat`` runs), once by a tracker without the cache (the path
before it) and once by one with it (warmed by one pass over every activity, as a
running server's is). Then ``--growth`` more events are added to every
activity's stream (small spending entries, dated before the measured day) and
both are measured again. The figure that matters is each tracker's rate after
the growth over its rate before; the target is the issue's: at least 0.9 with
the cache.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from application.base import AGGREGATE_CACHE, cache_env
from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target, stopwatch
from bench.options import HistoryLength, PlanSize, asked
from bench.synthetic import ACTOR, FY, early_clock, grow_histories, import_synthetic
from domain.clock import BANGKOK, FixedClock
from domain.recorded import Byline

NAME = "streams"
SUMMARY = "record progress before and after 100 more events per activity, cache off and on"
TARGET_RATIO = 0.9
DAY = FY.end - timedelta(days=10)
"""The business date of the measured progress, after every event the history holds."""


@dataclass(frozen=True, slots=True)
class Options:
    """The plan, its history, the growth and the commands timed."""

    activities: PlanSize = 1000
    events_per_activity: HistoryLength = 12
    growth: Annotated[int, "events added to every activity's stream between the measures"] = 100
    commands: Annotated[int, "progress commands in each timed run"] = 1000
    repeat: Annotated[int, "timed runs of each measure (the median is reported)"] = 3
    cache: Annotated[int, "aggregates the cached tracker keeps"] = AGGREGATE_CACHE


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Build the plan, measure both trackers, grow every stream, measure them again."""
    report = Report(NAME, backend.describe(), asked(options))
    clock = early_clock()
    env_off = {"AGGREGATE_CACHE_MAXSIZE": ""}
    with (
        Tracker(backend.store, clock=clock, env=env_off) as plain,
        Tracker(backend.store, clock=clock, env=cache_env(options.cache)) as cached,
    ):
        imported = import_synthetic(plain, options.activities)
        ids = list(imported.activity_ids)
        rounds = max(0, options.events_per_activity - 2)  # the import wrote two per activity
        events = imported.events + grow_histories(plain, ids, rounds, clock)
        say(f"log: {events:,} events; {len(ids):,} activities")
        _warm(cached, ids)
        pick = random.Random(2552)
        before = {
            "off": _rate(plain, clock, ids, options, pick),
            "on": _rate(cached, clock, ids, options, pick),
        }
        say(f"before: {before['off']:,.0f} commands/s without the cache, {before['on']:,.0f} with")
        with stopwatch() as lap:
            grown = _grow(plain, clock, ids, options.growth)
        say(f"grew every stream by {options.growth} events ({grown:,}) in {lap.seconds:.1f} s")
        _warm(cached, ids)
        after = {
            "off": _rate(plain, clock, ids, options, pick),
            "on": _rate(cached, clock, ids, options, pick),
        }
        say(f"after:  {after['off']:,.0f} commands/s without the cache, {after['on']:,.0f} with")
    for key in ("off", "on"):
        report.figures[f"cache_{key}"] = {
            "before_per_s": round(before[key], 1),
            "after_per_s": round(after[key], 1),
            "after_over_before": round(after[key] / before[key], 3),
        }
    report.figures["events_added"] = grown
    report.targets.append(
        Target(
            "with the cache: progress rate after growth ÷ before",
            report.figures["cache_on"]["after_over_before"],
            TARGET_RATIO,
            at_least=True,
        )
    )
    report.notes.append(
        "without the cache (the path before it) the same ratio was "
        f"{report.figures['cache_off']['after_over_before']}"
    )
    return report


def _warm(tracker: Tracker, ids: list[UUID]) -> None:
    """Every activity read once: the cache holds it as a running server's does, and
    catches up with events written elsewhere (here: the growth, saved a hundred at a
    time, where a server's commands each leave it a few events behind)."""
    for activity_id in ids:
        tracker.get_activity(activity_id)


def _rate(
    tracker: Tracker, clock: FixedClock, ids: list[UUID], options: Options, pick: random.Random
) -> float:
    """Commands per second: the median of ``repeat`` runs of ``commands`` progress entries."""
    rates = []
    evening = datetime.combine(DAY, time(17, 0), tzinfo=BANGKOK)
    clock.set(max(clock.now(), evening))
    for _ in range(max(1, options.repeat)):
        chosen = [pick.choice(ids) for _ in range(options.commands)]
        with stopwatch() as lap:
            for activity_id in chosen:
                clock.set(clock.now() + timedelta(milliseconds=1))
                tracker.record_progress(activity_id, 60, actor=ACTOR, occurred_on=DAY)
        rates.append(len(chosen) / lap.seconds)
    return statistics.median(rates)


def _grow(tracker: Tracker, clock: FixedClock, ids: list[UUID], growth: int) -> int:
    """``growth`` spending entries of one baht on every activity, dated before ``DAY``."""
    written = 0
    for activity_id in ids:
        activity = tracker.get_activity(activity_id)
        for k in range(growth):
            day = DAY - timedelta(days=1 + k % 20)
            when = datetime.combine(day, time(17, 0), tzinfo=BANGKOK)
            clock.set(max(clock.now() + timedelta(milliseconds=1), when))
            by = Byline(ACTOR, day, clock.now())
            activity.record_expenditure(Decimal("1.00"), reference=f"ฎีกาที่ {k}", by=by)
        written += len(tracker.save(activity))
    return written
