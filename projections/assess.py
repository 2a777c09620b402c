"""Plan versus actual on a business date: status, expected progress, money, the month grid.

Everything here is a pure function of fact sheets and a date, so the same
answer comes from the live views, from a rebuild, and from time travel.

The schedule's arithmetic (due days, expected progress, days late, lifecycle) is
:mod:`domain.schedule`'s, the same the scheduler's late-work rules use; this module
adds the statuses, the money and the month grid, and rolls them up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from domain.calendar import FiscalYear, Month
from domain.money import ZERO
from domain.schedule import (
    Basis,
    Lifecycle,
    days_late,
    expected_progress,
    finish_due,
    half_up,
    late_start_days,
    overdue_days,
    starts_on,
    step_due,
)
from projections.collector import without_collector
from projections.facts import ActivityFacts, ProjectFacts, SectionFacts, StepFacts

BEHIND_MARGIN = 10
"""Percentage points of progress below expected before an activity counts as behind."""


class ScheduleStatus(StrEnum):
    NOT_DUE = "not_due"
    ON_TRACK = "on_track"
    LATE_START = "late_start"
    BEHIND = "behind"
    OVERDUE = "overdue"
    COMPLETED_ON_TIME = "completed_on_time"
    COMPLETED_LATE = "completed_late"
    CANCELLED = "cancelled"


LATE_STATUSES = frozenset(
    {ScheduleStatus.LATE_START, ScheduleStatus.BEHIND, ScheduleStatus.OVERDUE}
)


@dataclass(frozen=True, slots=True)
class MonthCell:
    """One cell of the Gantt: was the month planned, was work recorded in it."""

    month: Month
    planned: bool
    worked: bool

    @property
    def state(self) -> Literal["both", "planned", "worked", "none"]:
        if self.planned and self.worked:
            return "both"
        return "planned" if self.planned else ("worked" if self.worked else "none")


@dataclass(frozen=True, slots=True)
class StepAssessment:
    number: int
    text: str
    planned_months: tuple[Month, ...]
    completed_on: date | None
    due_on: date


@dataclass(frozen=True, slots=True)
class ActivityAssessment:
    id: str
    code: str
    name: str
    project_code: str
    unit: str
    unit_key: str
    area: str
    lifecycle: Lifecycle
    status: ScheduleStatus
    progress: int
    expected_progress: int
    expected_basis: Basis
    original_budget: Decimal
    allocated: Decimal
    spent: Decimal
    planned_months: tuple[Month, ...]
    actual_start: date | None
    actual_end: date | None
    days_late: int
    grid: tuple[MonthCell, ...]
    steps: tuple[StepAssessment, ...]
    version: int
    section: str = ""
    """The key of the plan's section the activity stands in."""
    output: tuple[Decimal, str] | None = None
    """The planned output on the day (quantity, unit), as a manager set it."""
    delivered: Decimal = Decimal(0)
    """Output delivered by the day."""

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.spent

    @property
    def disbursed_percent(self) -> Decimal:
        return _percent(self.spent, self.allocated)


@dataclass(frozen=True, slots=True)
class Rollup:
    """Totals for a project, a responsible unit or the whole plan."""

    key: str
    label: str
    activities: int
    by_status: dict[str, int]
    original_budget: Decimal
    allocated: Decimal
    spent: Decimal
    progress: int
    expected_progress: int
    late: int
    section: str = ""
    """For a project's totals: the key of its section (codes repeat across sections)."""

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.spent

    @property
    def disbursed_percent(self) -> Decimal:
        return _percent(self.spent, self.allocated)


@dataclass(frozen=True, slots=True)
class PlanVersusActual:
    on: date
    rows: tuple[ActivityAssessment, ...]
    projects: tuple[Rollup, ...]
    units: tuple[Rollup, ...]
    total: Rollup
    late_first: tuple[ActivityAssessment, ...] = field(default=())
    sections: tuple[Rollup, ...] = ()
    """Per section (a guideline or แผนงาน), in the plan's order; keyed by section key."""
    strategies: tuple[Rollup, ...] = ()
    """Per strategy (the sections' outermost level), in the plan's order."""


