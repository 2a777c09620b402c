"""The shapes people and programs read: the plan resource and plan versus actual.

The CLI's ``--json`` and the HTTP API serve exactly these models, so a script
written against one works against the other, and the API's OpenAPI schema is
the schema of the CLI's output too. Amounts are decimal strings, months and
dates ISO (CE); Thai labels are for pages, not for data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from domain.calendar import Month
from domain.money import ZERO
from domain.schedule import Basis, Lifecycle
from projections.assess import (
    ActivityAssessment,
    PlanVersusActual,
    Rollup,
    ScheduleStatus,
    assess,
    placing,
)
from projections.collector import without_collector
from projections.editions import edition_label
from projections.facts import ActivityFacts, PlanFacts, ProjectFacts
from projections.queries import PlanSnapshot


def money(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01")))


def months(values: tuple[Month, ...]) -> list[str]:
    return [m.iso for m in values]


class StepOut(BaseModel):
    number: int
    text: str
    planned_months: list[str]
    completed: bool
    completed_on: date | None


class ActivityOut(BaseModel):
    """One activity of the plan resource."""

    id: UUID
    code: str
    name: str
    details: str
    area: str
    unit: str
    budget: str
    original_budget: str
    planned_months: list[str]
    original_months: list[str]
    steps: list[StepOut]
    status: Lifecycle
    progress: int
    spent: str
    started_on: date | None
    version: int
    revision: int = Field(description="0: in the plan as adopted; N: added by revision N")


class ProjectOut(BaseModel):
    id: UUID
    section: str = Field(description="The key of the plan's section it stands in")
    code: str
    name: str
    budget: str
    original_budget: str
    version: int = Field(description="Send as If-Match with a project command")
    revision: int = Field(description="0: in the plan as adopted; N: added by revision N")
    activities: list[ActivityOut]


class StrategyLevelOut(BaseModel):
    code: str
    name: str


class SectionOut(BaseModel):
    """A section of the plan: a strategy's guideline or แผนงาน, numbering its projects."""

    key: str
    path: str
    strategy_levels: list[StrategyLevelOut]
    title: str
    objective: str


class RevisionOut(BaseModel):
    """A numbered revision of the plan (``แก้ไขครั้งที่ 1/2567``)."""

    number: int
    name: str
    on: date = Field(description="The revision's business date")
    recorded_at: datetime = Field(description="When it was recorded: as_of this instant or later")
    source: str


def revisions_out(plan: PlanFacts) -> list[RevisionOut]:
    return [
        RevisionOut(
            number=r.number, name=r.name, on=r.on, recorded_at=r.recorded_at, source=r.source
        )
        for r in plan.revisions
    ]


EDITION = Field(
    description="Which of the plan's documents this reads: current (as it stands), adopted,"
    " or revision-N"
)


class PlanOut(BaseModel):
    """The plan resource: the plan tree as it stands on ``on`` (or as an edition has it)."""

    id: UUID
    organisation: str
    fiscal_year: int
    strategy: str = Field(description="The sections' paths (a plan of one guideline: its path)")
    strategy_levels: list[StrategyLevelOut] = Field(
        description="A plan of one section: that section's levels (else none: see sections)"
    )
    title: str
    objective: str = Field(description="A plan of one section: its objective")
    source: str
    on: date
    edition: str = EDITION
    revisions: list[RevisionOut] = Field(description="The revisions this edition includes")
    total_budget: str
    sections: list[SectionOut]
    projects: list[ProjectOut] = Field(description="Every project, section by section")


class MonthCellOut(BaseModel):
    month: str
    planned: bool
    worked: bool
    state: Literal["both", "planned", "worked", "none"]


class StepDueOut(BaseModel):
    number: int
    text: str
    planned_months: list[str]
    due_on: date | None
    completed_on: date | None


