"""The plan, its sections and its projects.

A :class:`Plan` is an organisation's action plan for a fiscal year, one document: a
:class:`PlanSection` per strategy guideline (or แผนงาน), each numbering its projects
from 1. A later document may add sections; none withdraws one. A plan imported before
plans had sections holds one section with the key ``""`` (its ``PlanCreated`` of
version 1 named one strategy path, and is read as such). A
:class:`Project` holds the budget its activities share; it keeps a ledger of
what each activity is allocated, so that "allocations never exceed the project
budget" is checked against one stream. A budget revision therefore writes to
two streams, the activity's and its project's, in one transaction: two
managers revising two activities of one project at once cannot both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.calendar import FiscalYear
from domain.draft import StrategyLevel, strategy_path
from domain.errors import RuleViolation
from domain.ids import GUIDELINE_SECTION
from domain.money import ZERO
from domain.recorded import (
    Byline,
    Recorded,
    RecordedCreation,
    check_planning_date,
    claim_events,
    require_text,
    trigger,
)
from domain.thai import name_key
from domain.words import Words


@dataclass(frozen=True, slots=True)
class PlanSection:
    """A section of the plan: its key, its place in the strategy, its objective."""

    key: str
    strategy: tuple[StrategyLevel, ...]
    objective: str

    @property
    def path(self) -> str:
        return strategy_path(self.strategy)


class Plan(Aggregate):
    """An action plan: organisation, fiscal year, title, and its sections."""

    TOPIC = "tidtam.Plan"
    WHAT: ClassVar[Words] = Words("แผน", "plan")

    if TYPE_CHECKING:  # state, set by the events' apply(); not dataclass fields
        organisation: str
        fiscal_year: FiscalYear
        title: str
        source: str
        sections: dict[str, PlanSection]

    Event = Recorded  # every event of this aggregate carries an actor and a business date

    class PlanCreated(RecordedCreation):
        """A plan was imported from a document, with the sections it held."""

        TOPIC = "tidtam.PlanCreated"
        class_version = 2
        organisation: str
        fiscal_year: int
        title: str
        source: str
        sections: tuple[PlanSection, ...]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 was one guideline's table: its path is the plan's one section."""
            state["sections"] = (
                PlanSection(
                    GUIDELINE_SECTION, tuple(state.pop("strategy")), state.pop("objective")
                ),
            )

        def apply(self, plan: Plan) -> None:
            plan.organisation = self.organisation
            plan.fiscal_year = FiscalYear(self.fiscal_year)
            plan.title = self.title
            plan.source = self.source
            plan.sections = {section.key: section for section in self.sections}

    Created = PlanCreated  # the library looks for a creation event by this name

    class SectionAdded(Recorded):
        """A later document held a section the plan did not have."""

        TOPIC = "tidtam.SectionAdded"
        section: PlanSection

        def apply(self, plan: Plan) -> None:
            plan.sections[self.section.key] = self.section

    @classmethod
    def create(
        cls,
        *,
        id: UUID,
        organisation: str,
        fiscal_year: FiscalYear,
        title: str,
        source: str,
        sections: tuple[PlanSection, ...],
        by: Byline,
    ) -> Plan:
        check_planning_date(by)
        return cls._create(
            cls.PlanCreated,
            id=id,
            organisation=organisation,
            fiscal_year=fiscal_year.be,
            title=title,
            source=source,
            sections=sections,
            **by.event_fields(),
        )

    def add_section(self, section: PlanSection, *, by: Byline) -> None:
        """Take in a section a later document holds (sections are never withdrawn)."""
        if section.key in self.sections:
            raise RuleViolation(
                "no_change", field="sections", what=Words("หมวด", "the section"), value=section.path
            )
        check_planning_date(by)
        trigger(self, self.SectionAdded, by, section=section)

    def section_by_path(self, path: str) -> PlanSection | None:
        """The plan's section at ``path`` (compared as keys are), if it has one."""
        wanted = name_key(path)
        return next((s for s in self.sections.values() if name_key(s.path) == wanted), None)


