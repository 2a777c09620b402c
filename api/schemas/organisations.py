"""Organisations: the list a principal reaches, and the overseer's roll-up across them.

The roll-up's figures are plan versus actual's roll-up shape (:class:`RollupOut`:
amounts as decimal strings, counts by status) with the projects counted beside them;
dates are ISO (CE), the fiscal year BE as the plan resource names it.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, Field

from projections.overview import (
    Figures,
    OrganisationRollup,
    Overview,
    PlanRollup,
    ProjectCounts,
    Tally,
)
from projections.resources import RollupOut, rollup_out
from projections.rounds import Round


class OrganisationOut(BaseModel):
    code: str
    name: str = Field(description="As its plan documents give it")
    province: str


class ProjectCountsOut(BaseModel):
    planned: int = Field(description="Projects in the plan on the day")
    completed: int
    in_progress: int
    not_started: int
    cancelled: int


class FiguresOut(RollupOut):
    """Plan versus actual's roll-up (activities by status, progress against expected,
    money: ``original_budget`` planned, ``allocated``, ``spent`` disbursed; ``late``
    activities) with the projects counted by where they stand."""

    projects: ProjectCountsOut


class FilingRefOut(BaseModel):
    number: int
    on: date
    actor: str
    known_at: datetime


class RoundOut(BaseModel):
    period: str = Field(description="q1…q4, half or year")
    start: date
    cut_off: date
    due: date
    state: str = Field(description="open, due, late or filed")
    days: int = Field(description="Days left to the due day (due), or past it (late)")
    filing: FilingRefOut | None


class PlanRollupOut(BaseModel):
    plan_id: UUID
    title: str
    strategy: str
    total: FiguresOut
    strategies: list[FiguresOut]
    rounds: list[RoundOut]


class OrganisationRollupOut(OrganisationOut):
    has_plan: bool = Field(description="False: no plan of the fiscal year (listed all the same)")
    total: FiguresOut | None
    plans: list[PlanRollupOut]


class RoundTallyOut(BaseModel):
    period: str
    filed: int
    open: int
    due: int
    late: int


class TallyOut(BaseModel):
    province: str = Field(description='"" for the total of every organisation shown')
    organisations: int
    without_plan: int
    total: FiguresOut
    rounds: list[RoundTallyOut] = Field(description="Plans per round, by where they stand")


class OverviewOut(BaseModel):
    fiscal_year: int = Field(description="BE, as plans name it")
    on: date
    as_of: datetime | None
    organisations: list[OrganisationRollupOut]
    provinces: list[TallyOut]
    total: TallyOut


def figures_out(figures: Figures) -> FiguresOut:
    counts: ProjectCounts = figures.projects
    return FiguresOut(
        **rollup_out(figures.activities).model_dump(),
        projects=ProjectCountsOut(
            planned=counts.planned, completed=counts.completed,
            in_progress=counts.in_progress, not_started=counts.not_started,
            cancelled=counts.cancelled,
        ),
    )  # fmt: skip


def round_out(found: Round) -> RoundOut:
    filing = found.filing
    return RoundOut(
        period=found.period.value, start=found.start, cut_off=found.cut_off, due=found.due,
        state=found.state, days=found.days,
        filing=FilingRefOut(number=filing.number, on=filing.on, actor=filing.actor,
                            known_at=filing.known_at) if filing else None,
    )  # fmt: skip


def _plan_out(plan: PlanRollup) -> PlanRollupOut:
    return PlanRollupOut(
        plan_id=plan.plan.id,
        title=plan.plan.title,
        strategy=plan.plan.strategy_path,
        total=figures_out(plan.total),
        strategies=[figures_out(s) for s in plan.strategies],
        rounds=[round_out(r) for r in plan.rounds],
    )


def _organisation_out(line: OrganisationRollup) -> OrganisationRollupOut:
    return OrganisationRollupOut(
        code=line.code, name=line.name, province=line.province, has_plan=bool(line.plans),
        total=figures_out(line.total) if line.total else None,
        plans=[_plan_out(p) for p in line.plans],
    )  # fmt: skip


def _tally_out(found: Tally) -> TallyOut:
    return TallyOut(
        province=found.province, organisations=found.organisations,
        without_plan=found.without_plan, total=figures_out(found.total),
        rounds=[RoundTallyOut(period=r.period.value, filed=r.filed, open=r.open, due=r.due,
                              late=r.late) for r in found.rounds],
    )  # fmt: skip


def overview_out(found: Overview) -> OverviewOut:
    return OverviewOut(
        fiscal_year=found.fiscal_year,
        on=found.on,
        as_of=found.as_of,
        organisations=[_organisation_out(o) for o in found.organisations],
        provinces=[_tally_out(p) for p in found.provinces],
        total=_tally_out(found.total),
    )
