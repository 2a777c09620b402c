"""The monitoring report for a period: what the committee reports to the executive and
the council (the six-month round in April, the year in October, some offices quarterly).

Figures are cumulative from the fiscal year's first day to the cut-off (the period's
last day, or an earlier business date), as the rounds report them; the money disbursed
within the period is given beside it. A project's status on the cut-off comes from its
activities: cancelled when the project or every one of its activities is; completed
when every activity not cancelled is; in progress when any has started; else not
started. Projects withdrawn by a revision before the cut-off are out of the count;
those a revision added are counted, and counted again under "added by revision".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from domain.calendar import FiscalYear
from domain.money import ZERO
from domain.outputs import propose_output
from domain.periods import Period, period_bounds
from domain.thai import name_key
from projections.assess import LATE_STATUSES, ActivityAssessment, ScheduleStatus, placing
from projections.facts import ActivityFacts, PlanFacts, ProjectFacts, SectionFacts
from projections.plan_summary import share
from projections.queries import PlanSnapshot


class ProjectStatus(StrEnum):
    COMPLETED = "completed"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Count:
    number: int
    percent: Decimal
    """Of the projects planned, two decimals, half up."""


@dataclass(frozen=True, slots=True)
class Counts:
    planned: int
    completed: Count
    in_progress: Count
    not_started: Count
    cancelled: Count
    added_by_revision: Count


@dataclass(frozen=True, slots=True)
class Money:
    planned: Decimal
    """The projects' budgets as adopted (a project a revision added: as it came in)."""
    allocated: Decimal
    """The projects' budgets on the cut-off, after revisions and managers' changes."""
    committed: Decimal
    """Bound by contracts and purchase orders (ก่อหนี้ผูกพัน) dated by the cut-off."""
    disbursed: Decimal
    """Spent from the fiscal year's first day to the cut-off."""
    disbursed_in_period: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.disbursed

    @property
    def disbursed_percent(self) -> Decimal:
        return share(self.disbursed, self.allocated)


@dataclass(frozen=True, slots=True)
class Block:
    """A strategy's figures, or the whole plan's."""

    code: str
    name: str
    counts: Counts
    money: Money


@dataclass(frozen=True, slots=True)
class ProjectLine:
    section: str
    code: str
    name: str
    status: ProjectStatus
    revision: int
    progress: int
    started_on: date | None
    completed_on: date | None
    money: Money
    source: str = ""
    """The project's funding source; "" when no one has set it."""


@dataclass(frozen=True, slots=True)
class LateLine:
    """An activity late or overdue on the cut-off, or completed late, with what people
    recorded about it (rescheduling and budget reasons, cancellation and completion notes)."""

    section: str
    code: str
    name: str
    unit: str
    status: ScheduleStatus
    days_late: int
    progress: int
    expected_progress: int
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutputLine:
    """An activity's output: planned (set by a manager, or only proposed by the plan's
    own text) against delivered by the cut-off."""

    section: str
    code: str
    name: str
    unit: str
    planned: Decimal
    delivered: Decimal
    confirmed: bool
    """False: the plan's text proposes it and no manager has set it yet."""

    @property
    def percent(self) -> Decimal:
        return share(self.delivered, self.planned)


@dataclass(frozen=True, slots=True)
class MonitoringReport:
    plan: PlanFacts
    period: Period
    start: date
    on: date
    """The cut-off: the period's last day, or an earlier business date."""
    edition: int | None
    strategies: tuple[Block, ...]
    total: Block
    projects: tuple[ProjectLine, ...]
    late: tuple[LateLine, ...]
    sources: tuple[tuple[str, Money], ...] = ()
    """Money per funding source ("" unset), in the order the plan first names them."""
    outputs: tuple[OutputLine, ...] = ()
    """Each activity's output, planned (or proposed) against delivered, plan order."""


def monitoring_report(
    snapshot: PlanSnapshot, period: Period, on: date | None = None
) -> MonitoringReport:
    """The report of ``period`` with its cut-off ``on`` (default: the period's last day)."""
    start, end = period_bounds(FiscalYear(snapshot.plan.fiscal_year), period)
    cut_off = min(on, end) if on else end
    sections = snapshot.plan.sections_on(cut_off)
    place = placing(sections)
    projects = sorted(
        (p for p in snapshot.projects if p.exists_on(cut_off)),
        key=lambda p: place(p.section, p.code),
    )
    activities = [a for a in snapshot.activities if a.exists_on(cut_off)]
    assessed = {r.id: r for r in snapshot.versus_actual(cut_off).rows}
    lines = tuple(_line(p, _own(p, activities), assessed, start, cut_off) for p in projects)
    total = _block("", "", lines)
    strategies = tuple(
        _block(code, name, [line for line in lines if line.section in keys])
        for (code, name), keys in _strategies(sections)
    )
    late = tuple(
        _late(facts, assessed[str(facts.id)], cut_off)
        for facts in sorted(activities, key=lambda a: place(a.section, a.code))
        if str(facts.id) in assessed and _is_late(assessed[str(facts.id)])
    )
    sources = tuple(
        (source, _block("", "", [line for line in lines if line.source == source]).money)
        for source in dict.fromkeys(line.source for line in lines)
    )
    outputs = tuple(
        line
        for facts in sorted(activities, key=lambda a: place(a.section, a.code))
        if (line := _output(facts, cut_off)) is not None
    )
    return MonitoringReport(
        snapshot.plan, period, start, cut_off, snapshot.edition, strategies, total, lines, late,
        sources, outputs,
    )  # fmt: skip


