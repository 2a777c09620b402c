"""The plan grid: the printed แผนดำเนินงาน, with the year's work laid over it.

Rows follow the published form (``examples/thungsong-2552-strategy5.txt``): where
the plan has several sections, each section's heading (its strategy, guideline or
แผนงาน) with its sums; a project, its activities, each activity's numbered steps with
their own month marks; a project that is its own single activity (``3``) is one row. Each
activity row adds what the paper could not show: the months work was recorded
in, what is spent, and how it stands on the business date.

This is the one model of that grid: the terminal (``tidtam plan``) and the plan
page only draw it, so both show the same rows, marks and totals. Every figure
comes from :func:`~projections.assess.assess` and every sum over activities from
:func:`~projections.assess.rollup`, so the grid agrees with plan versus actual.
It is a pure function of fact sheets and a business date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from domain.calendar import FiscalYear, Month
from domain.money import ZERO
from domain.thai import name_key
from projections.assess import (
    ActivityAssessment,
    MonthCell,
    Rollup,
    ScheduleStatus,
    StepAssessment,
    assess,
    code_key,
    rollup,
)
from projections.facts import ActivityFacts, PlanFacts, ProjectFacts, SectionFacts, scopes
from projections.queries import Judge, PlanSnapshot

CellState = Literal["both", "planned", "worked", "none"]

STATUS_ORDER = tuple(ScheduleStatus)
"""Schedule statuses in the order the legend and the status filter list them."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One fiscal month of a row: planned, worked (for a step: done), both or neither."""

    month: Month
    state: CellState
    current: bool
    """The month of the business date, which the page shades."""


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """A project with sub-activities: its budget on the date, and its activities' sums."""

    code: str
    name: str
    budget: Decimal
    original_budget: Decimal
    rollup: Rollup
    """Sums over the activities shown under it (all of them, unless filtered)."""
    section: str = ""
    """The key of its section: project codes repeat from one section to the next."""
    kind: Literal["project"] = "project"


@dataclass(frozen=True, slots=True)
class ActivityRow:
    """An activity: its outputs, its months, and how it stands (``assessment``)."""

    assessment: ActivityAssessment
    details: str
    cells: tuple[Cell, ...]
    is_project: bool = False
    """The row is also its project (a project without sub-activities)."""
    kind: Literal["activity"] = "activity"


@dataclass(frozen=True, slots=True)
class StepRow:
    """A numbered step of the activity above it, with its own months."""

    activity_id: str
    step: StepAssessment
    cells: tuple[Cell, ...]
    """Its planned months, and the month it was done in as worked."""
    kind: Literal["step"] = "step"

    @property
    def details(self) -> str:
        """As the paper numbers it: ``1. ประสานงาน…``."""
        return f"{self.step.number}. {self.step.text}"

    @property
    def done_on(self) -> date | None:
        return self.step.completed_on


@dataclass(frozen=True, slots=True)
class SectionRow:
    """A section's heading: its place in the strategy (down to the guideline or แผนงาน),
    with the sums of its activities shown (the paper's รวม line, above its projects)."""

    section: SectionFacts
    rollup: Rollup
    kind: Literal["section"] = "section"


Row = SectionRow | ProjectRow | ActivityRow | StepRow


@dataclass(frozen=True, slots=True)
class PlanGrid:
    """The grid of one plan on one business date, maybe narrowed by unit and status."""

    plan: PlanFacts
    on: date
    rows: tuple[Row, ...]
    budget: Decimal
    """The projects' budgets; when filtered, the allocations of the activities shown
    (a project's budget is not the filtered activities' to claim)."""
    total: Rollup
    """Sums over every activity shown."""
    units: tuple[str, ...]
    """Every responsible unit of the plan on the date, for the unit filter."""
    filtered: bool
    scopes: tuple[tuple[str, str], ...] = ()
    """(value, label) of the strategies and sections to narrow to (none: one section)."""

    @property
    def fiscal_year(self) -> FiscalYear:
        return FiscalYear(self.plan.fiscal_year)

    @property
    def sectioned(self) -> bool:
        """Whether the plan has several sections on the date (codes then repeat)."""
        return len(self.plan.sections_on(self.on)) > 1

    @property
    def spent(self) -> Decimal:
        return self.total.spent


Assessed = tuple[ActivityFacts, ActivityAssessment]


