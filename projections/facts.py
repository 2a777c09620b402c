"""Fact sheets: what the event log says about each plan, project and activity,
every fact with the business date it belongs to.

Views store these sheets; questions that depend on a date ("how late is it on
15 March?") are answered from them at read time, so one stored sheet serves the
current plan, plan versus actual on any date, and the scheduler's rules. Facts
carry ``seq`` (the event's notification position) to order facts of one day.

A sheet also keeps what it was at every event folded into it: each event's
``Stamp`` (its position, the version it left, when it was recorded), and for what
an event changes in place (a start corrected, a spending entry put right, a step
done) the position and the value before. So the sheet as it stood at any instant
is cut from the current one (:mod:`projections.time_travel`), never re-folded from
the log's beginning; and a sheet read from the views keeps the business days of its
facts laid out, so a reading on a day searches them rather than walking the year
(:mod:`projections.dated`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from operator import attrgetter
from uuid import UUID

from pydantic import TypeAdapter

from domain.calendar import Month
from domain.money import ZERO
from domain.schedule import Lifecycle, lifecycle
from domain.thai import name_key
from projections.dated import DatedList, DayList, dated_by, latest, months_among_first, total_by
from projections.publication import PublicationFact
from projections.stamps import StampList

Change = tuple[int, Decimal]
"""A correction of an amount or quantity: its position and the value it set."""


@dataclass(slots=True)
class ScheduleFact:
    """The months planned from ``on`` (the original plan, or a reschedule)."""

    on: date
    seq: int
    months: tuple[str, ...]
    reason: str = ""
    revision: int | None = 0
    """The plan document that set it: 0 as adopted, N revision N; None a manager's move."""


@dataclass(slots=True)
class AllocationFact:
    """The allocation from ``on`` (the original allocation, or a revision)."""

    on: date
    seq: int
    amount: Decimal
    reason: str = ""
    revision: int | None = 0
    """The plan document that set it: 0 as adopted, N revision N; None a manager's change."""


@dataclass(slots=True)
class ProgressFact:
    on: date
    seq: int
    percent: int
    corrected: bool = False


@dataclass(slots=True)
class SpendingFact:
    """One expenditure entry; ``amount`` is as corrected (corrections apply to the entry's date)."""

    entry: int
    on: date
    seq: int
    amount: Decimal
    original: Decimal
    reference: str = ""
    commitment: int = 0
    """The commitment it paid against, by number; 0: none."""
    corrections: list[Change] = field(default_factory=list)


@dataclass(slots=True)
class CommitmentFact:
    """A contract or purchase order binding part of the allocation; ``amount`` as corrected
    (corrections apply to the commitment's own date, as spending's do)."""

    entry: int
    on: date
    seq: int
    amount: Decimal
    number: str = ""
    original: Decimal = Decimal(0)
    corrections: list[Change] = field(default_factory=list)


@dataclass(slots=True)
class OutputFact:
    """The planned output from ``on`` (a manager's setting, or a change of it)."""

    on: date
    seq: int
    quantity: Decimal
    unit: str


@dataclass(slots=True)
class DeliveryFact:
    """One delivery of the planned output; ``quantity`` as corrected."""

    entry: int
    on: date
    seq: int
    quantity: Decimal
    original: Decimal = Decimal(0)
    corrections: list[Change] = field(default_factory=list)


@dataclass(slots=True)
class ClosureFact:
    """A completion, cancellation or reopening, in business-date order."""

    on: date
    seq: int
    kind: str  # "completed" | "cancelled" | "reopened" | "withdrawn" (by a revision)
    note: str = ""
    moves: list[tuple[int, date]] = field(default_factory=list)
    """A completion's corrections: each one's position and the day it moved it from."""


@dataclass(slots=True)
class Withdrawal:
    """A revision took the item out of the plan on ``on``."""

    on: date
    revision: int
    seq: int = 0