def assess(facts: ActivityFacts, on: date) -> ActivityAssessment | None:
    """How one activity stands on business date ``on`` (None if not yet planned then)."""
    months = facts.months_on(on)
    if not facts.exists_on(on) or not months:
        return None
    started = facts.started_by(on)
    completed = facts.completed_on(on)
    progress = facts.progress_on(on)
    steps = tuple(_step(facts, s, on, months) for s in facts.steps)
    expected, basis = expected_progress(months, [s.due_on for s in steps], on)
    status, days = _status(facts, on, months, started, completed, progress, expected)
    planned_output = facts.output_on(on)
    return ActivityAssessment(
        id=str(facts.id),
        code=facts.code,
        name=facts.name,
        project_code=facts.project_code,
        unit=facts.unit,
        unit_key=facts.unit_key,
        area=facts.area,
        lifecycle=facts.lifecycle_on(on),
        status=status,
        progress=progress,
        expected_progress=expected,
        expected_basis=basis,
        original_budget=facts.original_allocation,
        allocated=facts.allocation_on(on),
        spent=facts.spent_on(on),
        planned_months=months,
        actual_start=started,
        actual_end=completed or facts.cancelled_on(on),
        days_late=days,
        grid=month_grid(
            FiscalYear(facts.fiscal_year),
            (m.number for m in months),
            facts.worked_month_numbers_on(on),
        ),
        steps=steps,
        version=facts.version,
        section=facts.section,
        output=(planned_output.quantity, planned_output.unit) if planned_output else None,
        delivered=facts.delivered_on(on),
    )


def month_grid(
    fiscal_year: FiscalYear, planned: Iterable[int], worked: Iterable[int]
) -> tuple[MonthCell, ...]:
    """The year's twelve cells, given the months planned and worked as :attr:`Month.number`
    (months outside the year have no cell). The cells of one pattern are one shared tuple:
    a plan's activities share a handful of patterns, and building twelve cells for each
    activity, asking a set for every month, was a fifth of plan versus actual."""
    first = fiscal_year.first_month_number
    return _grid(fiscal_year.be, _in_year(planned, first), _in_year(worked, first))


def _in_year(numbers: Iterable[int], first: int) -> int:
    """The months among ``numbers`` inside the year starting at month ``first``, as bits
    (bit 0 for ต.ค.)."""
    bits = 0
    for number in numbers:
        if 0 <= number - first < 12:
            bits |= 1 << (number - first)
    return bits


@lru_cache(maxsize=4096)
def _grid(be: int, planned: int, worked: int) -> tuple[MonthCell, ...]:
    return tuple(
        MonthCell(month, bool(planned >> k & 1), bool(worked >> k & 1))
        for k, month in enumerate(FiscalYear(be).months)
    )


def _step(
    facts: ActivityFacts, step: StepFacts, on: date, activity_months: tuple[Month, ...]
) -> StepAssessment:
    months = facts.step_months_on(step, on)
    completed = step.completed_on if step.completed_on and step.completed_on <= on else None
    return StepAssessment(
        step.number, step.text, months, completed, step_due(months, activity_months)
    )


def _status(
    facts: ActivityFacts,
    on: date,
    months: tuple[Month, ...],
    started: date | None,
    completed: date | None,
    progress: int,
    expected: int,
) -> tuple[ScheduleStatus, int]:
    if facts.cancelled_on(on) is not None:
        return ScheduleStatus.CANCELLED, 0
    if completed is not None:
        late = days_late(finish_due(months), completed)
        if late > 0:
            return ScheduleStatus.COMPLETED_LATE, late
        return ScheduleStatus.COMPLETED_ON_TIME, 0
    if (late := overdue_days(months, on)) > 0:
        return ScheduleStatus.OVERDUE, late
    if (late := late_start_days(months, on, started)) > 0:
        return ScheduleStatus.LATE_START, late
    if started is None:
        # Before its first month it is not due; within it, it is not late yet.
        return (ScheduleStatus.NOT_DUE if on < starts_on(months) else ScheduleStatus.ON_TRACK), 0
    if progress + BEHIND_MARGIN < expected:
        return ScheduleStatus.BEHIND, 0
    return ScheduleStatus.ON_TRACK, 0


def rollup(key: str, label: str, rows: Iterable[ActivityAssessment], section: str = "") -> Rollup:
    """Totals over ``rows``. Progress is weighted by allocation (a 100,000-baht
    activity counts ten times a 10,000-baht one), or plain where nothing is
    allocated; cancelled activities count in the money but not in progress."""
    count = late = 0
    original = allocated = spent = weight = ZERO
    done = expected = ZERO  # allocation-weighted sums over live rows
    plain_done = plain_expected = live = 0  # plain sums, for when nothing is allocated
    by_status: dict[str, int] = {}
    for r in rows:
        count += 1
        status = r.status.value
        by_status[status] = by_status.get(status, 0) + 1
        original += r.original_budget
        allocated += r.allocated
        spent += r.spent
        if r.status in LATE_STATUSES:
            late += 1
        if r.status is not ScheduleStatus.CANCELLED:
            live += 1
            weight += r.allocated
            done += r.progress * r.allocated
            expected += r.expected_progress * r.allocated
            plain_done += r.progress
            plain_expected += r.expected_progress

    def weighted(by_money: Decimal, plain: int) -> int:
        if not live:
            return 0
        if weight > ZERO:
            return half_up(by_money, weight)
        return half_up(plain, live)

    return Rollup(
        key=key,
        label=label,
        activities=count,
        by_status=by_status,
        original_budget=original,
        allocated=allocated,
        spent=spent,
        progress=weighted(done, plain_done),
        expected_progress=weighted(expected, plain_expected),
        late=late,
        section=section,
    )


