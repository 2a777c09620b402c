"""``import``: importing a plan, then the command path against a bare library save.

Why a bare twin: the library's own cost (read a stream, append one event in a
transaction) is the floor no command can go below, so the tracker's command
path is judged by how much it adds to it. The twin is a minimal aggregate with
one event type, driven by a minimal ``Application`` on the same backend, with
the same number of commands over streams of the same lengths, each command
doing what the tracker's does: ``repository.get``, trigger one event, ``save``.

The two are measured round by round in turn (who goes first alternates), so
both see the same machine: other work on a shared machine slows both alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from time import perf_counter
from typing import Annotated, Any, Protocol
from uuid import UUID

from application.tracker import Tracker
from bench.bare_library import BareApplication, Tally, twins
from bench.common import Backend, Report, Say, Target, latency_ms, ms, per_s, rate
from bench.options import PlanSize, Profiling, asked, wants_profile
from bench.profiling import Profile, profile, say_profile
from bench.synthetic import ACTOR, ImportedPlan, business_day, import_synthetic, late_clock
from domain.clock import FixedClock

NAME = "import"
SUMMARY = "import a plan, then record progress through the tracker against a bare library save"
TARGET_RATIO = 0.90
"""The command path may cost at most 10% more than the bare library."""
TICK = timedelta(milliseconds=1)


@dataclass(frozen=True, slots=True)
class Options:
    """The plan's size and the rounds of commands (``python -m bench import --help``)."""

    activities: PlanSize = 5000
    per_project: Annotated[int, "activities per project"] = 5
    progress: Annotated[int, "progress commands per activity"] = 10
    profile: Annotated[
        Profiling, "profile an extra round of commands (auto: when the target is missed)"
    ] = "auto"
    profile_commands: Annotated[int, "commands in the profiled round"] = 1000


