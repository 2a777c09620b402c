"""The overseer's roll-up: progress, money and late work per organisation and per
strategy, and the reporting rounds each has filed or owes, on a business date and as
known at an instant.

Every figure is plan versus actual's own (:func:`projections.assess.plan_versus_actual`
per plan, its roll-ups per strategy and in total); an organisation's total, a
province's and the whole overview's are :func:`projections.assess.rollup` over the
same assessed rows, so progress is weighted by allocation across organisations exactly
as it is across a plan's activities, and no sum is worked out twice. Projects are
counted by the monitoring report's rule (:func:`projections.monitoring.project_status`),
rounds by the year's calendar of reports (:func:`projections.rounds.rounds_of`).

Every activity of every organisation is assessed, so the live overview keeps each plan's
part (:class:`RollupMemo`) until the plan's sheets move: after one write, one plan is
made again.

An organisation with no plan for the year is listed as such, never dropped: an overseer
must see who has not imported one. The organisations are the views' as they stand (an
organisation registered after ``as_of`` shows as having no plan then).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from domain.periods import Period
from projections.assess import ActivityAssessment, Rollup, rollup
from projections.bounded import Bounded
from projections.facts import PlanFacts
from projections.monitoring import ProjectStatus, project_status
from projections.people_view import OrganisationRow, PeopleReader
from projections.queries import Judge, PlanReader, PlanSnapshot
from projections.rounds import Round, rounds_of
from projections.tenancy import Reach

ROUND_STATES = ("filed", "open", "due", "late")
"""Where a round stands (:class:`projections.rounds.Round`), in the order tallies list them."""


@dataclass(frozen=True, slots=True)
class ProjectCounts:
    """Projects in the plan on the day, by where they stand (the monitoring report's rule)."""

    planned: int = 0
    completed: int = 0
    in_progress: int = 0
    not_started: int = 0
    cancelled: int = 0

    @classmethod
    def of(cls, statuses: Iterable[ProjectStatus]) -> ProjectCounts:
        found = list(statuses)
        return cls(len(found), *(found.count(s) for s in _STATUS_FIELDS))

    def __add__(self, other: ProjectCounts) -> ProjectCounts:
        return ProjectCounts(
            self.planned + other.planned,
            self.completed + other.completed,
            self.in_progress + other.in_progress,
            self.not_started + other.not_started,
            self.cancelled + other.cancelled,
        )


_STATUS_FIELDS = (
    ProjectStatus.COMPLETED,
    ProjectStatus.IN_PROGRESS,
    ProjectStatus.NOT_STARTED,
    ProjectStatus.CANCELLED,
)


@dataclass(frozen=True, slots=True)
class Figures:
    """A roll-up line: the activities' roll-up (progress, money, late work, counts by
    status) and the projects' counts."""

    activities: Rollup
    projects: ProjectCounts


@dataclass(frozen=True, slots=True)
class PlanRollup:
    """One plan of an organisation: its total, each strategy, its rounds."""

    plan: PlanFacts
    total: Figures
    strategies: tuple[Figures, ...]
    """Per strategy (the sections' outermost level), in the plan's order."""
    rounds: tuple[Round, ...]
    rows: tuple[ActivityAssessment, ...] = field(repr=False, default=())
    """The assessed activities the totals above it roll up again."""


@dataclass(frozen=True, slots=True)
class OrganisationRollup:
    code: str
    """``""``: the store's own plans, from before organisations."""
    name: str
    province: str
    plans: tuple[PlanRollup, ...]
    """Its plans of the year (one, but for plans imported one guideline at a time)."""
    total: Figures | None
    """None: no plan for the year."""

    @property
    def rounds(self) -> tuple[Round, ...]:
        return tuple(r for p in self.plans for r in p.rounds)


@dataclass(frozen=True, slots=True)
class RoundTally:
    """How many plans stand where on one round."""

    period: Period
    filed: int
    open: int
    due: int
    late: int


@dataclass(frozen=True, slots=True)
class Tally:
    """A province's (or the whole overview's) totals: sums of its organisations."""

    province: str
    organisations: int
    without_plan: int
    total: Figures
    rounds: tuple[RoundTally, ...]


@dataclass(frozen=True, slots=True)
class Overview:
    fiscal_year: int
    """BE."""
    on: date
    as_of: datetime | None
    organisations: tuple[OrganisationRollup, ...]
    """By province, then code; the store's own first."""
    provinces: tuple[Tally, ...]
    total: Tally
    """Every organisation shown (``province`` "")."""


def plan_rollup(
    snapshot: PlanSnapshot, on: date, periods: Sequence[Period], judge: Judge | None = None
) -> PlanRollup:
    """One plan's figures on ``on``: plan versus actual's roll-ups, projects counted."""
    report = snapshot.versus_actual(on, judge)
    strategy_of = {s.key: s.strategy[0][0] for s in snapshot.plan.sections if s.strategy}
    statuses: dict[str | None, list[ProjectStatus]] = defaultdict(list)
    for project in snapshot.projects:
        if project.exists_on(on):
            own = [a for a in snapshot.activities if a.project_id == project.id]
            statuses[strategy_of.get(project.section)].append(project_status(project, own, on))
    every = [s for found in statuses.values() for s in found]
    return PlanRollup(
        plan=snapshot.plan,
        total=Figures(report.total, ProjectCounts.of(every)),
        strategies=tuple(
            Figures(r, ProjectCounts.of(statuses.get(r.key, ()))) for r in report.strategies
        ),
        rounds=tuple(rounds_of(snapshot.plan, on, periods)),
        rows=report.rows,
    )


def organisation_rollup(
    code: str, name: str, province: str, plans: Sequence[PlanRollup]
) -> OrganisationRollup:
    """An organisation's plans of the year and their total (None without a plan)."""
    if not plans:
        return OrganisationRollup(code, name, province, (), None)
    total = plans[0].total if len(plans) == 1 else _summed(code, name, plans)
    return OrganisationRollup(code, name, province, tuple(plans), total)


def tally(province: str, organisations: Sequence[OrganisationRollup]) -> Tally:
    """The sums of ``organisations``: progress weighted by allocation over all their
    activities (:func:`rollup`), counts and money added up, rounds counted per plan."""
    plans = [p for o in organisations for p in o.plans]
    by_period: dict[Period, list[str]] = defaultdict(list)
    for plan in plans:
        for round_ in plan.rounds:
            by_period[round_.period].append(round_.state)
    rounds = tuple(
        RoundTally(period, *(states.count(s) for s in ROUND_STATES))
        for period, states in sorted(by_period.items(), key=lambda kv: list(Period).index(kv[0]))
    )
    without = sum(1 for o in organisations if o.total is None)
    return Tally(
        province, len(organisations), without, _summed(province, province, plans), rounds
    )  # fmt: skip


def _summed(code: str, name: str, plans: Sequence[PlanRollup]) -> Figures:
    """Plans' figures together: progress weighted by allocation over all their activities
    (:func:`rollup`), projects counted."""
    rows = [r for p in plans for r in p.rows]
    return Figures(
        rollup(code, name, rows), sum((p.total.projects for p in plans), ProjectCounts())
    )


def overview(
    organisations: Sequence[OrganisationRow],
    plans: Sequence[PlanRollup],
    *,
    fiscal_year: int,
    on: date,
    as_of: datetime | None = None,
) -> Overview:
    """The roll-up of ``organisations`` with their ``plans`` of ``fiscal_year``; a plan of
    no organisation listed (the store's own, ``""``) gets a line of its own, named as the
    plan names it."""
    by_code: dict[str, list[PlanRollup]] = defaultdict(list)
    for plan in plans:
        by_code[plan.plan.organisation_code].append(plan)
    known = {o.code: o for o in organisations}
    lines = [
        organisation_rollup(o.code, o.name, o.province, by_code.get(o.code, ()))
        for o in organisations
    ]
    lines += [
        organisation_rollup(code, found[0].plan.organisation, "", found)
        for code, found in by_code.items()
        if code not in known
    ]
    lines.sort(key=lambda o: (o.code != "", o.province, o.code))
    provinces = sorted({o.province for o in lines})
    return Overview(
        fiscal_year=fiscal_year,
        on=on,
        as_of=as_of,
        organisations=tuple(lines),
        provinces=tuple(tally(p, [o for o in lines if o.province == p]) for p in provinces),
        total=tally("", lines),
    )


PLANS_KEPT = 200
"""Plans' roll-ups a :class:`RollupMemo` keeps: a province's organisations, with room."""


class RollupMemo:
    """Each plan's roll-up per business date and rounds, made again only when the plan's
    sheets moved (:meth:`PlanReader.plan_stamp`): after one write, the overview of a
    province re-makes one plan, not eighty. Bounded, least recently used out first."""

    def __init__(self, keep: int = PLANS_KEPT) -> None:
        self._kept: Bounded[tuple[object, ...], PlanRollup] = Bounded(keep)

    def plan(
        self,
        reader: PlanReader,
        plan_id: UUID,
        on: date,
        periods: Sequence[Period],
        judge: Judge | None = None,
    ) -> PlanRollup:
        # The stamp is read before the sheets: a write between the two leaves a newer
        # roll-up under an older stamp, never an older one under the newer stamp.
        key = (plan_id, on, tuple(periods), reader.plan_stamp(plan_id))
        found = self._kept.get(key)
        if found is None:
            found = plan_rollup(reader.snapshot(plan_id), on, periods, judge)
            self._kept.put(key, found)
        return found


def read_overview(
    plans: PlanReader,
    people: PeopleReader,
    reach: Reach,
    *,
    fiscal_year: int,
    on: date,
    periods: Sequence[Period],
    as_of: datetime | None = None,
    judge: Judge | None = None,
    memo: RollupMemo | None = None,
) -> Overview:
    """The overview of the organisations ``reach`` names (None: every one) from the
    views: the plans as they stand (through ``memo`` if given), or as known at ``as_of``
    (assessed afresh: ``judge`` and ``memo`` are for the live sheets only)."""
    known = plans.plans(reach) if as_of is None else plans.plans_as_of(as_of, reach)
    found = [p for p in known if p.fiscal_year == fiscal_year]
    if as_of is not None:
        rolled = [plan_rollup(plans.snapshot_as_of(p.id, as_of), on, periods) for p in found]
    elif memo is not None:
        rolled = [memo.plan(plans, p.id, on, periods, judge) for p in found]
    else:
        rolled = [plan_rollup(plans.snapshot(p.id), on, periods, judge) for p in found]
    return overview(
        people.organisations(reach), rolled, fiscal_year=fiscal_year, on=on, as_of=as_of
    )
