"""What a document says differently from the plan's latest document.

An import compares each section the plan already holds with the document's, item by
item, against what the plan's latest *document* says (as adopted, or as revision N
left it): a manager's reschedule or budget revision between revisions is not the
document's doing, so an older document imported again still reads as unchanged. What
differs is a :class:`Change`; some a revision can carry out (``REVISABLE``: added,
withdrawn, a budget, the months), the rest are refused by name (a renamed activity or
a rewritten step is a new item and the withdrawal of the old one, said plainly).

A section's document is read as whole: a project or activity of that section that the
document leaves out is withdrawn by it. A section the document leaves out is untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import ids
from domain.activity import Activity
from domain.calendar import Month
from domain.draft import ActivityDraft, ProjectDraft, SectionDraft
from domain.plan import Project
from domain.thai import clean_text, name_key
from domain.words import Words, display

Find = Callable[[UUID], Aggregate | None]
"""The aggregate stored under an id, or None: how an import sees what is there already."""

Kind = Literal[
    "added", "withdrawn", "budget", "months", "step_months",
    "name", "details", "area", "unit", "steps", "restored", "source",
]  # fmt: skip
REVISABLE: frozenset[str] = frozenset(
    {"added", "withdrawn", "budget", "months", "step_months", "source"}
)
"""The changes a revision carries out; the others are refused even with one."""

Value = Decimal | tuple[Month, ...] | str | None

_WHAT = {"project": Words("โครงการ", "project"), "activity": Words("กิจกรรม", "activity")}
_FACTS = {
    "name": Words("ชื่อ", "name"),
    "details": Words("รายละเอียด", "details"),
    "area": Words("พื้นที่ดำเนินการ", "area"),
    "unit": Words("หน่วยงานรับผิดชอบ", "responsible unit"),
    "steps": Words("ขั้นตอน", "steps"),
    "source": Words("แหล่งงบประมาณ", "funding source"),
}


@dataclass(frozen=True, slots=True)
class Placed:
    """A section of the document, and where it goes in the plan: its key, and whether
    the plan holds it already."""

    section: SectionDraft
    key: str
    known: bool
    label: str
    """How reports name its projects and activities: ``""`` or ``"path › "``."""

    def named(self, code: str) -> str:
        return f"{self.label}{code}"


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between the document and the plan, about one project or activity."""

    kind: Kind
    what: Literal["project", "activity"]
    code: str
    """As the report names it: ``code``, or ``path › code`` in a document of sections."""
    before: Value = None
    after: Value = None
    step: int | None = None

    @property
    def revisable(self) -> bool:
        return self.kind in REVISABLE

    @property
    def words(self) -> Words:
        """The change as a sentence, in Thai and in English."""
        return Words(self._say("th"), self._say("en"))

    def _say(self, lang: str) -> str:
        what = f"{_WHAT[self.what].in_(lang)} {self.code}"
        before, after = display(self.before, lang), display(self.after, lang)
        th = lang == "th"
        match self.kind:
            case "added":
                return f"เพิ่ม{what} ({after} บาท)" if th else f"{what} added ({after} baht)"
            case "withdrawn":
                return f"ถอน{what} ออกจากแผน" if th else f"{what} withdrawn"
            case "restored":
                return (
                    f"{what} ถูกถอนออกจากแผนแล้ว นำกลับเข้าแผนไม่ได้ ให้ใช้รหัสใหม่"
                    if th
                    else f"{what} was withdrawn and cannot come back: give it a new code"
                )
            case "budget":
                return (
                    f"งบประมาณ{what} {before} → {after} บาท"
                    if th
                    else (f"{what} budget {before} → {after} baht")
                )
            case "months":
                return (
                    f"เดือนที่วางแผนของ{what} {before} → {after}"
                    if th
                    else (f"{what} months {before} → {after}")
                )
            case "step_months":
                return (
                    f"เดือนของขั้นตอนที่ {self.step} ของ{what} {before} → {after}"
                    if th
                    else f"{what} step {self.step} months {before} → {after}"
                )
            case _:
                fact = _FACTS[self.kind].in_(lang)
                return (
                    f"{fact}ของ{what} '{before}' → '{after}'"
                    if th
                    else (f"{what} {fact} '{before}' → '{after}'")
                )