class Project(Aggregate):
    """A project of the plan, the budget its activities share, and who holds how much."""

    TOPIC = "tidtam.Project"
    WHAT: ClassVar[Words] = Words("โครงการ", "project")

    if TYPE_CHECKING:  # state, set by the events' apply(); not dataclass fields
        plan_id: UUID
        section: str
        code: str
        name: str
        budget: Decimal
        original_budget: Decimal
        allocations: dict[UUID, tuple[str, Decimal]]
        cancelled_on: date | None

    Event = Recorded  # every event of this aggregate carries an actor and a business date

    class ProjectPlanned(RecordedCreation):
        """A project was put in the plan with its budget."""

        TOPIC = "tidtam.ProjectPlanned"
        class_version = 2
        plan_id: UUID
        section: str
        code: str
        name: str
        budget: Decimal

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 belonged to a plan of one guideline: its one section."""
            state["section"] = GUIDELINE_SECTION

        def apply(self, project: Project) -> None:
            project.plan_id = self.plan_id
            project.section = self.section
            project.code = self.code
            project.name = self.name
            project.budget = self.budget
            project.original_budget = self.budget
            project.allocations = {}
            project.cancelled_on = None

    Created = ProjectPlanned  # the library looks for a creation event by this name

    class AllocationReserved(Recorded):
        """The project set aside ``amount`` for an activity (replacing its earlier share)."""

        TOPIC = "tidtam.AllocationReserved"
        activity_id: UUID
        activity_code: str
        amount: Decimal

        def apply(self, project: Project) -> None:
            project.allocations[self.activity_id] = (self.activity_code, self.amount)

    class ProjectBudgetRevised(Recorded):
        """The project's budget was changed, with the reason why."""

        TOPIC = "tidtam.ProjectBudgetRevised"
        amount: Decimal
        previous: Decimal
        reason: str

        def apply(self, project: Project) -> None:
            project.budget = self.amount

    class ProjectCancelled(Recorded):
        """The project will not go ahead: its activities raise no more alerts."""

        TOPIC = "tidtam.ProjectCancelled"
        reason: str

        def apply(self, project: Project) -> None:
            project.cancelled_on = self.occurred_on

    @classmethod
    def plan(
        cls,
        *,
        id: UUID,
        plan_id: UUID,
        section: str,
        code: str,
        name: str,
        budget: Decimal,
        by: Byline,
    ) -> Project:
        check_planning_date(by)
        if budget < ZERO:
            raise RuleViolation("allocation_not_negative", field="budget", amount=budget)
        return cls._create(
            cls.ProjectPlanned,
            id=id,
            plan_id=plan_id,
            section=section,
            code=code,
            name=name,
            budget=budget,
            **by.event_fields(),
        )

    @property
    def allocated(self) -> Decimal:
        return sum((amount for _, amount in self.allocations.values()), ZERO)

    def reserve(
        self,
        activity_id: UUID,
        activity_code: str,
        amount: Decimal,
        *,
        by: Byline,
    ) -> None:
        """Set aside ``amount`` for an activity, if the project's budget still covers it."""
        others = self.allocated - self.allocations.get(activity_id, ("", ZERO))[1]
        if others + amount > self.budget:
            raise RuleViolation(
                "allocation_within_project_budget",
                field="amount",
                amount=amount,
                code=activity_code,
                project=self.code,
                budget=self.budget,
                allocated=others,
                remaining=self.budget - others,
            )
        trigger(
            self,
            self.AllocationReserved,
            by,
            activity_id=activity_id,
            activity_code=activity_code,
            amount=amount,
        )

    def cancel(self, *, reason: str | None, by: Byline) -> None:
        """Call the whole project off, with the reason why."""
        check_planning_date(by)
        why = require_text(reason, what=Words("การยกเลิก", "cancelling"), field="reason")
        if self.cancelled_on is not None:
            raise RuleViolation(
                "no_change", field="reason", what=Words("โครงการ", "the project"), value="cancelled"
            )
        trigger(self, self.ProjectCancelled, by, reason=why)

    def revise_budget(self, amount: Decimal, *, reason: str | None, by: Byline) -> None:
        """Change the project's budget; it must still cover what its activities hold."""
        check_planning_date(by)
        why = require_text(
            reason, what=Words("การปรับงบประมาณ", "a budget revision"), field="reason"
        )
        if amount == self.budget:
            raise RuleViolation(
                "no_change", field="amount", what=Words("งบประมาณ", "the budget"), value=amount
            )
        if amount < self.allocated:
            raise RuleViolation(
                "project_budget_covers_allocations",
                field="amount",
                project=self.code,
                allocated=self.allocated,
                amount=amount,
            )
        trigger(
            self, self.ProjectBudgetRevised, by, amount=amount, previous=self.budget, reason=why
        )


claim_events(Plan, "plan")
claim_events(Project, "project")
