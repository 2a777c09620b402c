"""Two editions of the plan side by side, beside the actual as it stands.

"The plan as adopted against revision 2", "revision 1 against the plan as it stands":
for each activity either edition holds, what each plans (months and money) and how
they differ (added, withdrawn, budget, months), next to what was done (status,
progress, spending) by the business date asked about. Projects' budgets are compared
the same way, and the totals of both editions beside the money spent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.money import ZERO
from domain.schedule import Lifecycle
from projections.assess import placing
from projections.editions import Edition, edition_label, edition_of
from projections.facts import ActivityFacts, ProjectFacts
from projections.queries import PlanSnapshot
from projections.resources import RevisionOut, money, months, revisions_out

Difference = Literal["added", "withdrawn", "budget", "months"]


class PlannedOut(BaseModel):
    """What one edition plans for an activity."""

    months: list[str]
    budget: str


class EditionRowOut(BaseModel):
    """One activity in either edition, the differences, and the actual as it stands."""

    id: UUID
    section: str
    code: str
    name: str
    project: str
    unit: str
    before: PlannedOut | None = Field(description="As the first edition plans it (absent: None)")
    after: PlannedOut | None = Field(description="As the second edition plans it")
    differences: list[Difference]
    lifecycle: Lifecycle
    progress: int
    spent: str


class ProjectBudgetOut(BaseModel):
    section: str
    code: str
    name: str
    before: str | None
    after: str | None


class EditionComparisonOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    plan_id: UUID
    on: date = Field(description="The business date the actual is read on")
    from_: str = Field(alias="from", description="adopted, revision-N or current")
    to: str
    revisions: list[RevisionOut]
    budget_before: str
    budget_after: str
    spent: str
    projects: list[ProjectBudgetOut]
    rows: list[EditionRowOut]


def compare_editions(
    current: PlanSnapshot, first: Edition, second: Edition, on: date
) -> EditionComparisonOut:
    """Editions ``first`` and ``second`` of the plan in ``current`` (as it stands)."""
    before, after = edition_of(current, first), edition_of(current, second)
    place = placing(current.plan.sections)
    old = {a.id: a for a in before.activities if _in(a, before, on)}
    new = {a.id: a for a in after.activities if _in(a, after, on)}
    rows = [
        _row(a, old.get(a.id), new.get(a.id), on)
        for a in sorted(current.activities, key=lambda a: place(a.section, a.code))
        if a.id in old or a.id in new
    ]
    old_projects = {p.id: p for p in before.projects if _in(p, before, on)}
    new_projects = {p.id: p for p in after.projects if _in(p, after, on)}
    projects = [
        ProjectBudgetOut(
            section=p.section,
            code=p.code,
            name=p.name,
            before=_budget(old_projects.get(p.id), on),
            after=_budget(new_projects.get(p.id), on),
        )
        for p in sorted(current.projects, key=lambda p: place(p.section, p.code))
        if p.id in old_projects or p.id in new_projects
    ]
    total = sum((a.spent_on(on) for a in current.activities), ZERO)
    return EditionComparisonOut(
        plan_id=current.plan.id,
        on=on,
        **{"from": edition_label(first)},
        to=edition_label(second),
        revisions=revisions_out(current.plan),
        budget_before=money(_total(old_projects.values(), on)),
        budget_after=money(_total(new_projects.values(), on)),
        spent=money(total),
        projects=projects,
        rows=rows,
    )


def _in(item: ActivityFacts | ProjectFacts, snapshot: PlanSnapshot, on: date) -> bool:
    """In the edition: every item an edition holds; as it stands, what stands on ``on``."""
    return snapshot.edition is not None or item.exists_on(on)


def _planned(facts: ActivityFacts | None, on: date) -> PlannedOut | None:
    if facts is None:
        return None
    return PlannedOut(months=months(facts.months_on(on)), budget=money(facts.allocation_on(on)))


def _row(
    current: ActivityFacts, old: ActivityFacts | None, new: ActivityFacts | None, on: date
) -> EditionRowOut:
    before, after = _planned(old, on), _planned(new, on)
    differences: list[Difference] = []
    if before is None:
        differences.append("added")
    elif after is None:
        differences.append("withdrawn")
    else:
        if before.budget != after.budget:
            differences.append("budget")
        if before.months != after.months:
            differences.append("months")
    return EditionRowOut(
        id=current.id,
        section=current.section,
        code=current.code,
        name=current.name,
        project=current.project_code,
        unit=current.unit,
        before=before,
        after=after,
        differences=differences,
        lifecycle=current.lifecycle_on(on),
        progress=current.progress_on(on),
        spent=money(current.spent_on(on)),
    )


def _budget(project: ProjectFacts | None, on: date) -> str | None:
    return money(project.budget_on(on)) if project is not None else None


def _total(projects: Iterable[ProjectFacts], on: date) -> Decimal:
    return sum((p.budget_on(on) for p in projects), ZERO)