@dataclass(slots=True)
class StepFacts:
    number: int
    text: str
    schedule: DatedList[ScheduleFact] = field(default_factory=list)
    completed_on: date | None = None
    completed_seq: int = 0


@dataclass(slots=True)
class ActivityFacts:
    """Everything the log says about one activity."""

    id: UUID
    plan_id: UUID
    project_id: UUID
    project_code: str
    code: str
    name: str
    details: str
    area: str
    unit: str
    unit_key: str
    fiscal_year: int
    planned_on: date
    schedule: DatedList[ScheduleFact] = field(default_factory=list)
    steps: list[StepFacts] = field(default_factory=list)
    allocations: DatedList[AllocationFact] = field(default_factory=list)
    spending: DatedList[SpendingFact] = field(default_factory=list)
    commitments: DatedList[CommitmentFact] = field(default_factory=list)
    outputs: list[OutputFact] = field(default_factory=list)
    deliveries: DatedList[DeliveryFact] = field(default_factory=list)
    progress: DatedList[ProgressFact] = field(default_factory=list)
    started_on: date | None = None
    closures: list[ClosureFact] = field(default_factory=list)
    work_days: DayList = field(default_factory=list)
    version: int = 0
    recorded_at: datetime | None = None
    section: str = ""
    """The key of the plan's section the activity stands in."""
    revision: int = 0
    """The plan document that brought it in: 0 as adopted, N revision N."""
    withdrawn: Withdrawal | None = None
    stamps: StampList = field(default_factory=list)
    starts: list[tuple[int, date]] = field(default_factory=list)
    """Each start and start correction: its position and the day it set."""
    work_seqs: list[int] = field(default_factory=list)
    """The position at which each of ``work_days`` was first worked."""
    corrected_at: int = 0
    """The position of the latest correction made in place (an amount, a completion's day)."""
    stamps_in_order: bool = True
    """False once an event was recorded at an instant before the one folded before it."""

    # ----------------------------------------------------------- on a business date

    def exists_on(self, day: date) -> bool:
        """In the plan on ``day``: planned by then, and not withdrawn by then."""
        return self.planned_on <= day and not (self.withdrawn and self.withdrawn.on <= day)

    def months_on(self, day: date) -> tuple[Month, ...]:
        return _months(latest(self.schedule, day))

    @property
    def months(self) -> tuple[Month, ...]:
        return _months(self.schedule[-1] if self.schedule else None)

    @property
    def original_months(self) -> tuple[Month, ...]:
        return _months(self.schedule[0] if self.schedule else None)

    def step_months_on(self, step: StepFacts, day: date) -> tuple[Month, ...]:
        return _months(latest(step.schedule, day))

    @property
    def original_allocation(self) -> Decimal:
        return self.allocations[0].amount if self.allocations else ZERO

    def allocation_on(self, day: date) -> Decimal:
        fact = latest(self.allocations, day)
        return fact.amount if fact else ZERO

    def spent_on(self, day: date) -> Decimal:
        return total_by(self.spending, day, _AMOUNT, ZERO)

    def output_on(self, day: date) -> OutputFact | None:
        """The planned output in force on ``day``. The first setting is what the plan
        promised, however late a manager confirmed it: it holds from the start; a change
        holds from its own business date."""
        best: OutputFact | None = None
        for fact in self.outputs:
            if fact.on <= day and (best is None or (fact.on, fact.seq) >= (best.on, best.seq)):
                best = fact
        return best or (min(self.outputs, key=lambda f: f.seq) if self.outputs else None)

    def delivered_on(self, day: date) -> Decimal:
        return total_by(self.deliveries, day, _QUANTITY, Decimal(0))

    def committed_on(self, day: date) -> Decimal:
        """What contracts and orders dated by ``day`` bind (each as corrected)."""
        return total_by(self.commitments, day, _AMOUNT, ZERO)

    def progress_on(self, day: date) -> int:
        if self.completed_on(day) is not None:
            return 100
        fact = latest(self.progress, day)  # as the activity's own timeline reads it
        return fact.percent if fact else 0

    def started_by(self, day: date) -> date | None:
        return self.started_on if self.started_on and self.started_on <= day else None

    def closure_on(self, day: date) -> ClosureFact | None:
        """The completion or cancellation in force on ``day``, if any."""
        state: ClosureFact | None = None
        for fact in sorted(self.closures, key=lambda c: (c.on, c.seq)):
            if fact.on > day:
                break
            state = None if fact.kind == "reopened" else fact
        return state

    def completed_on(self, day: date) -> date | None:
        closure = self.closure_on(day)
        return closure.on if closure and closure.kind == "completed" else None

    def cancelled_on(self, day: date) -> date | None:
        closure = self.closure_on(day)
        return closure.on if closure and closure.kind == "cancelled" else None

    def withdrawn_on(self, day: date) -> date | None:
        return self.withdrawn.on if self.withdrawn and self.withdrawn.on <= day else None

    def lifecycle_on(self, day: date) -> Lifecycle:
        """planned, started, completed or cancelled, as the activity stood on ``day``."""
        return lifecycle(
            started_on=self.started_by(day),
            completed_on=self.completed_on(day),
            cancelled_on=self.cancelled_on(day),
            withdrawn_on=self.withdrawn_on(day),
        )

    def worked_month_numbers_on(self, day: date) -> set[int]:
        """The months with a day worked by ``day``, as :attr:`Month.number`: a year of work
        has hundreds of days and only twelve months, so no month is made for each day."""
        count = dated_by(self.work_days, day)
        if count is None:
            return {d.year * 12 + d.month for d in self.work_days if d <= day}
        return months_among_first(self.work_days, count)

    def worked_months_on(self, day: date) -> set[Month]:
        """The months with a day worked by ``day``."""
        return {Month.from_number(n) for n in self.worked_month_numbers_on(day)}

    @property
    def progress_days(self) -> list[date]:
        """Business days on which progress was reported (not corrections), sorted."""
        return sorted({p.on for p in self.progress if not p.corrected})