class AssessmentOut(BaseModel):
    """One row of plan versus actual."""

    id: UUID
    section: str
    code: str
    name: str
    project: str
    unit: str
    area: str
    lifecycle: Lifecycle
    status: ScheduleStatus
    progress: int
    expected_progress: int
    expected_basis: Basis
    original_budget: str
    allocated: str
    spent: str
    remaining: str
    disbursed_percent: str
    planned_months: list[str]
    actual_start: date | None
    actual_end: date | None
    days_late: int
    grid: list[MonthCellOut]
    steps: list[StepDueOut]
    version: int
    output_planned: str | None = Field(None, description="Planned output's quantity (decimal)")
    output_unit: str = Field("", description="Its unit: ครั้ง, ป้าย, …")
    output_delivered: str = Field("0", description="Output delivered by the day (decimal)")


class RollupOut(BaseModel):
    key: str
    label: str
    section: str = Field(default="", description="A project's section key")
    activities: int
    by_status: dict[str, int]
    late: int
    progress: int
    expected_progress: int
    original_budget: str
    allocated: str
    spent: str
    remaining: str
    disbursed_percent: str


class PlanVsActualOut(BaseModel):
    plan_id: UUID
    fiscal_year: int
    strategy: str
    on: date
    edition: str = EDITION
    rows: list[AssessmentOut]
    late: list[str]
    projects: list[RollupOut]
    sections: list[RollupOut]
    strategies: list[RollupOut]
    units: list[RollupOut]
    total: RollupOut
    revisions: list[RevisionOut] = Field(description="The revisions this edition includes")


@without_collector
def plan_resource(snapshot: PlanSnapshot, on: date) -> PlanOut:
    tree = plan_tree(snapshot, on)
    return plan_out(
        snapshot,
        on,
        [
            project_out(p, on, [activity_resource(a, on) for a in tree.activities[p.id]])
            for p in tree.projects
        ],
    )


@dataclass(frozen=True, slots=True)
class PlanTree:
    """The projects in the plan on a day, in the plan's order, and each one's activities."""

    projects: list[ProjectFacts]
    activities: dict[UUID, list[ActivityFacts]]


def plan_tree(snapshot: PlanSnapshot, on: date) -> PlanTree:
    place = placing(snapshot.plan.sections_on(on))
    projects = sorted(
        (p for p in snapshot.projects if p.exists_on(on)), key=lambda p: place(p.section, p.code)
    )
    activities = sorted(
        (a for a in snapshot.activities if a.exists_on(on)), key=lambda a: place(a.section, a.code)
    )
    of_project: dict[UUID, list[ActivityFacts]] = defaultdict(list)
    for a in activities:
        of_project[a.project_id].append(a)
    return PlanTree(projects, of_project)


def plan_out(snapshot: PlanSnapshot, on: date, projects: list[ProjectOut]) -> PlanOut:
    """The plan resource around ``projects``, already made."""
    plan = snapshot.plan
    sections = plan.sections_on(on)
    only = sections[0] if len(sections) == 1 else None
    return PlanOut(
        id=plan.id,
        organisation=plan.organisation,
        fiscal_year=plan.fiscal_year,
        strategy=plan.strategy_path,
        strategy_levels=_levels(only.strategy) if only else [],
        title=plan.title,
        objective=only.objective if only else "",
        source=plan.source,
        on=on,
        edition=edition_label(snapshot.edition),
        revisions=revisions_out(plan),
        total_budget=money(
            sum((p.budget_on(on) for p in snapshot.projects if p.exists_on(on)), ZERO)
        ),
        sections=[
            SectionOut(
                key=s.key,
                path=s.path,
                strategy_levels=_levels(s.strategy),
                title=s.title,
                objective=s.objective,
            )
            for s in sections
        ],
        projects=projects,
    )


def project_out(p: ProjectFacts, on: date, activities: list[ActivityOut]) -> ProjectOut:
    return ProjectOut(
        id=p.id,
        section=p.section,
        code=p.code,
        name=p.name,
        budget=money(p.budget_on(on)),
        original_budget=money(p.original_budget),
        version=p.version,
        revision=p.revision,
        activities=activities,
    )


def _levels(strategy: tuple[tuple[str, str], ...]) -> list[StrategyLevelOut]:
    return [StrategyLevelOut(code=code, name=name) for code, name in strategy]


