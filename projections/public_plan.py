"""What the public page of a plan shows: progress and money by strategy and project.

Every figure is plan versus actual's own roll-up (:func:`projections.assess.rollup`, read
through :meth:`PlanSnapshot.versus_actual`), only regrouped: each strategy with its
projects under it, in the plan's order. Nothing here names a person, carries a note,
a reason or evidence, or links anywhere: the page is for people who cannot sign in, and
what a clerk wrote about their work is not theirs to read. Roll-ups hold sums and
counts only, so nothing else can leak through them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from projections.assess import Rollup
from projections.queries import Judge, PlanSnapshot


@dataclass(frozen=True, slots=True)
class PublicSection:
    """A section of the plan (a guideline or แผนงาน) and its projects' roll-ups."""

    label: str
    """Its innermost level (``3.5 เพิ่มประสิทธิภาพ…``); "" where the plan has one section."""
    total: Rollup
    projects: tuple[Rollup, ...]


@dataclass(frozen=True, slots=True)
class PublicGroup:
    """A strategy and its sections; in a plan whose sections name no strategy, the
    whole plan (``heading`` None)."""

    heading: Rollup | None
    sections: tuple[PublicSection, ...]


@dataclass(frozen=True, slots=True)
class PublicPlan:
    organisation: str
    title: str
    fiscal_year: int
    """BE, as the plan names it."""
    on: date
    total: Rollup
    groups: tuple[PublicGroup, ...]


def public_plan(snapshot: PlanSnapshot, on: date, judge: Judge | None = None) -> PublicPlan:
    """The public page's figures for the plan on business date ``on``."""
    report = snapshot.versus_actual(on, judge)
    plan = snapshot.plan
    several = len(report.sections) > 1
    strategies = {r.key: r for r in report.strategies}
    grouped: dict[str | None, list[PublicSection]] = {}
    for section in report.sections:  # in the plan's order
        facts = plan.section(section.key)
        levels = facts.strategy if facts is not None else ()
        projects = tuple(p for p in report.projects if p.section == section.key)
        label = " ".join(levels[-1]).strip() if several and levels else ""
        strategy = levels[0][0] if levels else None
        grouped.setdefault(strategy, []).append(PublicSection(label, section, projects))
    groups = tuple(
        PublicGroup(strategies.get(code) if code is not None else None, tuple(sections))
        for code, sections in grouped.items()
    )
    return PublicPlan(plan.organisation, plan.title, plan.fiscal_year, on, report.total, groups)
