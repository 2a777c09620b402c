"""``refresh``: the plan resource and plan versus actual after one write, whole or by parts.

Why it is measured: the API serves both reports once per view position, so the
first reader after every write builds them again; with a write every few seconds
that is most reads. Each activity's part of either report is a pure function of
its fact sheet and the day, so a runtime keeps every part per version and day
(:mod:`projections.remembered`) and a report after one write makes one part again.

Method, in-process on one store: a plan of ``--activities`` activities with a short
history each, the views caught up and every part made once (as a running server's
are). Then ``--writes`` times: progress recorded on an activity picked at random,
the views caught up, and each report built from the fresh snapshot twice: whole (the
model built and serialised, as before the parts) and from the remembered parts.
Medians are the figures. Target (this bench's, for issue 17's "kept fresh at the
cost of the activities that changed"): the plan resource by parts at most a quarter
of its whole build.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Annotated

from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target, stopwatch
from bench.options import HistoryLength, PlanSize, asked
from bench.synthetic import ACTOR, FY, early_clock, grow_histories, import_synthetic
from domain.clock import BANGKOK
from projections.queries import PlanReader, PlanSnapshot
from projections.remembered import ActivityMemo, RowMemo, plan_json, plan_vs_actual_json
from projections.resources import plan_resource, plan_vs_actual_resource
from projections.service import Projections

NAME = "refresh"
SUMMARY = "the plan resource and plan versus actual after one write, whole and by parts"
TARGET_RATIO = 0.25
DAY = FY.end - timedelta(days=10)


@dataclass(frozen=True, slots=True)
class Options:
    """The plan, its history and the writes timed."""

    activities: PlanSize = 1000
    events_per_activity: HistoryLength = 12
    writes: Annotated[int, "writes, each followed by both reports built both ways"] = 15


Build = Callable[[PlanSnapshot], bytes]


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Build the plan, make every part once, then time both reports after each write."""
    report = Report(NAME, backend.describe(), asked(options))
    clock = early_clock()
    with Tracker(backend.store, clock=clock) as tracker:
        imported = import_synthetic(tracker, options.activities)
        ids = list(imported.activity_ids)
        grow_histories(tracker, ids, max(0, options.events_per_activity - 2), clock)
        with closing(Projections(tracker, batch_size=5000)) as projections:
            projections.catch_up()
            reader = PlanReader(projections.db, tracker)
            parts, rows = ActivityMemo(), RowMemo()
            builds: dict[str, Build] = {
                "plan_whole": lambda s: plan_resource(s, DAY).model_dump_json().encode(),
                "plan_parts": lambda s: plan_json(s, DAY, parts),
                "pva_whole": lambda s: plan_vs_actual_resource(s, DAY).model_dump_json().encode(),
                "pva_parts": lambda s: plan_vs_actual_json(s, DAY, rows),
            }
            snapshot = reader.snapshot(imported.plan_id)
            for build in builds.values():
                build(snapshot)  # every part made once
            laps: dict[str, list[float]] = {name: [] for name in builds}
            pick = random.Random(2552)
            clock.set(max(clock.now(), datetime.combine(DAY, time(17, 0), tzinfo=BANGKOK)))
            for k in range(max(1, options.writes)):
                clock.set(clock.now() + timedelta(seconds=1))
                tracker.record_progress(pick.choice(ids), 50 + k, actor=ACTOR, occurred_on=DAY)
                projections.catch_up()
                snapshot = reader.snapshot(imported.plan_id)
                bodies = {}
                for name, build in builds.items():
                    with stopwatch() as lap:
                        bodies[name] = build(snapshot)
                    laps[name].append(lap.seconds * 1000)
                for kind in ("plan", "pva"):
                    if bodies[f"{kind}_whole"] != bodies[f"{kind}_parts"]:
                        raise AssertionError(f"{kind}: the parts do not make the whole report")
    medians = {name: statistics.median(values) for name, values in laps.items()}
    for kind, label in (("plan", "plan resource"), ("pva", "plan versus actual")):
        whole, by_parts = medians[f"{kind}_whole"], medians[f"{kind}_parts"]
        report.figures[kind] = {
            "whole_ms": round(whole, 1),
            "parts_ms": round(by_parts, 1),
            "parts_over_whole": round(by_parts / whole, 3),
        }
        say(f"{label} after one write: whole {whole:.1f} ms, by parts {by_parts:.1f} ms")
    report.targets.append(
        Target(
            "plan resource after one write: by parts ÷ whole",
            report.figures["plan"]["parts_over_whole"],
            TARGET_RATIO,
            at_least=False,
        )
    )
    return report