def _output(facts: ActivityFacts, on: date) -> OutputLine | None:
    """The activity's output on ``on``: set by a manager, else proposed by its text."""
    planned = facts.output_on(on)
    if planned is not None:
        quantity, unit, confirmed = planned.quantity, planned.unit, True
    else:
        proposed = propose_output(facts.details, [s.text for s in facts.steps])
        if proposed is None:
            return None
        quantity, unit, confirmed = proposed.quantity, proposed.unit, False
    return OutputLine(facts.section, facts.code, facts.name, unit, quantity,
                      facts.delivered_on(on), confirmed)  # fmt: skip


def _own(project: ProjectFacts, activities: Iterable[ActivityFacts]) -> list[ActivityFacts]:
    return [a for a in activities if a.project_id == project.id]


def _line(
    project: ProjectFacts,
    activities: Sequence[ActivityFacts],
    assessed: dict[str, ActivityAssessment],
    start: date,
    on: date,
) -> ProjectLine:
    rows = [assessed[str(a.id)] for a in activities if str(a.id) in assessed]
    weight = sum((r.allocated for r in rows), ZERO)
    progress = (
        round(sum(r.progress * r.allocated for r in rows) / weight)
        if weight
        else (round(sum(r.progress for r in rows) / len(rows)) if rows else 0)
    )
    starts = [d for a in activities if (d := a.started_by(on))]
    ends = [d for a in activities if (d := a.completed_on(on))]
    status = project_status(project, activities, on)
    before = start - timedelta(days=1)
    disbursed = sum((a.spent_on(on) for a in activities), ZERO)
    money = Money(
        planned=project.original_budget,
        allocated=project.budget_on(on),
        committed=sum((a.committed_on(on) for a in activities), ZERO),
        disbursed=disbursed,
        disbursed_in_period=disbursed - sum((a.spent_on(before) for a in activities), ZERO),
    )
    return ProjectLine(
        section=project.section, code=project.code, name=project.name, status=status,
        revision=project.revision, progress=int(progress),
        started_on=min(starts) if starts else None,
        completed_on=max(ends) if status is ProjectStatus.COMPLETED and ends else None,
        money=money, source=project.funding_source,
    )  # fmt: skip


def project_status(
    project: ProjectFacts, activities: Sequence[ActivityFacts], on: date
) -> ProjectStatus:
    """Where a project stands on ``on`` by its activities (the module's docstring gives
    the rule); the overseer's roll-up counts projects by it too."""
    lifecycles = [a.lifecycle_on(on) for a in activities]
    going = [life for life in lifecycles if life != "cancelled"]
    if (project.cancelled_on and project.cancelled_on <= on) or (lifecycles and not going):
        return ProjectStatus.CANCELLED
    if going and all(life == "completed" for life in going):
        return ProjectStatus.COMPLETED
    if any(life in ("started", "completed") for life in going):
        return ProjectStatus.IN_PROGRESS
    return ProjectStatus.NOT_STARTED


def _block(code: str, name: str, lines: Sequence[ProjectLine]) -> Block:
    planned = len(lines)

    def count(number: int) -> Count:
        return Count(number, share(Decimal(number), Decimal(planned)))

    def of(status: ProjectStatus) -> Count:
        return count(sum(1 for line in lines if line.status is status))

    counts = Counts(
        planned=planned,
        completed=of(ProjectStatus.COMPLETED),
        in_progress=of(ProjectStatus.IN_PROGRESS),
        not_started=of(ProjectStatus.NOT_STARTED),
        cancelled=of(ProjectStatus.CANCELLED),
        added_by_revision=count(sum(1 for line in lines if line.revision > 0)),
    )
    money = Money(
        planned=sum((line.money.planned for line in lines), ZERO),
        allocated=sum((line.money.allocated for line in lines), ZERO),
        committed=sum((line.money.committed for line in lines), ZERO),
        disbursed=sum((line.money.disbursed for line in lines), ZERO),
        disbursed_in_period=sum((line.money.disbursed_in_period for line in lines), ZERO),
    )
    return Block(code, name, counts, money)


def _strategies(
    sections: Sequence[SectionFacts],
) -> list[tuple[tuple[str, str], set[str]]]:
    """Each strategy (the sections' first level) with its sections' keys, plan order."""
    found: dict[str, tuple[tuple[str, str], set[str]]] = {}
    for section in sections:
        top = section.strategy[0] if section.strategy else ("", "")
        found.setdefault(name_key(top[0]), (top, set()))[1].add(section.key)
    return list(found.values())


def _is_late(row: ActivityAssessment) -> bool:
    return row.status in LATE_STATUSES or row.status is ScheduleStatus.COMPLETED_LATE


def _late(facts: ActivityFacts, row: ActivityAssessment, on: date) -> LateLine:
    return LateLine(
        section=facts.section, code=facts.code, name=facts.name, unit=facts.unit,
        status=row.status, days_late=row.days_late, progress=row.progress,
        expected_progress=row.expected_progress, reasons=_reasons(facts, on),
    )  # fmt: skip


def _reasons(facts: ActivityFacts, on: date) -> tuple[str, ...]:
    """What people wrote when they moved, re-budgeted or closed it, by the cut-off."""
    said = [f.reason for f in facts.schedule if f.on <= on and f.reason]
    said += [f.reason for f in facts.allocations if f.on <= on and f.reason]
    said += [c.note for c in facts.closures if c.on <= on and c.note]
    return tuple(dict.fromkeys(said))
