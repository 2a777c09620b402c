"""Turning a plan read from a document into events, all at once or not at all.

Importing is idempotent: ids come from natural keys (organisation and fiscal year for
the plan, section and code for projects and activities), so a plan imported again
finds its aggregates and appends nothing. A later document may add sections, projects
and activities (they are appended) and never withdraws a section it does not mention;
it may not silently change what was imported before: such differences are refused and
listed, because a changed budget or schedule is a revision or a reschedule with a
reason, not a re-import.

A store from before plans had sections holds each guideline's table as a plan of its
own (`ids.guideline_plan_id`). A document of that one guideline is that plan again; a
document of several sections, one of which was such a plan, is refused
(``plan_split_by_guideline``): which of them it should join cannot be known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import ids
from domain.activity import Activity, PlannedStep
from domain.draft import ActivityDraft, PlanDraft, ProjectDraft, SectionDraft
from domain.errors import RuleViolation, register_messages
from domain.plan import Plan, PlanSection, Project
from domain.recorded import Byline

Find = Callable[[UUID], Aggregate | None]
"""The aggregate stored under an id, or None: how an import sees what is there already."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import appended, or would append on a dry run."""

    plan_id: UUID
    plan_created: bool
    projects_added: tuple[str, ...]
    """Codes; ``path › code`` where the document holds several sections."""
    activities_added: tuple[str, ...]
    sections_added: tuple[str, ...] = ()
    """Paths of the sections this import gave the plan (all of them, for a new plan)."""
    events: int = 0
    position: int | None = None
    dry_run: bool = False

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
    sections_added: list[str] = field(default_factory=list)
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
            sections_added=tuple(self.sections_added),
            events=self.event_count,
            position=position,
            dry_run=dry_run,
        )


def default_planning_date(draft: PlanDraft, today: date) -> date:
    """A plan takes effect when its fiscal year starts (or today, for a future year)."""
    return min(today, draft.fiscal_year.start)


@dataclass(frozen=True, slots=True)
class Placed:
    """A section of the document, and where it goes in the plan: its key, and whether
    the plan holds it already."""

    section: SectionDraft
    key: str
    known: bool
    label: str
    """How the report names its projects and activities: ``""`` or ``"path › "``."""

    def named(self, code: str) -> str:
        return f"{self.label}{code}"


def plan_import(draft: PlanDraft, find: Find, *, by: Byline) -> ImportBatch:
    """The aggregates, new events pending, that bring the store up to ``draft``; refused
    (``plan_differs``) where the draft says otherwise about what was imported before."""
    plan = _the_plan(draft, find)
    plan_id = plan.id if plan is not None else ids.plan_id(draft.organisation, draft.fiscal_year)
    placed = _placed(draft, plan)
    differences = [d for p in placed if p.known for d in _differences(find, plan_id, p)]
    if differences:
        raise RuleViolation(
            "plan_differs",
            plan=f"{draft.organisation} ({draft.fiscal_year.be})",
            differences="; ".join(differences),
        )
    batch = ImportBatch(plan_id)
    _sections(draft, plan, plan_id, placed, by, batch)
    for where in placed:
        for project_draft in where.section.projects:
            _project(find, project_draft, plan_id, where, draft, by, batch)
    return batch


def _the_plan(draft: PlanDraft, find: Find) -> Plan | None:
    """The plan the document belongs to, if the store holds it: the organisation's plan
    for the year, or (a document of one guideline) the plan that guideline was before
    plans had sections."""
    found = find(ids.plan_id(draft.organisation, draft.fiscal_year))
    if isinstance(found, Plan):
        return found
    guideline_plans = [
        (section.path, plan)
        for section in draft.sections
        if isinstance(
            plan := find(
                ids.guideline_plan_id(draft.organisation, draft.fiscal_year, section.path)
            ),
            Plan,
        )
    ]
    if not guideline_plans:
        return None
    if len(draft.sections) == 1:
        return guideline_plans[0][1]
    raise RuleViolation(
        "plan_split_by_guideline",
        organisation=draft.organisation,
        fiscal_year=draft.fiscal_year.be,
        paths=[path for path, _ in guideline_plans],
    )


def _guideline_plan_id(draft: PlanDraft, section: SectionDraft) -> UUID:
    return ids.guideline_plan_id(draft.organisation, draft.fiscal_year, section.path)


