"""``national``: a 1/100-scale national store — many organisations, each a year of work.

Why it is measured: the Department of Local Administration oversees about 7,850 local
governments. Would one Tidtam hold them, and what would have to be split? A store of
1/100 of the country (``--organisations`` 80, each a plan of ``--activities`` 300
activities grown to ``--events-per-activity`` events: a year of about two records a
month) is built and timed doing what the country would ask of it:

* importing each organisation's plan (one transaction each) and registering it;
* the views caught up live, then every view of the plan log rebuilt from the log;
* the overseers' roll-up across every organisation (a whole province is about this
  size; the country is 100 of them);
* one organisation's plan as known at an instant mid-year (time travel), and its
  year's monitoring report: what one municipality's people do, which must not grow
  with the number of organisations beside it.

Each figure is printed with its arithmetic to full scale (×100 where it grows with
the store, ×1 where it must not); the README's measures table keeps them, and
``docs/ARCHITECTURE.md`` says what would be partitioned.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated
from uuid import UUID

from application.directory import Directory
from application.tracker import Tracker
from bench.common import Backend, Report, Say, Target, median_seconds, rate, stopwatch
from bench.options import HistoryLength, PlanSize, asked
from bench.synthetic import (
    ACTOR,
    FY,
    activity_ids,
    early_clock,
    grow_histories,
    synthetic_plan,
)
from domain.clock import FixedClock
from domain.periods import DEFAULT_ROUNDS, Period, parse_rounds
from domain.recorded import Recorded
from projections.monitoring import monitoring_report
from projections.overview import RollupMemo, read_overview
from projections.people_view import PeopleReader
from projections.queries import PlanReader
from projections.service import Projections

NAME = "national"
SUMMARY = "a 1/100-scale national store: import, rebuild, roll-up, as_of, a report"
SCALE = 100
"""How many times this store the country is (about 7,850 organisations against 80)."""
ROUNDS = parse_rounds(DEFAULT_ROUNDS)
"""The rounds an office reports by default (``TIDTAM_REPORT_ROUNDS``)."""
LOCAL_SECONDS = 1.0
"""One organisation's time travel and report must stay interactive at any scale."""


@dataclass(frozen=True, slots=True)
class Options:
    """How many organisations, and each one's plan and year."""

    organisations: Annotated[int, "organisations (tenants) in the store"] = 80
    activities: PlanSize = 300
    events_per_activity: HistoryLength = 24
    repeat: Annotated[int, "timed runs of each read (the median is the figure)"] = 3


@dataclass(frozen=True, slots=True)
class Built:
    plans: list[UUID]
    events: int
    mid_year: datetime


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Build the store, then time the rebuild, the roll-up and one organisation's reads."""
    report = Report(NAME, backend.describe(), asked(options))
    clock = early_clock()
    with (
        Tracker(backend.store, clock=clock) as tracker,
        Directory(backend.store, clock=clock) as directory,
    ):
        built = _build(report, tracker, directory, clock, options, say)
        with closing(Projections(tracker, directory=directory)) as projections:
            with stopwatch() as lap:
                projections.catch_up()
            _figure(report, say, "catch_up", lap.seconds, built.events, grows=True)
            with stopwatch() as lap:
                projections.rebuild([p.name for p in projections.projectors])
            _figure(report, say, "rebuild_all", lap.seconds, built.events, grows=True)
            reader = PlanReader(projections.db, tracker)
            _roll_ups(report, reader, PeopleReader(projections.db), built, options, say)
            _local_reads(report, reader, built, options, say)
    report.notes.append(
        f"full scale is {SCALE}× this store: figures marked 'grows' are multiplied by"
        f" {SCALE}; one organisation's reads must not grow (target {LOCAL_SECONDS:g} s)"
    )
    return report


