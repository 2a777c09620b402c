"""Turning a plan read from a document into events, all at once or not at all.

Importing is idempotent: ids come from natural keys (organisation and fiscal year for
the plan, section and code for projects and activities), so a plan imported again
finds its aggregates and appends nothing. A later document may add sections (they are
appended) and never withdraws a section it does not mention; in a section the plan
holds, it may not silently differ from the plan's latest document: the differences
(:mod:`domain.plan_changes`) are refused and listed, unless the import is confirmed as
a named revision, which records them (:mod:`domain.plan_revision`).

A store from before plans had sections holds each guideline's table as a plan of its
own (`ids.guideline_plan_id`). A document of that one guideline is that plan again; a
document of several sections, one of which was such a plan, is refused
(``plan_split_by_guideline``): which of them it should join cannot be known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import ids
from domain.activity import Activity, PlannedStep
from domain.draft import ActivityDraft, PlanDraft, ProjectDraft, SectionDraft
from domain.errors import RuleViolation, register_messages
from domain.plan import Plan, Project
from domain.plan_changes import Change, Find, Placed, section_changes, sentences
from domain.plan_revision import Planned, Reviser
from domain.plan_section import PlanSection
from domain.recorded import Byline


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
    changes: tuple[Change, ...] = ()
    """How the document differs from the plan's sections it already held."""
    revision: str | None = None
    revision_number: int | None = None
    """The number the revision was given (or would be, on a dry run); None: no revision
    recorded (none asked for, or the document changes nothing)."""
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
    changes: list[Change] = field(default_factory=list)
    revision: str | None = None
    revision_number: int | None = None
    _kept: set[int] = field(default_factory=set, repr=False)
    """``id()`` of each aggregate kept: a plan of 10,000 projects keeps each once, and a
    list membership per keep would make the import quadratic."""

    def keep(self, aggregate: Aggregate) -> None:
        """Save ``aggregate`` with the batch (once, wherever it is first kept)."""
        if id(aggregate) not in self._kept:
            self._kept.add(id(aggregate))
            self.aggregates.append(aggregate)

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
            changes=tuple(self.changes),
            revision=self.revision if self.revision_number else None,
            revision_number=self.revision_number,
            events=self.event_count,
            position=position,
            dry_run=dry_run,
        )


def default_planning_date(draft: PlanDraft, today: date) -> date:
    """A plan takes effect when its fiscal year starts (or today, for a future year)."""
    return min(today, draft.fiscal_year.start)


def plan_import(
    draft: PlanDraft,
    find: Find,
    *,
    by: Byline,
    planned: Planned,
    revision: str | None = None,
    organisation: str = "",
) -> ImportBatch:
    """The aggregates, new events pending, that bring the store up to ``draft``.

    A section the plan lacks is added; one it holds must say what the plan's latest
    document says, or the import is refused (``plan_differs``) listing the changes,
    unless it is ``revision`` (``แก้ไขครั้งที่ 1/2567``), which records them. The plan is
    ``organisation``'s (its code; ``""``: the store's own, as before organisations)."""
    plan, plan_id, placed, changes = _compared(draft, find, planned, organisation)
    batch = ImportBatch(plan_id, changes=changes, revision=revision)
    if revision is not None:
        if plan is None:
            raise RuleViolation(
                "revision_of_no_plan", field="revision", name=revision, **_of(draft)
            )
        if changes or any(not where.known for where in placed):
            _check_revisable(draft, changes)
            batch.revision_number = plan.revise(revision, source=draft.source, by=by)
            batch.keep(plan)
    elif changes:
        raise RuleViolation("plan_differs", **_of(draft), differences=sentences(changes))
    number = batch.revision_number or 0
    _sections(draft, (plan, plan_id, organisation), placed, number, by, batch)
    reviser = Reviser(find, number, revision or "", by, batch.keep) if number else None
    for where in placed:
        for project_draft in where.section.projects:
            _project(find, project_draft, plan_id, where, draft, reviser, by, batch)
        if reviser is not None and where.known:
            in_document = {p.code for p in where.section.projects}
            left_out = [p for p in planned(plan_id, where.key) if p.code not in in_document]
            for project in reviser.withdraw(left_out):
                batch.keep(project)
    return batch


def differences(
    draft: PlanDraft, find: Find, *, planned: Planned, organisation: str = ""
) -> list[Change]:
    """How the document differs from the plan's latest document (nothing for a new plan
    or new sections): what an import refuses, or a revision records."""
    return _compared(draft, find, planned, organisation)[3]


def _compared(
    draft: PlanDraft, find: Find, planned: Planned, organisation: str
) -> tuple[Plan | None, UUID, list[Placed], list[Change]]:
    """The plan the document belongs to (if stored), its id, the document's sections
    placed in it, and how the sections it holds already differ."""
    plan = _the_plan(draft, find, organisation)
    plan_id = (
        plan.id
        if plan is not None
        else ids.plan_id(draft.organisation, draft.fiscal_year, organisation)
    )
    placed = _placed(draft, plan)
    changes = [
        change
        for where in placed
        if where.known
        for change in section_changes(find, plan_id, where, planned(plan_id, where.key))
    ]
    return plan, plan_id, placed, changes