def _placed(draft: PlanDraft, plan: Plan | None) -> list[Placed]:
    """Each section of the document with its key in the plan (found by its path)."""
    several = len(draft.sections) > 1
    placed = []
    for section in draft.sections:
        label = f"{section.path} › " if several else ""
        known = plan.section_by_path(section.path) if plan is not None else None
        if known is not None:
            placed.append(Placed(section, known.key, True, label))
        else:
            placed.append(Placed(section, ids.section_key(section.path), False, label))
    return placed


def _sections(
    draft: PlanDraft,
    plan: Plan | None,
    plan_id: UUID,
    placed: list[Placed],
    by: Byline,
    batch: ImportBatch,
) -> None:
    """Create the plan with the document's sections, or add the ones it lacks."""
    new = [
        PlanSection(p.key, p.section.strategy, p.section.objective) for p in placed if not p.known
    ]
    batch.sections_added.extend(s.path for s in new)
    if plan is None:
        batch.plan_created = True
        created = Plan.create(
            id=plan_id,
            organisation=draft.organisation,
            fiscal_year=draft.fiscal_year,
            title=draft.title,
            source=draft.source,
            sections=tuple(new),
            by=by,
        )
        batch.aggregates.append(created)
        return
    for section in new:
        plan.add_section(section, by=by)
    if new:
        batch.aggregates.append(plan)


def _project(
    find: Find,
    draft: ProjectDraft,
    plan_id: UUID,
    where: Placed,
    plan: PlanDraft,
    by: Byline,
    batch: ImportBatch,
) -> None:
    project_id = ids.project_id(plan_id, draft.code, where.key)
    project = find(project_id)
    if project is None:
        project = Project.plan(
            id=project_id, plan_id=plan_id, section=where.key, code=draft.code,
            name=draft.name, budget=draft.budget, by=by,
        )  # fmt: skip
        batch.projects_added.append(where.named(draft.code))
    if not isinstance(project, Project):
        raise TypeError(f"{project_id} is not a project")
    # The project goes first, so its ProjectPlanned precedes its activities in the log.
    batch.aggregates.append(project)
    for activity_draft in draft.activities:
        _activity(find, activity_draft, project, where, plan, by, batch)


def _activity(
    find: Find,
    draft: ActivityDraft,
    project: Project,
    where: Placed,
    plan: PlanDraft,
    by: Byline,
    batch: ImportBatch,
) -> None:
    activity_id = ids.activity_id(project.plan_id, draft.code, where.key)
    if find(activity_id) is not None:
        return
    activity = Activity.plan(
        id=activity_id,
        plan_id=project.plan_id,
        section=where.key,
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
    batch.activities_added.append(where.named(draft.code))


def _differences(find: Find, plan_id: UUID, where: Placed) -> list[str]:
    """What this edition says differently about a section's projects and activities."""
    found: list[str] = []
    for project_draft in where.section.projects:
        project = find(ids.project_id(plan_id, project_draft.code, where.key))
        named = where.named(project_draft.code)
        if isinstance(project, Project):
            if project.name != project_draft.name:
                found.append(f"project {named}: name")
            if project.original_budget != project_draft.budget:
                found.append(
                    f"project {named}: budget {project.original_budget} → {project_draft.budget}"
                )
        for activity_draft in project_draft.activities:
            activity = find(ids.activity_id(plan_id, activity_draft.code, where.key))
            if isinstance(activity, Activity):
                found.extend(
                    f"activity {where.named(activity.code)}: {name}"
                    for name in _activity_differences(activity, activity_draft)
                )
    return found


def _activity_differences(activity: Activity, draft: ActivityDraft) -> list[str]:
    """Which of its facts a re-imported activity says differently."""
    return [
        name
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
                tuple(
                    (s.number, s.text, tuple(sorted(set(s.planned_months)))) for s in draft.steps
                ),
            ),
        )
        if before != after
    ]


register_messages(
    {
        "plan_split_by_guideline": (
            "ที่เก็บข้อมูลนี้นำเข้าแนวทาง {paths} ของ{organisation} ปีงบประมาณ {fiscal_year}"
            " ไว้เป็นแผนแยกกันตั้งแต่ก่อนแผนจะมีหลายหมวด จึงระบุไม่ได้ว่าเอกสารทั้งฉบับนี้ควรรวมเข้ากับแผนใด"
            " ให้นำเข้าตารางของแต่ละแนวทางแยกกันเช่นเดิม",
            "this store holds {paths} of {organisation}, fiscal year {fiscal_year}, as plans of"
            " their own, imported before plans had sections: which of them this whole document"
            " should join cannot be known; import each guideline's table on its own, as before",
        ),
    }
)