def _build(
    report: Report,
    tracker: Tracker,
    directory: Directory,
    clock: FixedClock,
    options: Options,
    say: Say,
) -> Built:
    plans: list[UUID] = []
    activities: list[UUID] = []
    events = 0
    with stopwatch() as lap:
        for n in range(options.organisations):
            name = f"เทศบาลตำบลทดสอบที่ {n + 1}"
            code = f"t{n + 1:04d}"
            directory.register_organisation(code, name=name, province="ทดสอบ", actor=ACTOR)
            draft = synthetic_plan(options.activities, organisation=name)
            imported = tracker.import_plan(
                draft, actor=ACTOR, organisation=directory.organisation(code)
            )
            plans.append(imported.plan_id)
            activities += activity_ids(imported.plan_id, draft)
            events += imported.events
    _figure(report, say, "import_all", lap.seconds, events, grows=True)
    report.figures["import_per_organisation_s"] = round(lap.seconds / options.organisations, 4)
    rounds = max(0, options.events_per_activity - 2)
    with stopwatch() as lap:
        written = grow_histories(tracker, activities, rounds, clock)
    _figure(report, say, "grow_year", lap.seconds, written, grows=True)
    mid = tracker.recorder.select_notifications((events + written) // 2, 1)[0]
    mid_event = tracker.mapper.to_domain_event(mid)
    assert isinstance(mid_event, Recorded)
    mid_year = mid_event.timestamp
    say(f"log: {events + written:,} events; {len(activities):,} activities")
    report.figures["log_events"] = events + written
    return Built(plans, events + written, mid_year)


def _roll_ups(
    report: Report,
    reader: PlanReader,
    people: PeopleReader,
    built: Built,
    options: Options,
    say: Say,
) -> None:
    """The overseers' roll-up of every organisation (:mod:`projections.overview`) on the
    year's last day, as it stands and as known mid-year: every activity assessed afresh
    (no remembered rows), so the figure grows with the organisations."""
    on = FY.end
    reads: dict[str, Callable[[], object]] = {
        "rollup_all": lambda: read_overview(
            reader, people, None, fiscal_year=FY.be, on=on, periods=ROUNDS
        ),
        "rollup_all_as_of": lambda: read_overview(
            reader, people, None, fiscal_year=FY.be, on=on, periods=ROUNDS, as_of=built.mid_year
        ),
    }
    for label, once in reads.items():
        once()  # the first read parses every sheet
        _figure(report, say, label, median_seconds(options.repeat, once), None, grows=True)
    memo = RollupMemo()
    read_overview(reader, people, None, fiscal_year=FY.be, on=on, periods=ROUNDS, memo=memo)
    again = median_seconds(
        options.repeat,
        lambda: read_overview(
            reader, people, None, fiscal_year=FY.be, on=on, periods=ROUNDS, memo=memo
        ),
    )
    # What the page costs while nothing moved; after one write, add one plan's roll-up.
    _figure(report, say, "rollup_all_remembered", again, None, grows=True)


def _local_reads(
    report: Report, reader: PlanReader, built: Built, options: Options, say: Say
) -> None:
    """What one organisation's people read: not to grow with the organisations beside it."""
    one = built.plans[len(built.plans) // 2]
    reads: dict[str, Callable[[], object]] = {
        "as_of_one_plan": lambda: reader.snapshot_as_of(one, built.mid_year),
        "monitoring_one_plan": lambda: monitoring_report(reader.snapshot(one), Period.YEAR),
    }
    for label, once in reads.items():
        once()  # the first read parses the sheets: reported by the figures above, not here
        seconds = median_seconds(options.repeat, once)
        _figure(report, say, label, seconds, None, grows=False)
        report.targets.append(Target(f"{label} seconds", seconds, LOCAL_SECONDS, False, " s"))


def _figure(
    report: Report, say: Say, label: str, seconds: float, events: int | None, *, grows: bool
) -> None:
    full = seconds * SCALE if grows else seconds
    figure: dict[str, float | int | bool] = {
        "seconds": round(seconds, 3),
        "full_scale_seconds": round(full, 1),
        "grows": grows,
    }
    line = f"  {label:22} {seconds:9.3f} s → full scale {full:,.0f} s"
    if events is not None:
        figure["events_per_s"] = round(rate(events, seconds))
        line += f" ({figure['events_per_s']:,} events/s)"
    report.figures[label] = figure
    say(line)
