"""The plan, its sections and its projects.

A :class:`Plan` is an organisation's action plan for a fiscal year, one document: a
:class:`PlanSection` per strategy guideline (or แผนงาน), each numbering its projects
from 1. A later document may add sections; none withdraws one. A revision
(``แก้ไขครั้งที่ 1/2567``) is numbered from 1 in the order recorded; what it adds, withdraws
and changes carries its number, so the plan as adopted (revision 0) and as of any
revision can be told apart from what managers changed between revisions. A plan imported before
plans had sections holds one section with the key ``""`` (its ``PlanCreated`` of
version 1 named one strategy path, and is read as such). A
:class:`Project` holds the budget its activities share; it keeps a ledger of
what each activity is allocated, so that "allocations never exceed the project
budget" is checked against one stream. A budget revision therefore writes to
two streams, the activity's and its project's, in one transaction: two
managers revising two activities of one project at once cannot both win.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.calendar import FiscalYear
from domain.errors import NotFoundError, RuleViolation, register_messages
from domain.ids import GUIDELINE_SECTION
from domain.money import ZERO
from domain.periods import Period
from domain.plan_filings import ReportFiled, file_report
from domain.plan_findings import Findings, FindingsRecorded, record_findings
from domain.plan_publication import PlanPublished, PlanUnpublished
from domain.plan_section import PlanSection
from domain.plan_transfers import BudgetTransferred
from domain.project_funding import FundingSourceSet, set_funding_source
from domain.recorded import (
    Byline,
    Recorded,
    RecordedCreation,
    check_business_date,
    check_planning_date,
    claim_events,
    require_text,
    trigger,
)
from domain.thai import name_key
from domain.words import Words


class Plan(Aggregate):
    """An action plan: organisation, fiscal year, title, and its sections."""

    TOPIC = "tidtam.Plan"
    WHAT: ClassVar[Words] = Words("แผน", "plan")

    if TYPE_CHECKING:  # state, set by the events' apply(); not dataclass fields
        organisation: str
        organisation_code: str
        fiscal_year: FiscalYear
        title: str
        source: str
        sections: dict[str, PlanSection]
        revisions: list[str]
        findings: dict[Period, Findings]
        filings: int
        transfers: int

    Event = Recorded  # every event of this aggregate carries an actor and a business date

    class PlanCreated(RecordedCreation):
        """A plan was imported from a document, with the sections it held."""

        TOPIC = "tidtam.PlanCreated"
        class_version = 3
        organisation: str
        organisation_code: str
        """The tenant it was imported into (``domain.organisations``); ``""``: none."""
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

        @staticmethod
        def upcast_v2_v3(state: dict[str, Any]) -> None:
            """Imported before organisations: the store's own plan."""
            state["organisation_code"] = ""

        def apply(self, plan: Plan) -> None:
            plan.organisation = self.organisation
            plan.organisation_code = self.organisation_code
            plan.fiscal_year = FiscalYear(self.fiscal_year)
            plan.title = self.title
            plan.source = self.source
            plan.sections = {section.key: section for section in self.sections}
            plan.revisions = []
            plan.findings = {}
            plan.filings = 0
            plan.transfers = 0

    Created = PlanCreated  # the library looks for a creation event by this name

    class SectionAdded(Recorded):
        """A later document held a section the plan did not have."""

        TOPIC = "tidtam.SectionAdded"
        section: PlanSection
        revision: int
        """0: part of the plan as adopted (imported a section at a time); N: revision N's."""

        def apply(self, plan: Plan) -> None:
            plan.sections[self.section.key] = self.section

    class PlanRevised(Recorded):
        """A numbered revision of the plan (``แก้ไขครั้งที่ 1/2567``) was recorded; the
        events that carry out its changes carry its ``number``."""

        TOPIC = "tidtam.PlanRevised"
        number: int
        name: str
        source: str

        def apply(self, plan: Plan) -> None:
            plan.revisions.append(self.name)

    FindingsRecorded = FindingsRecorded  # written beside its command (domain.plan_findings)
    ReportFiled = ReportFiled  # and this one in domain.plan_filings
    BudgetTransferred = BudgetTransferred  # and this one in domain.plan_transfers
    PlanPublished, PlanUnpublished = PlanPublished, PlanUnpublished  # domain.plan_publication

    @classmethod
    def create(
        cls,
        *,
        id: UUID,
        organisation: str,
        organisation_code: str = "",
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
            organisation_code=organisation_code,
            fiscal_year=fiscal_year.be,
            title=title,
            source=source,
            sections=sections,
            **by.event_fields(),
        )

    def add_section(self, section: PlanSection, *, revision: int, by: Byline) -> None:
        """Take in a section a later document holds (sections are never withdrawn)."""
        if section.key in self.sections:
            raise RuleViolation(
                "no_change", field="sections", what=Words("หมวด", "the section"), value=section.path
            )
        check_planning_date(by)
        trigger(self, self.SectionAdded, by, section=section, revision=revision)

    def revise(self, name: str, *, source: str, by: Byline) -> int:
        """Record revision ``name`` of the plan; its number, for the events that carry it out."""
        why = require_text(name, what=Words("การแก้ไขแผน", "a plan revision"), field="revision")
        check_business_date(by, self.fiscal_year)  # a revision changes the year's work
        if self.revision_number(why) is not None:
            raise RuleViolation("revision_name_taken", field="revision", name=why)
        number = len(self.revisions) + 1
        trigger(self, self.PlanRevised, by, number=number, name=why, source=source)
        return number

    def record_findings(
        self, period: str, *, findings: str, suggestions: str, reason: str | None, by: Byline
    ) -> None:
        """The monitoring committee's findings and suggestions for ``period``."""
        record_findings(
            self, period, findings=findings, suggestions=suggestions, reason=reason, by=by
        )

    def file_report(self, report: str, period: str, **filed: Any) -> None:
        """Record a report as filed (``domain.plan_filings.file_report``): the next number."""
        file_report(self, report, period, **filed)

    def revision_number(self, name: str) -> int | None:
        """The number of the revision called ``name`` (compared as keys are), if recorded."""
        wanted = name_key(name)
        return next(
            (n for n, known in enumerate(self.revisions, 1) if name_key(known) == wanted), None
        )

    @property
    def label(self) -> str:
        """The plan as messages name it: ``เทศบาลเมืองทุ่งสง (2552)``."""
        return f"{self.organisation} ({self.fiscal_year.be})"

    def section_keys(self, section: str | None) -> list[str]:
        """The keys of the sections ``section`` names (by key, by path, or by the code of
        its innermost level when one section has it: ``3.5``), or all of them."""
        if section is None or not section.strip():
            return list(self.sections)
        if section in self.sections:
            return [section]
        wanted = name_key(section)
        by_code = [
            s
            for s in self.sections.values()
            if s.strategy and name_key(s.strategy[-1].code) == wanted
        ]
        named = self.section_by_path(section) or (by_code[0] if len(by_code) == 1 else None)
        if named is None:
            raise NotFoundError(
                "section_not_found", section=section, plan=self.label,
                sections=[s.path for s in self.sections.values()],
            )  # fmt: skip
        return [named.key]

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
        documented_budget: Decimal
        """As the plan's latest document (adopted, or revision N) has it."""
        allocations: dict[UUID, tuple[str, Decimal]]
        cancelled_on: date | None
        revision: int
        withdrawn_on: date | None
        funding_source: str
        documented_source: str

    Event = Recorded  # every event of this aggregate carries an actor and a business date
    FundingSourceSet = FundingSourceSet  # written beside its command (domain.project_funding)

    class ProjectPlanned(RecordedCreation):
        """A project was put in the plan with its budget."""

        TOPIC = "tidtam.ProjectPlanned"
        class_version = 2
        plan_id: UUID
        section: str
        code: str
        name: str
        budget: Decimal
        revision: int
        """0: in the plan as adopted; N: added by revision N."""

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 belonged to a plan of one guideline, as adopted: its one section."""
            state["section"] = GUIDELINE_SECTION
            state["revision"] = 0

        def apply(self, project: Project) -> None:
            project.plan_id = self.plan_id
            project.section = self.section
            project.code = self.code
            project.name = self.name
            project.budget = self.budget
            project.original_budget = self.budget
            project.documented_budget = self.budget
            project.allocations = {}
            project.cancelled_on = None
            project.revision = self.revision
            project.withdrawn_on = None
            project.funding_source = project.documented_source = ""

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
        class_version = 2
        amount: Decimal
        previous: Decimal
        reason: str
        revision: int | None
        """The plan revision that made the change; None: a manager's, between revisions."""

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Revisions were not recorded before version 2: every change was a manager's."""
            state["revision"] = None

        def apply(self, project: Project) -> None:
            project.budget = self.amount
            if self.revision is not None:
                project.documented_budget = self.amount

    class ProjectCancelled(Recorded):
        """The project will not go ahead: its activities raise no more alerts."""

        TOPIC = "tidtam.ProjectCancelled"
        reason: str

        def apply(self, project: Project) -> None:
            project.cancelled_on = self.occurred_on

    class ProjectWithdrawn(Recorded):
        """A revision took the project out of the plan (its activities go with it)."""

        TOPIC = "tidtam.ProjectWithdrawn"
        revision: int
        reason: str

        def apply(self, project: Project) -> None:
            project.withdrawn_on = self.occurred_on

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
        revision: int = 0,
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
            revision=revision,
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
        self._check_in_plan()
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

    set_funding_source = set_funding_source

    def cancel(self, *, reason: str | None, by: Byline) -> None:
        """Call the whole project off, with the reason why."""
        check_planning_date(by)
        self._check_in_plan()
        why = require_text(reason, what=Words("การยกเลิก", "cancelling"), field="reason")
        if self.cancelled_on is not None:
            raise RuleViolation(
                "no_change", field="reason", what=Words("โครงการ", "the project"), value="cancelled"
            )
        trigger(self, self.ProjectCancelled, by, reason=why)

    def revise_budget(
        self, amount: Decimal, *, reason: str | None, by: Byline, revision: int | None = None
    ) -> None:
        """Change the project's budget; it must still cover what its activities hold."""
        check_planning_date(by)
        self._check_in_plan()
        why = require_text(
            reason, what=Words("การปรับงบประมาณ", "a budget revision"), field="reason"
        )
        if amount == self.budget and revision is None:  # a revision may confirm one
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
            self, self.ProjectBudgetRevised, by,
            amount=amount, previous=self.budget, reason=why, revision=revision,
        )  # fmt: skip

    def withdraw(self, *, revision: int, reason: str, by: Byline) -> None:
        """Take the project out of the plan by revision ``revision``; its activities must
        have been withdrawn first, so that it holds no allocation."""
        check_planning_date(by)
        self._check_in_plan()
        if self.allocated != ZERO:
            raise RuleViolation(
                "project_withdrawn_with_allocations", project=self.code, allocated=self.allocated
            )
        trigger(self, self.ProjectWithdrawn, by, revision=revision, reason=reason)

    def _check_in_plan(self) -> None:
        if self.withdrawn_on is not None:
            raise RuleViolation("project_withdrawn", project=self.code, on=self.withdrawn_on)


claim_events(Plan, "plan")
claim_events(Project, "project")


register_messages(
    {
        "section_not_found": (
            "ไม่พบหมวด {section} ใน{plan} (มี {sections})",
            "no section {section} in {plan} (its sections: {sections})",
        ),
        "revision_name_taken": (
            "แผนนี้บันทึกการแก้ไขชื่อ '{name}' ไว้แล้ว การแก้ไขแต่ละครั้งต้องมีชื่อของตนเอง เช่น แก้ไขครั้งที่ 2/2567",
            "this plan already records a revision called '{name}': each revision needs a name"
            " of its own, such as แก้ไขครั้งที่ 2/2567",
        ),
        "project_withdrawn": (
            "โครงการ {project} ถูกถอนออกจากแผนเมื่อ {on} แล้ว",
            "project {project} was withdrawn from the plan on {on}",
        ),
        "project_withdrawn_with_allocations": (
            "ถอนโครงการ {project} ไม่ได้ เพราะกิจกรรมของโครงการยังถือครองงบประมาณ {allocated} บาท",
            "project {project} cannot be withdrawn: its activities still hold {allocated} baht",
        ),
    }
)
