"""``rebuild``: rebuilding each view from the whole log, against reading the log bare.

Every view of the tracker's log is rebuilt on its own (plan, audit, and any
added since, such as alerts), then plan and audit together.

Why reading is the yardstick: a rebuild must at least read every notification
(and decode it into an event) before folding it, so the bare read rate is the
ceiling; a view that folds at half of it or better is not the bottleneck of a
rebuild. Both bare figures are reported, raw rows and rows decoded into domain
events, and each view is judged against both: the decoded one is the fairer
floor (folding needs the events), the raw one the stricter. The audit trail
reads events as stored instead of decoded (`projections.stored`); it is judged
against the same two figures.

Reads use batches of 5,000, the batch a rebuild itself reads (ten of the live
projector's 500). One untimed pass over the log warms the caches first, so the
first timed figure is not the only one paying for a cold file.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from typing import Annotated

from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target, Throughput, rate, stopwatch, tracker_views
from bench.options import HistoryLength, PlanSize, asked
from bench.profiling import profile, say_profile
from bench.synthetic import early_clock, plan_with_history
from projections.runner import Projector
from projections.service import Projections

NAME = "rebuild"
SUMMARY = "rebuild the plan and audit views against the bare read rate of the log"
TARGET_SHARE = 0.5
"""A rebuild should run at least at half the bare read rate."""
READ_BATCH = 5000
BOTH = "plan+audit"
"""The two views the brief names, rebuilt together as the CLI does."""
ALL = "all"
"""Every view of the tracker's log, rebuilt together (`tidtam projections rebuild`)."""


@dataclass(frozen=True, slots=True)
class Options:
    """The plan's size and its history's length; profiling is asked for, never automatic."""

    activities: PlanSize = 4000
    events_per_activity: HistoryLength = 50
    profile: Annotated[
        bool, "profile one more rebuild of each view (slow: cProfile at least doubles it)"
    ] = False


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Build the log, read it bare twice (raw, decoded), then rebuild each view."""
    report = Report(NAME, backend.describe(), asked(options))
    clock = early_clock()
    with Tracker(backend.store, clock=clock) as tracker:
        with stopwatch() as lap:
            _, events = plan_with_history(
                tracker, clock, options.activities, options.events_per_activity
            )
        head = tracker.recorder.max_notification_id() or 0
        report.figures["log"] = {
            "events": head,
            "build_seconds": round(lap.seconds, 2),
            "build_events_per_s": round(rate(events, lap.seconds)),
        }
        say(f"log: {head:,} events, built in {lap.seconds:.1f} s (batched saves)")
        bare = _read_bare(report, tracker, say)
        with closing(Projections(tracker)) as projections:
            views = _rebuild_each(report, projections, head, bare, say)
            if options.profile:
                for view in views:
                    found = profile(view.rebuild)  # returns its position: per event
                    report.figures[f"profile_{view.name}"] = found.to_json()
                    say(f"profile of one more {view.name} rebuild (per event):")
                    say_profile(found, say, what=f"rebuild {view.name}", top=10)
    report.notes.append(
        f"'{BOTH}' and '{ALL}' rebuild those views together in one pass over the log, as"
        " `tidtam projections rebuild` does; the rate is the log's events over that time"
    )
    report.notes.append(
        "the decoded read is the fair yardstick (folding needs the events; the audit"
        " trail reads them as stored instead); the raw read is the stricter one"
    )
    return report


def _read_bare(report: Report, tracker: Tracker, say: Say) -> dict[str, float]:
    """The log read bare, raw and decoded: the rates a rebuild is judged against."""
    _read(tracker, decode=False)  # warm the caches; not timed
    bare: dict[str, float] = {}
    for kind, decode in (("raw", False), ("decoded", True)):
        with stopwatch() as lap:
            read = _read(tracker, decode=decode)
        speed = Throughput(read, lap.seconds)
        bare[kind] = speed.per_s
        report.figures[f"bare_read_{kind}"] = speed.figures()
        say(f"bare read, {kind:7}: {speed.line()}")
    return bare


def _rebuild_each(
    report: Report, projections: Projections, head: int, bare: dict[str, float], say: Say
) -> list[Projector]:
    """Rebuild each view of the tracker's log, then some together; judged against ``bare``."""
    views = tracker_views(projections, projections.tracker)
    runs: dict[str, Callable[[], int]] = {p.name: p.rebuild for p in views}
    runs[BOTH] = lambda: _together(projections, "plan", "audit")
    runs[ALL] = lambda: _together(projections, *(p.name for p in views))
    for name, rebuild in runs.items():
        with stopwatch() as lap:
            position = rebuild()
        if position != head:
            raise RuntimeError(f"{name} rebuilt to {position}, the log's head is {head}")
        speed = Throughput(head, lap.seconds)
        shares = {kind: speed.per_s / bare[kind] for kind in ("decoded", "raw")}
        report.figures[f"rebuild_{name}"] = {
            **speed.figures(),
            "share_of_decoded_read": round(shares["decoded"], 4),
            "share_of_raw_read": round(shares["raw"], 4),
        }
        say(
            f"rebuild {name:10}: {speed.line()}"
            f"  ({shares['decoded']:.3f} of decoded read, {shares['raw']:.3f} of raw read)"
        )
        for kind, share in shares.items():
            report.targets.append(
                Target(
                    f"rebuild {name} rate / bare {kind} read rate",
                    share,
                    TARGET_SHARE,
                    at_least=True,
                )
            )
    return views


def _together(projections: Projections, *names: str) -> int:
    """Rebuild views in one pass over the log; the position they all reached."""
    projections.rebuild(list(names))
    return min(projections.projector(name).position() for name in names)


def _read(tracker: Tracker, *, decode: bool) -> int:
    """Read the whole log in batches; decode each notification into its event if asked."""
    recorder, to_event = tracker.recorder, tracker.mapper.to_domain_event
    count, start = 0, 1
    while batch := recorder.select_notifications(start, READ_BATCH):
        if decode:
            for notification in batch:
                to_event(notification)
        count += len(batch)
        start = batch[-1].id + 1
    return count
