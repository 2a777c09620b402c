"""``lag``: how long after a command returns its event is in the views.

Why it matters: a page reloaded after saving reads the views, so the lag from a
command's commit to the views folding it is what a person waits for. The
projection thread folds on its own poll (``poll_interval``) and at once when a
local command nudges it; this measures both, with a steady stream of commands
from one thread, as staff recording through the web would make.

Method: the command thread notes, for each command, the instant its call
returned (its transaction committed) and the notification position it wrote.
An observer thread reads every view's tracked position every millisecond or so
and notes the first instant each view had reached each command's position. The
lag is that instant minus the return instant: it includes up to one observer
interval of resolution, and the observer's reads share the interpreter with
the projection thread (two cores here), which a real reader's would too.
"""

from __future__ import annotations

import threading
import time
from contextlib import closing
from dataclasses import dataclass, field
from datetime import timedelta
from time import perf_counter
from typing import Annotated
from uuid import UUID

from application.tracker import Tracker
from bench.common import Backend, Report, Say, latency_ms, ms, tracker_views
from bench.options import asked
from bench.synthetic import ACTOR, FY, import_synthetic, late_clock
from domain.clock import FixedClock
from projections.runner import Projector
from projections.service import Projections

NAME = "lag"
SUMMARY = "time from a command's return until the views have folded it, with and without nudge"


@dataclass(slots=True)
class Sent:
    """One command: the position it wrote, when it returned, when each view had it."""

    position: int
    returned: float
    seen: dict[str, float] = field(default_factory=dict)


class Observer(threading.Thread):
    """Polls the views' positions and notes when each had reached each command's."""

    def __init__(self, projectors: list[Projector], interval: float) -> None:
        super().__init__(name="bench-lag-observer", daemon=True)
        self.projectors = projectors
        self.interval = interval
        self.pending: list[Sent] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.polls = 0

    def add(self, sent: Sent) -> None:
        with self.lock:
            self.pending.append(sent)

    def run(self) -> None:
        while not self.stopping.is_set():
            positions = {p.name: p.position() for p in self.projectors}
            now = perf_counter()
            self.polls += 1
            with self.lock:
                for sent in self.pending:
                    for name, position in positions.items():
                        if name not in sent.seen and position >= sent.position:
                            sent.seen[name] = now
                self.pending = [s for s in self.pending if len(s.seen) < len(positions)]
            time.sleep(self.interval)

    def drained(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if not self.pending:
                    return True
            time.sleep(0.01)
        return False


@dataclass(frozen=True, slots=True)
class Options:
    """The stream of commands and the two polls: the projection thread's, the observer's."""

    activities: Annotated[int, "activities commanded in turn"] = 50
    rate: Annotated[float, "commands per second"] = 20.0
    duration: Annotated[float, "seconds per phase"] = 20.0
    poll_interval: Annotated[float, "the projection thread's poll (seconds)"] = 1.0
    observe_every: Annotated[float, "the observer's poll (seconds)"] = 0.001


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Two phases of ``rate`` × ``duration`` commands: polling only, then nudging."""
    report = Report(
        NAME,
        backend.describe(),
        asked(
            options,
            rate="rate_per_s",
            duration="duration_s",
            poll_interval="poll_interval_s",
            observe_every="observe_every_s",
        ),
    )
    say(
        "method: the command's return instant → the first instant an observer thread,"
        f" polling every {options.observe_every * 1000:g} ms, saw the view's position reach"
        " the command's notification position"
    )
    clock = late_clock()
    with Tracker(backend.store, clock=clock) as tracker:
        ids = import_synthetic(tracker, options.activities).activity_ids
        for activity_id in ids:
            tracker.start(activity_id, actor=ACTOR, occurred_on=FY.start)
        projections = Projections(tracker, poll_interval=options.poll_interval)
        with closing(projections):
            projections.catch_up()
            projections.start()
            stream = _Stream(tracker, clock, projections, ids, options)
            for phase, nudge in (("poll", False), ("nudge", True)):
                _phase(report, phase, *stream.send(nudge=nudge), say)
    report.notes.append(
        "no target is set for lag; 'poll' shows the bound the poll interval gives,"
        " 'nudge' what a local command sees"
    )
    return report


@dataclass
class _Stream:
    """Commands at a steady rate, one phase after another, each watched by an observer."""

    tracker: Tracker
    clock: FixedClock
    projections: Projections
    ids: list[UUID]
    options: Options
    sent_so_far: int = 0

    def send(self, *, nudge: bool) -> tuple[list[Sent], list[float], int, bool]:
        """One phase: what was sent, each command's seconds, the observer's polls, and
        whether every command was seen in every view before the timeout."""
        options = self.options
        observer = Observer(tracker_views(self.projections, self.tracker), options.observe_every)
        observer.start()
        sent: list[Sent] = []
        command_s: list[float] = []
        count = max(1, round(options.rate * options.duration))
        began = perf_counter()
        for n in range(count):
            delay = began + n / options.rate - perf_counter()
            if delay > 0:
                time.sleep(delay)
            self.clock.advance(timedelta(seconds=1))
            start = perf_counter()
            position = self._command(self.sent_so_far + n)
            returned = perf_counter()
            if nudge:
                self.projections.nudge()
            command_s.append(returned - start)
            sent.append(Sent(position, returned))
            observer.add(sent[-1])
        self.sent_so_far += count
        complete = observer.drained(timeout=options.poll_interval * 3 + 30)
        observer.stopping.set()
        observer.join()
        return sent, command_s, observer.polls, complete

    def _command(self, turn: int) -> int:
        """Progress on the activities in turn, rising; the position it wrote."""
        ids = self.ids
        percent = min(100, 1 + turn // len(ids))
        return self.tracker.record_progress(ids[turn % len(ids)], percent, actor=ACTOR).position


def _phase(
    report: Report,
    phase: str,
    sent: list[Sent],
    command_s: list[float],
    polls: int,
    complete: bool,
    say: Say,
) -> None:
    views = sorted({name for s in sent for name in s.seen})
    lags = {name: [s.seen[name] - s.returned for s in sent if name in s.seen] for name in views}
    lags["all views"] = [
        max(s.seen.values()) - s.returned for s in sent if len(s.seen) == len(views)
    ]
    report.figures[phase] = {
        "commands": len(sent),
        "observer_polls": polls,
        "all_seen": complete,
        "command_latency": latency_ms(command_s),
        "lag": {name: latency_ms(values) for name, values in lags.items()},
    }
    title = "without nudge (poll only)" if phase == "poll" else "with nudge after each command"
    say(f"{title}: {len(sent):,} commands, {polls:,} observer polls")
    say(f"  command itself   {ms(latency_ms(command_s))}")
    for name, values in lags.items():
        say(f"  lag {name:12} {ms(latency_ms(values))}")
    if not complete:
        say("  WARNING: some commands were never seen in the views before the timeout")
        report.notes.append(f"{phase}: some commands were not folded before the timeout")