def plan_grid(
    snapshot: PlanSnapshot,
    on: date,
    *,
    unit: str = "",
    status: str = "",
    scope: str = "",
    judge: Judge = assess,
) -> PlanGrid:
    """The grid of ``snapshot`` on ``on``, keeping the activities of ``unit``, ``status``
    (a schedule status's stored name) and ``scope`` (a strategy or a section: see
    ``SectionFacts.within``); any left empty keeps them all. ``judge`` assesses an
    activity (a runtime's remembered rows, for the plan as it stands)."""
    assessed = [(f, a) for f in snapshot.activities if (a := judge(f, on)) is not None]
    unit_key = name_key(unit)
    every = snapshot.plan.sections_on(on)
    sections = [s for s in every if s.within(scope)]
    keys = {s.key for s in sections}
    kept = [
        (f, a)
        for f, a in assessed
        if (not unit or a.unit_key == unit_key)
        and (not status or a.status.value == status)
        and f.section in keys
    ]
    filtered = bool(unit or status or scope)
    rows: list[Row] = []
    budget = ZERO
    for section in sections:
        section_rows, section_budget = _section_rows(
            section, snapshot, kept, on, filtered=bool(unit or status), headed=len(every) > 1
        )
        rows.extend(section_rows)
        budget += section_budget
    total = rollup("total", "", (a for _, a in kept))
    return PlanGrid(
        plan=snapshot.plan,
        on=on,
        rows=tuple(rows),
        budget=total.allocated if unit or status else budget,
        total=total,
        units=tuple(sorted({a.unit for _, a in assessed})),
        filtered=filtered,
        scopes=tuple(scopes(every)) if len(every) > 1 else (),
    )


def _section_rows(
    section: SectionFacts,
    snapshot: PlanSnapshot,
    kept: list[Assessed],
    on: date,
    *,
    filtered: bool,
    headed: bool,
) -> tuple[list[Row], Decimal]:
    """A section's heading (where the plan has several) and its projects' rows, with the
    budget of the projects shown."""
    own = sorted(
        ((f, a) for f, a in kept if f.section == section.key), key=lambda p: code_key(p[1].code)
    )
    of_project: dict[UUID, list[Assessed]] = defaultdict(list)
    for pair in own:
        of_project[pair[0].project_id].append(pair)
    projects = sorted(
        (p for p in snapshot.projects if p.section == section.key), key=lambda p: code_key(p.code)
    )
    rows: list[Row] = []
    budget = ZERO
    for project in projects:
        held = of_project.get(project.id, [])
        if not project.exists_on(on) or (filtered and not held):
            continue
        budget += project.budget_on(on)
        rows.extend(_project_rows(project, held, on))
    if headed and rows:
        heading = SectionRow(section, rollup(section.key, section.path, (a for _, a in own)))
        rows.insert(0, heading)
    return rows, budget


def _project_rows(project: ProjectFacts, own: list[Assessed], on: date) -> Iterable[Row]:
    """A project's row and its activities' rows, or the one row of a project that is
    its own single activity (coded ``3``, not ``3.1``)."""
    current = Month.of(on)
    if len(own) == 1 and own[0][1].code == project.code:
        yield from _activity_rows(*own[0], current, is_project=True)
        return
    yield ProjectRow(
        code=project.code,
        name=project.name,
        budget=project.budget_on(on),
        original_budget=project.original_budget,
        rollup=rollup(project.code, project.name, (a for _, a in own), project.section),
        section=project.section,
    )
    for facts, assessment in own:
        yield from _activity_rows(facts, assessment, current)


def _activity_rows(
    facts: ActivityFacts, a: ActivityAssessment, current: Month, *, is_project: bool = False
) -> Iterable[Row]:
    yield ActivityRow(a, facts.details, _cells(a.grid, current), is_project=is_project)
    months = tuple(c.month for c in a.grid)
    for step in a.steps:
        done = Month.of(step.completed_on) if step.completed_on else None
        grid = tuple(MonthCell(m, m in step.planned_months, m == done) for m in months)
        yield StepRow(a.id, step, _cells(grid, current))


def _cells(grid: tuple[MonthCell, ...], current: Month) -> tuple[Cell, ...]:
    return tuple(Cell(c.month, c.state, c.month == current) for c in grid)
