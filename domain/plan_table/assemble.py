"""From what the rows said to drafts, with the checks that need a whole project.

Two conventions are settled only here, once every row of a project is read: an
activity whose own details start with ``1.`` has that text as step 1 only if a
following row goes on with ``2.`` (otherwise ``1.ฝึกอบรม…`` is just its details);
and a project with no ``x.y`` activity is tracked as one activity under the
project's own code, name and budget.
"""

from __future__ import annotations

from decimal import Decimal

from domain.draft import ActivityDraft, ProjectDraft, StepDraft
from domain.money import format_baht
from domain.plan_table.cells import step_number
from domain.plan_table.errors import ACTIVITY, PROJECT, Locator
from domain.plan_table.rows import ItemRows, ProjectRows
from domain.thai import clean_place, clean_text
from domain.words import Words

FILLS_READ = Words(
    " (อ่านสีพื้นของเซลล์แล้วด้วย แต่ไม่มีเซลล์เดือนใดระบายสีหรือมีเครื่องหมาย)",
    " (cell fill colours were read too: no month cell is shaded or marked)",
)
"""Said when a spreadsheet's fills were read and still no month was found."""


def build_projects(
    projects: list[ProjectRows], where: Locator, budget_column: int, *, fills_read: bool = False
) -> tuple[ProjectDraft, ...]:
    hint = FILLS_READ if fills_read else ""
    return tuple(_project(p, where, budget_column, hint) for p in projects)


def _project(
    project: ProjectRows, where: Locator, budget_column: int, hint: Words | str
) -> ProjectDraft:
    item = project.item
    if not project.activities:
        if item.budget is None:
            raise where.error(
                "budget_required", item.row, budget_column, what=PROJECT, code=item.code
            )
        only = _activity(item, item, where, hint)
        return ProjectDraft(
            item.code, clean_text(item.name), item.budget, (only,), item.row, project.source
        )
    if item.months or item.steps:
        row, column = item.first_mark or (item.steps[0].row, None)
        raise where.error(
            "project_marks_with_activities",
            row,
            column,
            project=item.code,
            activities=[a.code for a in project.activities],
        )
    activities = tuple(_activity(a, item, where, hint) for a in project.activities)
    allocated = sum((a.budget for a in activities), Decimal("0.00"))
    budget = allocated if item.budget is None else item.budget
    if allocated > budget:
        raise where.error(
            "activities_exceed_project_budget",
            item.row,
            budget_column,
            project=item.code,
            activities=[f"{a.code}: {format_baht(a.budget)}" for a in activities],
            allocated=allocated,
            budget=budget,
        )
    return ProjectDraft(
        item.code, clean_text(item.name), budget, activities, item.row, project.source
    )


def _activity(
    item: ItemRows, project: ItemRows, where: Locator, hint: Words | str
) -> ActivityDraft:
    details, steps = _details_and_steps(item)
    months = set(item.months).union(*(step.planned_months for step in steps))
    if not months:
        raise where.error(
            "planned_months_required", item.row, what=ACTIVITY, code=item.code, hint=hint
        )
    budget = item.budget
    if budget is None:  # pragma: no cover - the rows reader refuses activities without one
        raise where.error("budget_required", item.row, what=ACTIVITY, code=item.code)
    return ActivityDraft(
        code=item.code,
        name=clean_text(item.name),
        details=clean_text(details),
        area=clean_place(item.area or project.area),
        unit=clean_text(item.unit or project.unit),
        budget=budget,
        planned_months=tuple(sorted(months)),
        steps=steps,
        source_row=item.row,
    )


def _details_and_steps(item: ItemRows) -> tuple[str, tuple[StepDraft, ...]]:
    steps = [
        StepDraft(s.number, clean_text(s.text), tuple(sorted(s.months)), s.row) for s in item.steps
    ]
    own = step_number(item.text) if item.text else None
    if own is not None and own[0] == 1 and steps and steps[0].number == 2:
        first = StepDraft(1, own[1], tuple(sorted(item.months)), item.row)
        return "", (first, *steps)
    return item.text, tuple(steps)
