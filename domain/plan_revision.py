"""Carrying out a revision of the plan: every change as an event carrying its number.

A revision (``แก้ไขครั้งที่ 1/2567``) is recorded as ``PlanRevised`` with its number;
what it changes is recorded with the commands managers use between revisions, each
event carrying that number and the revision's name as its reason: ``BudgetRevised``
and ``ProjectBudgetRevised``, ``ActivityRescheduled`` and ``StepRescheduled``,
``ActivityWithdrawn`` and ``ProjectWithdrawn``, ``FundingSourceSet`` where its table
names another source; what it adds is planned with the
number. The rules those commands keep hold here too (a budget still covers what its
activities hold, an allocation what is spent; nothing is withdrawn once work is on
record), so the order matters: a project's budget grows before its activities take
more, activities give back before others take, and it shrinks last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from uuid import UUID

from domain.activity import Activity
from domain.draft import ActivityDraft, ProjectDraft
from domain.money import ZERO
from domain.plan import Project
from domain.plan_changes import Find, source_differs
from domain.recorded import Byline


@dataclass(frozen=True, slots=True)
class Reviser:
    """Revision ``number``, called ``name``, carried out on what ``find`` returns."""

    find: Find
    number: int
    name: str
    by: Byline
    keep: Callable[[Activity], None]
    """Takes each activity the revision changed into the batch that saves it."""

    def before_additions(self, project: Project, draft: ProjectDraft) -> None:
        """Grow the project's budget, withdraw the activities the document leaves out
        and revise the others, so the activities it adds find room."""
        if draft.budget > project.documented_budget:
            self._project_budget(project, draft)
        if source_differs(project, draft):
            project.set_funding_source(
                draft.funding_source, reason=self.name, by=self.by, revision=self.number
            )
        drafts = {a.code: a for a in draft.activities}
        kept: list[tuple[Activity, ActivityDraft]] = []
        for activity in self._activities(project):
            wanted = drafts.get(activity.code)
            if wanted is None:
                self._withdraw(activity, project)
            else:
                kept.append((activity, wanted))
        kept.sort(key=lambda pair: pair[1].budget - pair[0].documented_allocation)
        for activity, wanted in kept:  # those giving money back first
            self._revise(activity, wanted, project)

    def after_additions(self, project: Project, draft: ProjectDraft) -> None:
        """Shrink the project's budget, now that its activities hold less."""
        if draft.budget < project.documented_budget:
            self._project_budget(project, draft)

    def withdraw(self, projects: Iterable[Project]) -> list[Project]:
        """Withdraw the projects the document leaves out of their section, activities
        first; the projects changed."""
        withdrawn = []
        for project in projects:
            if project.withdrawn_on is not None:
                continue
            for activity in self._activities(project):
                self._withdraw(activity, project)
            project.withdraw(revision=self.number, reason=self.name, by=self.by)
            withdrawn.append(project)
        return withdrawn

    def _activities(self, project: Project) -> list[Activity]:
        """The project's activities still in the plan."""
        found = [self.find(activity_id) for activity_id in project.allocations]
        return [a for a in found if isinstance(a, Activity) and a.withdrawn_on is None]

    def _project_budget(self, project: Project, draft: ProjectDraft) -> None:
        project.revise_budget(draft.budget, reason=self.name, by=self.by, revision=self.number)

    def _withdraw(self, activity: Activity, project: Project) -> None:
        activity.withdraw(revision=self.number, reason=self.name, by=self.by)
        project.reserve(activity.id, activity.code, ZERO, by=self.by)
        self.keep(activity)

    def _revise(self, activity: Activity, draft: ActivityDraft, project: Project) -> None:
        """The activity's budget, months and steps' months as the document has them."""
        name, by, number = self.name, self.by, self.number
        if draft.budget != activity.documented_allocation:
            activity.revise_budget(draft.budget, reason=name, by=by, revision=number)
            project.reserve(activity.id, activity.code, draft.budget, by=self.by)
        months = tuple(sorted(set(draft.planned_months)))
        if months != activity.documented_months:
            activity.reschedule(months, reason=name, by=by, revision=number)
        for step in draft.steps:
            step_months = tuple(sorted(set(step.planned_months)))
            if step_months != activity.steps[step.number].documented_months:
                activity.reschedule(
                    step_months, step=step.number, reason=name, by=by, revision=number
                )
        if activity.pending_events:
            self.keep(activity)


Planned = Callable[[UUID, str], Iterable[Project]]
"""The projects a plan holds in a section (by key), withdrawn ones included."""