@without_collector
def plan_versus_actual(
    activities: Iterable[ActivityFacts],
    projects: Iterable[ProjectFacts],
    on: date,
    assess_one: Callable[[ActivityFacts, date], ActivityAssessment | None] | None = None,
    sections: Sequence[SectionFacts] = (),
) -> PlanVersusActual:
    """Every activity of a plan on ``on``, rolled up per project, per section, per strategy,
    per unit and in total, in the plan's order (``sections``, as the document gave them).
    ``assess_one`` replaces :func:`assess` (a memo of it, say)."""
    judge = assess_one or assess
    place = placing(sections)
    rows = tuple(
        sorted(
            (a for a in (judge(f, on) for f in activities) if a is not None),
            key=lambda r: place(r.section, r.code),
        )
    )
    late = sorted(
        (r for r in rows if r.status in LATE_STATUSES),
        key=lambda r: (-r.days_late, place(r.section, r.code)),
    )
    return PlanVersusActual(
        on=on,
        rows=rows,
        projects=_by_project(rows, projects, place),
        units=_by_unit(rows),
        total=rollup("total", "", rows),
        late_first=tuple(late),
        sections=_by_section(rows, sections),
        strategies=_by_strategy(rows, sections),
    )


Place = Callable[[str, str], tuple[int, tuple[int, ...]]]
"""Where an item of ``section`` with ``code`` stands in the plan: sort key."""


def placing(sections: Sequence[SectionFacts]) -> Place:
    """The plan's order: section by section as the document gave them, codes within."""
    order = {section.key: index for index, section in enumerate(sections)}
    return lambda section, code: (order.get(section, len(order)), code_key(code))


def _by_project(
    rows: Sequence[ActivityAssessment], projects: Iterable[ProjectFacts], place: Place
) -> tuple[Rollup, ...]:
    names = {(p.section, p.code): p.name for p in projects}
    of_project: dict[tuple[str, str], list[ActivityAssessment]] = defaultdict(list)
    for r in rows:
        of_project[(r.section, r.project_code)].append(r)
    return tuple(
        rollup(code, names.get((section, code), code), of_project[(section, code)], section)
        for section, code in sorted(of_project, key=lambda k: place(*k))
    )


def _by_unit(rows: Sequence[ActivityAssessment]) -> tuple[Rollup, ...]:
    units: dict[str, str] = {}
    of_unit: dict[str, list[ActivityAssessment]] = defaultdict(list)
    for r in rows:
        units.setdefault(r.unit_key, r.unit)
        of_unit[r.unit_key].append(r)
    return tuple(
        rollup(key, label, of_unit[key])
        for key, label in sorted(units.items(), key=lambda kv: kv[1])
    )


def _by_section(
    rows: Sequence[ActivityAssessment], sections: Sequence[SectionFacts]
) -> tuple[Rollup, ...]:
    of_section: dict[str, list[ActivityAssessment]] = defaultdict(list)
    for r in rows:
        of_section[r.section].append(r)
    return tuple(
        rollup(s.key, s.path, of_section[s.key], s.key) for s in sections if s.key in of_section
    )


def _by_strategy(
    rows: Sequence[ActivityAssessment], sections: Sequence[SectionFacts]
) -> tuple[Rollup, ...]:
    """Sections grouped by their outermost level (ยุทธศาสตร์ที่ N), in the plan's order."""
    strategy_of = {s.key: s.strategy[0] for s in sections if s.strategy}
    labels: dict[str, str] = {}
    of_strategy: dict[str, list[ActivityAssessment]] = defaultdict(list)
    for r in rows:
        level = strategy_of.get(r.section)
        if level is not None:
            labels.setdefault(level[0], f"{level[0]} {level[1]}".strip())
            of_strategy[level[0]].append(r)
    return tuple(rollup(code, labels[code], of_strategy[code]) for code in labels)


@lru_cache(maxsize=65536)
def code_key(code: str) -> tuple[int, ...]:
    """Sort ``1.2`` before ``1.10`` and ``2`` after ``1.10``."""
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    if whole <= ZERO:
        return Decimal("0.0")
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