def sentences(changes: Iterable[Change]) -> Words:
    """Changes as one list for a message, in Thai and in English."""
    said = [c.words for c in changes]
    return Words("; ".join(w.th for w in said), "; ".join(w.en for w in said))


def section_changes(
    find: Find, plan_id: UUID, where: Placed, planned: Iterable[Project]
) -> list[Change]:
    """What the document's section says differently from the plan's; ``planned`` are the
    projects the plan holds in that section (withdrawn ones included)."""
    changes: list[Change] = []
    in_document = {p.code for p in where.section.projects}
    for draft in where.section.projects:
        project = find(ids.project_id(plan_id, draft.code, where.key))
        if isinstance(project, Project):
            changes += _project_changes(find, project, draft, where)
        else:
            changes.append(Change("added", "project", where.named(draft.code), after=draft.budget))
    changes += [
        Change("withdrawn", "project", where.named(p.code), before=p.documented_budget)
        for p in planned
        if p.code not in in_document and p.withdrawn_on is None
    ]
    return changes


def _project_changes(
    find: Find, project: Project, draft: ProjectDraft, where: Placed
) -> list[Change]:
    named = where.named(draft.code)
    if project.withdrawn_on is not None:
        return [Change("restored", "project", named)]
    changes = []
    if project.name != draft.name:
        changes.append(Change("name", "project", named, project.name, draft.name))
    if project.documented_budget != draft.budget:
        changes.append(Change("budget", "project", named, project.documented_budget, draft.budget))
    if source_differs(project, draft):
        changes.append(
            Change("source", "project", named, project.documented_source or "-",
                   draft.funding_source)
        )  # fmt: skip
    in_document = {a.code for a in draft.activities}
    for activity_draft in draft.activities:
        activity = find(ids.activity_id(project.plan_id, activity_draft.code, where.key))
        activity_named = where.named(activity_draft.code)
        if not isinstance(activity, Activity):
            changes.append(Change("added", "activity", activity_named, after=activity_draft.budget))
        elif activity.withdrawn_on is not None:
            changes.append(Change("restored", "activity", activity_named))
        else:
            changes += activity_changes(activity, activity_draft, activity_named)
    for activity_id, (code, _) in project.allocations.items():
        activity = find(activity_id)
        if (
            code not in in_document
            and isinstance(activity, Activity)
            and activity.withdrawn_on is None
        ):
            changes.append(
                Change(
                    "withdrawn", "activity", where.named(code),
                    before=activity.documented_allocation,
                )
            )  # fmt: skip
    return changes


def source_differs(project: Project, draft: ProjectDraft) -> bool:
    """Whether the document names a funding source other than its predecessors did (a
    document without the column, or with the cell empty, says nothing about it)."""
    said = clean_text(draft.funding_source)
    return bool(said) and name_key(said) != name_key(project.documented_source)


def activity_changes(activity: Activity, draft: ActivityDraft, named: str) -> list[Change]:
    """What the document says differently about one activity."""
    facts: tuple[tuple[Kind, str, str], ...] = (
        ("name", activity.name, draft.name),
        ("details", activity.details, draft.details),
        ("area", activity.area, draft.area),
        ("unit", activity.unit, draft.unit),
    )
    changes = [
        Change(kind, "activity", named, before, after)
        for kind, before, after in facts
        if before != after
    ]
    if activity.documented_allocation != draft.budget:
        changes.append(
            Change("budget", "activity", named, activity.documented_allocation, draft.budget)
        )
    months = tuple(sorted(set(draft.planned_months)))
    if activity.documented_months != months:
        changes.append(Change("months", "activity", named, activity.documented_months, months))
    steps_before = [(s.number, s.text) for s in activity.steps.values()]
    steps_after = [(s.number, s.text) for s in draft.steps]
    if steps_before != steps_after:
        changes.append(
            Change("steps", "activity", named, _steps(steps_before), _steps(steps_after))
        )
        return changes
    for step in draft.steps:
        known = activity.steps[step.number]
        step_months = tuple(sorted(set(step.planned_months)))
        if known.documented_months != step_months:
            changes.append(
                Change(
                    "step_months", "activity", named,
                    known.documented_months, step_months, step=step.number,
                )
            )  # fmt: skip
    return changes


def _steps(steps: list[tuple[int, str]]) -> str:
    return " / ".join(f"{number}. {text}" for number, text in steps) or "-"