def _of(draft: PlanDraft) -> dict[str, str]:
    return {"plan": f"{draft.organisation} ({draft.fiscal_year.be})"}


def _check_revisable(draft: PlanDraft, changes: list[Change]) -> None:
    refused = [c for c in changes if not c.revisable]
    if refused:
        raise RuleViolation(
            "revision_change_unsupported", **_of(draft), differences=sentences(refused)
        )


def _the_plan(draft: PlanDraft, find: Find, organisation: str) -> Plan | None:
    """The plan the document belongs to, if the store holds it: the organisation's plan
    for the year, or (a document of one guideline, the store's own) the plan that
    guideline was before plans had sections."""
    found = find(ids.plan_id(draft.organisation, draft.fiscal_year, organisation))
    if isinstance(found, Plan):
        return found
    if organisation:
        return None  # an organisation's plans all came after sections
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
    where: tuple[Plan | None, UUID, str],
    placed: list[Placed],
    revision: int,
    by: Byline,
    batch: ImportBatch,
) -> None:
    """Create the plan (``where``: as stored, its id, its organisation's code) with the
    document's sections, or add the ones it lacks."""
    plan, plan_id, organisation = where
    new = [
        PlanSection(p.key, p.section.strategy, p.section.objective) for p in placed if not p.known
    ]
    batch.sections_added.extend(s.path for s in new)
    if plan is None:
        batch.plan_created = True
        created = Plan.create(
            id=plan_id,
            organisation=draft.organisation,
            organisation_code=organisation,
            fiscal_year=draft.fiscal_year,
            title=draft.title,
            source=draft.source,
            sections=tuple(new),
            by=by,
        )
        batch.keep(created)
        return
    for section in new:
        plan.add_section(section, revision=revision, by=by)
    if new:
        batch.keep(plan)


def _project(
    find: Find,
    draft: ProjectDraft,
    plan_id: UUID,
    where: Placed,
    plan: PlanDraft,
    reviser: Reviser | None,
    by: Byline,
    batch: ImportBatch,
) -> None:
    """The project and its activities as the document has them: planned where new,
    revised where a revision changes them."""
    project_id = ids.project_id(plan_id, draft.code, where.key)
    project = find(project_id)
    revision = reviser.number if reviser is not None else 0
    if project is None:
        project = Project.plan(
            id=project_id, plan_id=plan_id, section=where.key, code=draft.code,
            name=draft.name, budget=draft.budget, revision=revision, by=by,
        )  # fmt: skip
        if draft.funding_source:  # the document's column seeds it; a manager changes it
            project.set_funding_source(draft.funding_source, reason=None, by=by, revision=revision)
        batch.projects_added.append(where.named(draft.code))
    elif reviser is not None and where.known:
        assert isinstance(project, Project)
        reviser.before_additions(project, draft)
    if not isinstance(project, Project):
        raise TypeError(f"{project_id} is not a project")
    # The project goes first, so its ProjectPlanned precedes its activities in the log.
    batch.keep(project)
    for activity_draft in draft.activities:
        _activity(find, activity_draft, project, where, plan, revision, by, batch)
    if reviser is not None and where.known:
        reviser.after_additions(project, draft)


def _activity(
    find: Find,
    draft: ActivityDraft,
    project: Project,
    where: Placed,
    plan: PlanDraft,
    revision: int,
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
        revision=revision,
        by=by,
    )
    activity.allocate(draft.budget, by=by)
    project.reserve(activity.id, activity.code, draft.budget, by=by)
    batch.keep(activity)
    batch.activities_added.append(where.named(draft.code))


register_messages(
    {
        "revision_of_no_plan": (
            "ยังไม่มีแผนของ {plan} จึงบันทึก '{name}' เป็นการแก้ไขแผนไม่ได้ ให้นำเข้าแผนฉบับที่อนุมัติก่อน",
            "there is no plan of {plan} yet, so '{name}' cannot be recorded as its revision:"
            " import the plan as adopted first",
        ),
        "revision_change_unsupported": (
            "การแก้ไขแผนของ {plan} บันทึกได้เฉพาะการเพิ่ม การถอน การปรับงบประมาณ และการเลื่อนเดือน"
            " แต่เอกสารนี้ยังแตกต่างในเรื่อง: {differences} ให้ถอนรายการเดิมและเพิ่มรายการใหม่ด้วยรหัสใหม่",
            "a revision of {plan} records additions, withdrawals, budgets and months only;"
            " this document also differs in: {differences}. Withdraw the old item and add a new"
            " one under a new code",
        ),
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
