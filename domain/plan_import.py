"""Turning a plan read from a document into events, all at once or not at all.

Importing is idempotent: ids come from natural keys, so a plan imported again
finds its aggregates and appends nothing. A later edition of the same table may
add projects and activities (they are appended); it may not silently change
what was imported before: such differences are refused and listed, because a
changed budget or schedule is a revision or a reschedule with a reason, not a
re-import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import ids
from domain.activity import Activity, PlannedStep
from domain.draft import ActivityDraft, PlanDraft, ProjectDraft
from domain.errors import RuleViolation
from domain.plan import Plan, Project
from domain.recorded import Byline

Find = Callable[[UUID], Aggregate | None]
"""The aggregate stored under an id, or None: how an import sees what is there already."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import appended, or would append on a dry run."""

    plan_id: UUID
    plan_created: bool
    projects_added: tuple[str, ...]
    activities_added: tuple[str, ...]
    events: int
    position: int | None
    dry_run: bool

    @property
    def unchanged(self) -> bool:
        """True when the store already held exactly this plan."""
        return self.events == 0


@dataclass
class ImportBatch:
    """The aggregates an import will save in one transaction, and what they add."""

    plan_id: UUID
    aggregates: list[Aggregate] = field(default_factory=list)
    projects_added: list[str] = field(default_factory=list)
    activities_added: list[str] = field(default_factory=list)
    plan_created: bool = False

    @property
    def event_count(self) -> int:
        return sum(len(a.pending_events) for a in self.aggregates)

    def report(self, *, position: int | None, dry_run: bool) -> ImportReport:
        """What this batch appends (at ``position`` once saved), or would on a dry run;
        made before the save, which takes the aggregates' pending events."""
        return ImportReport(
            plan_id=self.plan_id,
            plan_created=self.plan_created,
            projects_added=tuple(self.projects_added),
            activities_added=tuple(self.activities_added),
            events=self.event_count,
            position=position,
            dry_run=dry_run,
        )


def default_planning_date(draft: PlanDraft, today: date) -> date:
    """A plan takes effect when its fiscal year starts (or today, for a future year)."""
    return min(today, draft.fiscal_year.start)


def plan_import(draft: PlanDraft, find: Find, *, by: Byline) -> ImportBatch:
    """The aggregates, new events pending, that bring the store up to ``draft``; refused
    (``plan_differs``) where the draft says otherwise about what was imported before."""
    (section,) = draft.sections  # one section a plan, until plans hold several
    plan_id = ids.guideline_plan_id(draft.organisation, draft.fiscal_year, section.path)
    differences = _differences(find, draft, plan_id)
    if differences:
        raise RuleViolation(
            "plan_differs",
            plan=f"{section.path} ({draft.fiscal_year.be})",
            differences="; ".join(differences),
        )
    batch = ImportBatch(plan_id)
    _plan(find, draft, plan_id, by, batch)
    for project_draft in draft.projects:
        _project(find, project_draft, plan_id, draft, by, batch)
    return batch


def _plan(find: Find, draft: PlanDraft, plan_id: UUID, by: Byline, batch: ImportBatch) -> None:
    existing = find(plan_id)
    if existing is None:
        batch.plan_created = True
        batch.aggregates.append(
            Plan.create(
                id=plan_id,
                organisation=draft.organisation,
                fiscal_year=draft.fiscal_year,
                strategy=draft.sections[0].strategy,
                title=draft.title,
                objective=draft.sections[0].objective,
                source=draft.source,
                by=by,
            )
        )


def _project(
    find: Find,
    draft: ProjectDraft,
    plan_id: UUID,
    plan: PlanDraft,
    by: Byline,
    batch: ImportBatch,
) -> None:
    project_id = ids.project_id(plan_id, draft.code)
    project = find(project_id)
    if project is None:
        project = Project.plan(
            id=project_id,
            plan_id=plan_id,
            code=draft.code,
            name=draft.name,
            budget=draft.budget,
            by=by,
        )
        batch.projects_added.append(draft.code)
    assert isinstance(project, Project)
    # The project goes first, so its ProjectPlanned precedes its activities in the log.
    batch.aggregates.append(project)
    for activity_draft in draft.activities:
        _activity(find, activity_draft, project, plan, by, batch)


def _activity(
    find: Find,
    draft: ActivityDraft,
    project: Project,
    plan: PlanDraft,
    by: Byline,
    batch: ImportBatch,
) -> None:
    activity_id = ids.activity_id(project.plan_id, draft.code)
    if find(activity_id) is not None:
        return
    activity = Activity.plan(
        id=activity_id,
        plan_id=project.plan_id,
        project_id=project.id,
        code=draft.code,
        name=draft.name,
        details=draft.details,
        area=draft.area,
        unit=draft.unit,
        fiscal_year=plan.fiscal_year,
        planned_months=draft.planned_months,
        steps=tuple(PlannedStep(s.number, s.text, s.planned_months) for s in draft.steps),
        by=by,
    )
    activity.allocate(draft.budget, by=by)
    project.reserve(activity.id, activity.code, draft.budget, by=by)
    batch.aggregates.append(activity)
    batch.activities_added.append(draft.code)


def _differences(find: Find, draft: PlanDraft, plan_id: UUID) -> list[str]:
    """What this edition says differently about projects and activities imported before."""
    found: list[str] = []
    for project_draft in draft.projects:
        project = find(ids.project_id(plan_id, project_draft.code))
        if isinstance(project, Project):
            if project.name != project_draft.name:
                found.append(f"project {project_draft.code}: name")
            if project.original_budget != project_draft.budget:
                found.append(
                    f"project {project_draft.code}: budget "
                    f"{project.original_budget} → {project_draft.budget}"
                )
        for activity_draft in project_draft.activities:
            activity = find(ids.activity_id(plan_id, activity_draft.code))
            if isinstance(activity, Activity):
                found.extend(_activity_differences(activity, activity_draft))
    return found


def _activity_differences(activity: Activity, draft: ActivityDraft) -> list[str]:
    """What a re-imported activity says differently from the one imported before."""
    found = []
    for name, before, after in (
        ("name", activity.name, draft.name),
        ("details", activity.details, draft.details),
        ("area", activity.area, draft.area),
        ("unit", activity.unit, draft.unit),
        ("months", activity.original_months, tuple(sorted(set(draft.planned_months)))),
        ("budget", activity.original_allocation, draft.budget),
        (
            "steps",
            tuple((s.number, s.text, s.original_months) for s in activity.steps.values()),
            tuple((s.number, s.text, tuple(sorted(set(s.planned_months)))) for s in draft.steps),
        ),
    ):
        if before != after:
            found.append(f"activity {activity.code}: {name}")
    return found