@dataclass(slots=True)
class ProjectFacts:
    id: UUID
    plan_id: UUID
    code: str
    name: str
    budgets: DatedList[AllocationFact] = field(default_factory=list)
    planned_on: date = date.min
    section: str = ""
    """The key of the plan's section the project stands in."""
    cancelled_on: date | None = None
    version: int = 0
    """The project's version: what a project command's If-Match names. Reserving
    budget for an activity moves it too."""
    revision: int = 0
    """The plan document that brought it in: 0 as adopted, N revision N."""
    withdrawn: Withdrawal | None = None
    funding_source: str = ""
    """Where its money comes from (แหล่งงบประมาณ), as a manager last set it."""
    stamps: StampList = field(default_factory=list)
    cancelled_seq: int = 0
    sources: list[tuple[int, str]] = field(default_factory=list)
    """Each setting of the funding source: its position and the source it set."""
    stamps_in_order: bool = True
    """False once an event was recorded at an instant before the one folded before it."""

    def exists_on(self, day: date) -> bool:
        """In the plan on ``day``: planned by then, and not withdrawn by then."""
        return self.planned_on <= day and not (self.withdrawn and self.withdrawn.on <= day)

    def budget_on(self, day: date) -> Decimal:
        fact = latest(self.budgets, day)
        return fact.amount if fact else ZERO

    @property
    def original_budget(self) -> Decimal:
        return self.budgets[0].amount if self.budgets else ZERO


@dataclass(slots=True)
class SectionFacts:
    """A section of the plan: a strategy's guideline or แผนงาน, from the day it came in."""

    key: str
    strategy: tuple[tuple[str, str], ...]
    objective: str
    added_on: date
    revision: int = 0
    """The plan document that brought it in: 0 as adopted, N revision N."""
    seq: int = 0

    @property
    def path(self) -> str:
        return " › ".join(code for code, _ in self.strategy)

    @property
    def title(self) -> str:
        return self.strategy[-1][1] if self.strategy else ""

    def within(self, scope: str) -> bool:
        """In ``scope``: a strategy (``ยุทธศาสตร์ที่ 5``, every section under it) or this
        section's own path or key, compared as keys are; ``""`` is the whole plan."""
        if not scope:
            return True
        wanted, path = name_key(scope), name_key(self.path)
        return scope == self.key or path == wanted or path.startswith(wanted + "›")