def activity_resource(a: ActivityFacts, on: date) -> ActivityOut:
    return ActivityOut(
        id=a.id,
        code=a.code,
        name=a.name,
        details=a.details,
        area=a.area,
        unit=a.unit,
        budget=money(a.allocation_on(on)),
        original_budget=money(a.original_allocation),
        planned_months=months(a.months_on(on)),
        original_months=months(a.original_months),
        steps=[
            StepOut(
                number=s.number,
                text=s.text,
                planned_months=months(a.step_months_on(s, on)),
                completed=s.completed_on is not None and s.completed_on <= on,
                completed_on=s.completed_on if s.completed_on and s.completed_on <= on else None,
            )
            for s in a.steps
        ],
        status=a.lifecycle_on(on),
        progress=a.progress_on(on),
        spent=money(a.spent_on(on)),
        started_on=a.started_by(on),
        version=a.version,
        revision=a.revision,
    )


def assessment_out(r: ActivityAssessment) -> AssessmentOut:
    """One row of plan versus actual. Built with ``model_construct``: every value comes
    from the fact sheets through the assessment, already typed, and a plan of a thousand
    activities would otherwise validate some forty thousand small models per request."""
    return AssessmentOut.model_construct(
        id=UUID(r.id),
        section=r.section,
        code=r.code,
        name=r.name,
        project=r.project_code,
        unit=r.unit,
        area=r.area,
        lifecycle=r.lifecycle,
        status=r.status,
        progress=r.progress,
        expected_progress=r.expected_progress,
        expected_basis=r.expected_basis,
        original_budget=money(r.original_budget),
        allocated=money(r.allocated),
        spent=money(r.spent),
        remaining=money(r.remaining),
        disbursed_percent=str(r.disbursed_percent),
        planned_months=months(r.planned_months),
        actual_start=r.actual_start,
        actual_end=r.actual_end,
        days_late=r.days_late,
        grid=[_cell(c.month.iso, c.planned, c.worked, c.state) for c in r.grid],
        steps=[
            StepDueOut.model_construct(
                number=s.number,
                text=s.text,
                planned_months=months(s.planned_months),
                due_on=s.due_on,
                completed_on=s.completed_on,
            )
            for s in r.steps
        ],
        version=r.version,
        output_planned=str(r.output[0]) if r.output else None,
        output_unit=r.output[1] if r.output else "",
        output_delivered=str(r.delivered),
    )


@lru_cache(maxsize=1024)
def _cell(month: str, planned: bool, worked: bool, state: str) -> MonthCellOut:
    """Grid cells repeat (a dozen months, four states); one shared, never-mutated model each."""
    return MonthCellOut.model_construct(month=month, planned=planned, worked=worked, state=state)


def assess_activity(facts: ActivityFacts, on: date) -> AssessmentOut | None:
    assessed = assess(facts, on)
    return assessment_out(assessed) if assessed else None


def rollup_out(r: Rollup) -> RollupOut:
    return RollupOut(
        key=r.key,
        label=r.label,
        section=r.section,
        activities=r.activities,
        by_status=dict(sorted(r.by_status.items())),
        late=r.late,
        progress=r.progress,
        expected_progress=r.expected_progress,
        original_budget=money(r.original_budget),
        allocated=money(r.allocated),
        spent=money(r.spent),
        remaining=money(r.remaining),
        disbursed_percent=str(r.disbursed_percent),
    )


def plan_vs_actual_resource(snapshot: PlanSnapshot, on: date) -> PlanVsActualOut:
    report = snapshot.versus_actual(on)
    return plan_vs_actual_out(snapshot, on, report, [assessment_out(r) for r in report.rows])


def plan_vs_actual_out(
    snapshot: PlanSnapshot, on: date, report: PlanVersusActual, rows: list[AssessmentOut]
) -> PlanVsActualOut:
    return PlanVsActualOut(
        plan_id=snapshot.plan.id,
        fiscal_year=snapshot.plan.fiscal_year,
        strategy=snapshot.plan.strategy_path,
        on=on,
        edition=edition_label(snapshot.edition),
        rows=rows,
        late=[r.code for r in report.late_first],
        projects=[rollup_out(r) for r in report.projects],
        sections=[rollup_out(r) for r in report.sections],
        strategies=[rollup_out(r) for r in report.strategies],
        units=[rollup_out(r) for r in report.units],
        total=rollup_out(report.total),
        revisions=revisions_out(snapshot.plan),
    )
