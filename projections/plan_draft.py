"""The plan as a document again: its fact sheets on a business date, as a draft.

What Tidtam hands back as the plan table (the ผด.02 layout) is this draft written out
by :mod:`domain.plan_table.writer`: every section with its path and objective, the
projects in it on that day with their budgets then, their activities with the
allocations and months then, and the steps. Projects and activities withdrawn by then
are left out; cancelled ones stay (a cancelled activity is still in the plan).
"""

from __future__ import annotations

from datetime import date

from domain.calendar import FiscalYear
from domain.draft import (
    ActivityDraft,
    PlanDraft,
    ProjectDraft,
    SectionDraft,
    StepDraft,
    StrategyLevel,
)
from projections.assess import code_key
from projections.facts import ActivityFacts, ProjectFacts
from projections.queries import PlanSnapshot


def draft_of(snapshot: PlanSnapshot, on: date) -> PlanDraft:
    """The plan ``snapshot`` holds (any edition) as it stands on ``on``."""
    projects = [p for p in snapshot.projects if p.exists_on(on)]
    activities = [a for a in snapshot.activities if a.exists_on(on)]
    sections = []
    for section in snapshot.plan.sections_on(on):
        own = sorted(
            (p for p in projects if p.section == section.key), key=lambda p: code_key(p.code)
        )
        drafts = tuple(
            _project(p, [a for a in activities if a.project_id == p.id], on) for p in own
        )
        levels = tuple(StrategyLevel(code, name) for code, name in section.strategy)
        sections.append(SectionDraft(levels, section.objective, tuple(d for d in drafts if d)))
    plan = snapshot.plan
    return PlanDraft(
        plan.organisation, FiscalYear(plan.fiscal_year), tuple(sections), plan.title, plan.source
    )


def _project(
    project: ProjectFacts, activities: list[ActivityFacts], on: date
) -> ProjectDraft | None:
    if not activities:
        return None  # a project without activities cannot be written as a table row
    ordered = sorted(activities, key=lambda a: code_key(a.code))
    return ProjectDraft(
        project.code,
        project.name,
        project.budget_on(on),
        tuple(_activity(a, on) for a in ordered),
        funding_source=project.funding_source,
    )


def _activity(activity: ActivityFacts, on: date) -> ActivityDraft:
    steps = tuple(
        StepDraft(step.number, step.text, activity.step_months_on(step, on))
        for step in sorted(activity.steps, key=lambda s: s.number)
    )
    return ActivityDraft(
        code=activity.code,
        name=activity.name,
        details=activity.details,
        area=activity.area,
        unit=activity.unit,
        budget=activity.allocation_on(on),
        planned_months=activity.months_on(on),
        steps=steps,
    )