def scopes(sections: list[SectionFacts]) -> list[tuple[str, str]]:
    """What a reader may narrow a plan to, as (value, label): each strategy that holds
    several sections, then each section, in the plan's order."""
    found: list[tuple[str, str]] = []
    strategies = [s.strategy[0] for s in sections if len(s.strategy) > 1]
    for code, name in dict.fromkeys(strategies):
        if strategies.count((code, name)) > 1:
            found.append((code, f"{code} {name}".strip()))
    found.extend((s.path, f"{s.path} {s.title}".strip()) for s in sections)
    return found


@dataclass(slots=True)
class RevisionFacts:
    """A numbered revision of the plan: its name, business date and recording instant."""

    number: int
    name: str
    on: date
    recorded_at: datetime
    source: str = ""
    seq: int = 0


@dataclass(slots=True)
class FindingsFact:
    """The monitoring committee's findings for a period, as written (latest last)."""

    period: str
    findings: str
    suggestions: str
    reason: str
    actor: str
    on: date
    recorded_at: datetime
    seq: int = 0


@dataclass(slots=True)
class FilingFact:
    """A report filed: what, for which period and cut-off, as known when, its digests."""

    number: int
    report: str
    period: str
    cut_off: date
    known_at: datetime
    data_digest: str
    files: dict[str, str]
    chain_position: int
    chain_link: str
    actor: str
    on: date
    recorded_at: datetime
    seq: int = 0


@dataclass(slots=True)
class PlanFacts:
    id: UUID
    organisation: str
    fiscal_year: int
    title: str
    source: str
    planned_on: date
    sections: list[SectionFacts] = field(default_factory=list)
    """In document order."""
    recorded_at: datetime | None = None
    revisions: list[RevisionFacts] = field(default_factory=list)
    """In number order (1, 2, …)."""
    findings: list[FindingsFact] = field(default_factory=list)
    """In the order written; the latest of a period is the one in force."""
    filings: list[FilingFact] = field(default_factory=list)
    """In number order."""
    publications: list[PublicationFact] = field(default_factory=list)
    """Its public page published and withdrawn, in log order; the latest is in force."""
    stamps: StampList = field(default_factory=list)
    stamps_in_order: bool = True
    """False once an event was recorded at an instant before the one folded before it."""
    organisation_code: str = ""
    """The tenant the plan belongs to (``domain.organisations``); ``""``: the store's own."""

    @property
    def published(self) -> bool:
        """Whether the public may see the plan's page now."""
        return bool(self.publications) and self.publications[-1].published

    @property
    def strategy_path(self) -> str:
        """The plan's sections' paths, for a label (a plan of one guideline: its path)."""
        return " · ".join(section.path for section in self.sections)

    def section(self, key: str) -> SectionFacts | None:
        return next((s for s in self.sections if s.key == key), None)

    def findings_of(self, period: str) -> FindingsFact | None:
        """The committee's findings in force for ``period``, if written."""
        return next((f for f in reversed(self.findings) if f.period == period), None)

    def sections_on(self, day: date) -> list[SectionFacts]:
        return [s for s in self.sections if s.added_on <= day]


_AMOUNT = attrgetter("amount")
_QUANTITY = attrgetter("quantity")


def _months(fact: ScheduleFact | None) -> tuple[Month, ...]:
    return tuple(Month.from_iso(m) for m in fact.months) if fact else ()


ACTIVITY_JSON = TypeAdapter(ActivityFacts)
PROJECT_JSON = TypeAdapter(ProjectFacts)
PLAN_JSON = TypeAdapter(PlanFacts)