class Round(Protocol):
    """Runs round ``r`` of commands (on the first ``limit`` streams); returns each one's seconds."""

    def __call__(self, r: int, limit: int | None = None) -> list[float]: ...


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Import, start every activity, record ``progress`` rounds; the bare twin alongside."""
    progress = options.progress
    report = Report(NAME, backend.describe(), asked(options, progress="progress_per_activity"))
    clock = late_clock()
    with (
        Tracker(backend.store, clock=clock) as tracker,
        BareApplication(backend.bare_settings) as bare,
    ):
        imported = import_synthetic(tracker, options.activities, options.per_project)
        _say_import(report, imported, say)
        ours = _ours(tracker, clock, imported.activity_ids, progress)
        theirs = _bare(bare, len(imported.activity_ids), progress)
        _measure(report, ours, theirs, progress, say)
        missed = report.figures["progress"]["ratio"] < TARGET_RATIO
        if wants_profile(options.profile, missed=missed):
            _profile(report, ours, theirs, progress, options.profile_commands, say)
    return report


def _say_import(report: Report, imported: ImportedPlan, say: Say) -> None:
    draft, speed = imported.draft, imported.throughput
    report.figures["import"] = {
        "projects": len(draft.projects),
        "activities": len(draft.activities),
        **speed.figures(),
    }
    say(
        f"import: {len(draft.projects):,} projects, {len(draft.activities):,} activities,"
        f" {speed.line('events')}"
    )


# ----------------------------------------------------------------- the two command paths


def _ours(tracker: Tracker, clock: FixedClock, ids: Sequence[UUID], progress: int) -> Round:
    """Round 0 starts every activity; round r records r/progress of the work."""

    def round_(r: int, limit: int | None = None) -> list[float]:
        day = _day(r, progress)
        percent = min(100, round(100 * r / max(progress, 1)))
        seconds: list[float] = []
        for activity_id in ids[:limit]:
            clock.advance(TICK)
            start = perf_counter()
            if r == 0:
                outcome = tracker.start(activity_id, actor=ACTOR, occurred_on=day)
            else:
                outcome = tracker.record_progress(
                    activity_id, percent, actor=ACTOR, occurred_on=day
                )
            seconds.append(perf_counter() - start)
            if len(outcome.events) != 1:
                raise RuntimeError(f"expected one event per command, got {outcome.events}")
        return seconds

    return round_


def _bare(app: BareApplication, count: int, progress: int) -> Round:
    """Twins with two events each (as an imported activity has), then one per command."""
    ids = twins(app, count, moves=1)

    def round_(r: int, limit: int | None = None) -> list[float]:
        percent = min(100, round(100 * r / max(progress, 1)))
        seconds: list[float] = []
        for tally_id in ids[:limit]:
            start = perf_counter()
            tally: Tally = app.repository.get(tally_id)
            tally.move(percent)
            app.save(tally)
            seconds.append(perf_counter() - start)
        return seconds

    return round_


def _day(r: int, progress: int) -> date:
    return business_day(r, progress + 1)


# ----------------------------------------------------------------- measuring and verdicts


def _measure(report: Report, ours: Round, bare: Round, progress: int, say: Say) -> None:
    timings: dict[str, list[float]] = {"ours_start": [], "bare_start": []}
    timings |= {"ours_progress": [], "bare_progress": []}
    for r in range(progress + 1):
        phase = "start" if r == 0 else "progress"
        pair = [("ours", ours), ("bare", bare)]
        for who, round_ in pair if r % 2 == 0 else reversed(pair):
            timings[f"{who}_{phase}"].extend(round_(r))
        if r:
            say(f"  progress round {r}/{progress} done")
    for phase in ("start", "progress"):
        ours_s, bare_s = timings[f"ours_{phase}"], timings[f"bare_{phase}"]
        ours_rate, bare_rate = rate(len(ours_s), sum(ours_s)), rate(len(bare_s), sum(bare_s))
        ratio = ours_rate / bare_rate if bare_rate else 0.0
        report.figures[phase] = {
            "commands": len(ours_s),
            "events": len(ours_s),
            "ours_events_per_s": round(ours_rate),
            "bare_events_per_s": round(bare_rate),
            "ratio": round(ratio, 4),
            "ours_latency": latency_ms(ours_s),
            "bare_latency": latency_ms(bare_s),
        }
        say(
            f"{phase}: {len(ours_s):,} commands, one event each\n"
            f"  tracker  {per_s(ours_rate):>10}  {ms(latency_ms(ours_s))}\n"
            f"  bare     {per_s(bare_rate):>10}  {ms(latency_ms(bare_s))}\n"
            f"  ratio    {ratio:.3f} of the bare rate"
            f" (the tracker adds {_added_us(ours_s, bare_s):.0f} µs a command)"
        )
    report.targets.append(
        Target(
            f"record_progress rate / bare save rate ({len(timings['ours_progress']):,} commands)",
            report.figures["progress"]["ratio"],
            TARGET_RATIO,
            at_least=True,
        )
    )
    report.notes.append(
        "rates are commands (one event each) per second of command time, timed around each"
        " call with perf_counter; rounds alternate which of the two goes first"
    )


def _added_us(ours: list[float], bare: list[float]) -> float:
    if not ours or not bare:
        return 0.0
    return (sum(ours) / len(ours) - sum(bare) / len(bare)) * 1e6


def _profile(
    report: Report, ours: Round, bare: Round, progress: int, commands: int, say: Say
) -> None:
    """Profile one more progress round of each (at the last percent, a later day)."""
    extra = progress + 1
    mine = profile(lambda: len(ours(extra, commands)))
    twin = profile(lambda: len(bare(extra, commands)))
    phases = {
        "get (repository.get: read and replay)": "application.py:{}(get)",
        "save (Application.save)": "(save)",
    }
    split: dict[str, Any] = {}
    for label, suffix in phases.items():
        split[label] = {
            "ours_us": round(_cumulative(mine, suffix), 1),
            "bare_us": round(_cumulative(twin, suffix), 1),
        }
    report.figures["profile"] = {"ours": mine.to_json(), "bare": twin.to_json(), "split": split}
    say(f"profile of {mine.operations:,} more commands each (cProfile inflates small calls):")
    say(f"  per command: tracker {mine.total_us_per_op:.0f} µs, bare {twin.total_us_per_op:.0f} µs")
    rest = {
        "ours_us": round(mine.total_us_per_op - sum(v["ours_us"] for v in split.values()), 1),
        "bare_us": round(twin.total_us_per_op - sum(v["bare_us"] for v in split.values()), 1),
    }
    split["decide and the rest (byline, rules, trigger, outcome)"] = rest
    for label, both in split.items():
        say(f"  {label}: tracker {both['ours_us']:.0f} µs, bare {both['bare_us']:.0f} µs")
    say_profile(mine, say, what="tracker")
    say_profile(twin, say, what="bare", top=6)


def _cumulative(found: Profile, pattern: str) -> float:
    """µs per command under the first function matching ``pattern`` ({} = any line)."""
    head, _, tail = pattern.partition("{}")
    return max(
        (
            h.cumulative_us_per_op
            for h in found.by_cumulative
            if (h.function.endswith(tail) and head in h.function)
        ),
        default=0.0,
    )
