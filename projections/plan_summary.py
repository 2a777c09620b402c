"""The plan summary by strategy (the ผด.01 summary that opens a แผนดำเนินงาน).

Per strategy and, under it, per guideline or แผนงาน: how many projects, their share of
all the plan's projects, their budget and its share of the plan's budget, and the units
responsible; then the whole plan. A council reads it to see where the year's money
goes, so it counts what is in the plan on the business date asked for: projects
withdrawn by then are out, projects added by a revision are in, and each project
counts with its budget as it stood that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from domain.thai import name_key
from projections.assess import placing
from projections.facts import ActivityFacts, PlanFacts, ProjectFacts, SectionFacts
from projections.queries import PlanSnapshot

HUNDREDTHS = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One line of the summary: a strategy, one of its sections, or the whole plan."""

    level: str
    """``strategy``, ``section`` or ``plan``."""
    code: str
    name: str
    projects: int
    project_share: Decimal
    """Per cent of the plan's projects, two decimals, half up."""
    budget: Decimal
    budget_share: Decimal
    """Per cent of the plan's budget, two decimals, half up."""
    units: tuple[str, ...]
    """The responsible units, in the order the plan first names them."""


@dataclass(frozen=True, slots=True)
class PlanSummary:
    plan: PlanFacts
    on: date
    edition: int | None
    rows: tuple[SummaryRow, ...]
    """Each strategy followed by its sections, in the plan's order."""
    total: SummaryRow


def plan_summary(snapshot: PlanSnapshot, on: date) -> PlanSummary:
    """The summary of ``snapshot`` (any edition) on business date ``on``."""
    projects = [p for p in snapshot.projects if p.exists_on(on)]
    sections = snapshot.plan.sections_on(on)
    place = placing(sections)
    activities = sorted(
        (a for a in snapshot.activities if a.exists_on(on)), key=lambda a: place(a.section, a.code)
    )
    whole = _Totals(len(projects), sum((p.budget_on(on) for p in projects), Decimal(0)))
    rows: list[SummaryRow] = []
    for strategy, members in _by_strategy(sections):
        keys = {s.key for s in members}
        rows.append(
            whole.row("strategy", *strategy, _of(projects, keys), _of(activities, keys), on)
        )
        if len(members) > 1 or members[0].strategy[1:]:
            for section in members:
                code, name = _section_label(section)
                own = {section.key}
                rows.append(
                    whole.row("section", code, name, _of(projects, own), _of(activities, own), on)
                )
    total = whole.row("plan", "", "", projects, activities, on)
    return PlanSummary(snapshot.plan, on, snapshot.edition, tuple(rows), total)


@dataclass(frozen=True, slots=True)
class _Totals:
    projects: int
    budget: Decimal

    def row(
        self,
        level: str,
        code: str,
        name: str,
        projects: Sequence[ProjectFacts],
        activities: Sequence[ActivityFacts],
        on: date,
    ) -> SummaryRow:
        budget = sum((p.budget_on(on) for p in projects), Decimal(0))
        return SummaryRow(
            level=level,
            code=code,
            name=name,
            projects=len(projects),
            project_share=share(Decimal(len(projects)), Decimal(self.projects)),
            budget=budget,
            budget_share=share(budget, self.budget),
            units=_units(projects, activities),
        )


def share(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a per cent of ``whole``, two decimals, half up (0 of nothing is 0)."""
    if not whole:
        return Decimal("0.00")
    return (part * 100 / whole).quantize(HUNDREDTHS, rounding=ROUND_HALF_UP)


def _by_strategy(
    sections: Iterable[SectionFacts],
) -> list[tuple[tuple[str, str], list[SectionFacts]]]:
    """Sections grouped under their strategy (the first level), in first-seen order."""
    groups: dict[str, tuple[tuple[str, str], list[SectionFacts]]] = {}
    for section in sections:
        top = section.strategy[0] if section.strategy else ("", "")
        groups.setdefault(name_key(top[0]), (top, []))[1].append(section)
    return list(groups.values())


def _section_label(section: SectionFacts) -> tuple[str, str]:
    """The section's own code (its levels below the strategy) and name."""
    below = section.strategy[1:]
    code = " › ".join(level for level, _ in below)
    return code, section.title


Item = TypeVar("Item", ProjectFacts, ActivityFacts)


def _of(items: Sequence[Item], keys: set[str]) -> list[Item]:
    """The items standing in the sections ``keys``."""
    return [item for item in items if item.section in keys]


def _units(
    projects: Sequence[ProjectFacts], activities: Sequence[ActivityFacts]
) -> tuple[str, ...]:
    """Units of the projects' activities, each once (compared as names are), plan order."""
    ids = {p.id for p in projects}
    seen: dict[str, str] = {}
    for activity in activities:
        if activity.project_id in ids and activity.unit.strip():
            seen.setdefault(name_key(activity.unit), activity.unit.strip())
    return tuple(seen.values())
