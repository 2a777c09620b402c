"""The plan page's rows: the source table's layout, with the year's work laid over it.

Rows follow the published form (``examples/thungsong-2552-strategy5.txt``): a
project, its activities, each activity's numbered steps with their own month
marks; a project that is its own single activity (``3``) is one row. Each
activity row adds what the paper could not show: the months work was recorded
in, what is spent, and its status on the page's business date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from domain.calendar import FiscalYear, Month
from domain.money import ZERO
from domain.thai import name_key
from projections.assess import ActivityAssessment, ScheduleStatus, assess, code_key
from projections.facts import ActivityFacts
from projections.queries import PlanSnapshot

CellState = Literal["both", "planned", "worked", "none"]


@dataclass(frozen=True, slots=True)
class Cell:
    month: Month
    state: CellState
    current: bool


@dataclass(frozen=True, slots=True)
class Row:
    kind: Literal["project", "activity", "step"]
    code: str
    name: str
    details: str = ""
    area: str = ""
    unit: str = ""
    budget: Decimal | None = None
    original_budget: Decimal | None = None
    spent: Decimal | None = None
    cells: tuple[Cell, ...] = ()
    assessment: ActivityAssessment | None = None
    activity_id: str = ""
    step_done_on: date | None = None
    is_project: bool = False
    """An activity row that is also its project (a project without sub-activities)."""


@dataclass(frozen=True, slots=True)
class PlanTable:
    fiscal_year: FiscalYear
    rows: tuple[Row, ...]
    budget: Decimal
    allocated: Decimal
    spent: Decimal
    units: tuple[str, ...]
    filtered: bool


def plan_table(snapshot: PlanSnapshot, day: date, *, unit: str = "", status: str = "") -> PlanTable:
    """The rows of ``snapshot`` on ``day``, keeping activities of ``unit`` and ``status``."""
    fiscal_year = FiscalYear(snapshot.plan.fiscal_year)
    current = Month.of(day)
    assessed = {f.id: (f, a) for f in snapshot.activities if (a := assess(f, day)) is not None}
    units = tuple(sorted({f.unit for f, _ in assessed.values()}))
    keep = {
        k: v
        for k, v in assessed.items()
        if (not unit or name_key(v[0].unit) == name_key(unit))
        and (not status or v[1].status.value == status)
    }
    filtered = bool(unit or status)
    rows: list[Row] = []
    budget = allocated = spent = ZERO
    for project in sorted(snapshot.projects, key=lambda p: code_key(p.code)):
        if project.planned_on > day:
            continue
        own = sorted(
            (v for v in keep.values() if v[0].project_id == project.id),
            key=lambda v: code_key(v[0].code),
        )
        if filtered and not own:
            continue
        project_spent = sum((a.spent for _, a in own), ZERO)
        budget += (
            project.budget_on(day) if not filtered else sum((a.allocated for _, a in own), ZERO)
        )
        allocated += sum((a.allocated for _, a in own), ZERO)
        spent += project_spent
        if len(own) == 1 and own[0][0].code == project.code:
            rows.extend(_activity_rows(*own[0], fiscal_year, current, is_project=True))
            continue
        rows.append(
            Row(
                kind="project",
                code=project.code,
                name=project.name,
                budget=project.budget_on(day),
                original_budget=project.original_budget,
                spent=project_spent,
            )
        )
        for facts, assessment in own:
            rows.extend(_activity_rows(facts, assessment, fiscal_year, current))
    return PlanTable(fiscal_year, tuple(rows), budget, allocated, spent, units, filtered)


def _activity_rows(
    facts: ActivityFacts,
    a: ActivityAssessment,
    fiscal_year: FiscalYear,
    current: Month,
    *,
    is_project: bool = False,
) -> list[Row]:
    rows = [
        Row(
            kind="activity",
            code=a.code,
            name=a.name,
            details=facts.details,
            area=a.area,
            unit=a.unit,
            budget=a.allocated,
            original_budget=a.original_budget,
            spent=a.spent,
            cells=tuple(Cell(c.month, c.state, c.month == current) for c in a.grid),
            assessment=a,
            activity_id=a.id,
            is_project=is_project,
        )
    ]
    for step in a.steps:
        done = Month.of(step.completed_on) if step.completed_on else None
        rows.append(
            Row(
                kind="step",
                code="",
                name="",
                details=f"{step.number}. {step.text}",
                cells=tuple(
                    Cell(m, _step_state(m in step.planned_months, m == done), m == current)
                    for m in fiscal_year.months
                ),
                activity_id=a.id,
                step_done_on=step.completed_on,
            )
        )
    return rows


def _step_state(planned: bool, done: bool) -> CellState:
    if planned:
        return "both" if done else "planned"
    return "worked" if done else "none"


STATUS_ORDER = tuple(ScheduleStatus)
"""Statuses in the order the legend and the filter list them."""
