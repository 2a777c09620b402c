"""A plan as read from a document, before it becomes events.

A municipality's แผนดำเนินงาน is one document for its fiscal year: a section per
strategy guideline (or แผนงาน), each numbering its projects from 1. The importer turns
the document into a :class:`PlanDraft` of :class:`SectionDraft` s; the tracker turns a
draft into events in one transaction. Drafts remember the row each item came from, so
a rule broken at import time can point at the row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from domain.calendar import FiscalYear, Month


@dataclass(frozen=True, slots=True)
class StrategyLevel:
    """One level of the plan's place in the development strategy.

    ``code`` is how the document numbers the level (``ยุทธศาสตร์ที่ 5``, ``5.1``,
    ``แนวทางที่ 3``, ``3.5``); ``name`` is its text.
    """

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class StepDraft:
    """A numbered step of an activity, with the months it is planned in."""

    number: int
    text: str
    planned_months: tuple[Month, ...]
    source_row: int = 0


@dataclass(frozen=True, slots=True)
class ActivityDraft:
    """An activity (``1.1 กิจกรรม…``), or a project's only activity (code ``3``).

    ``planned_months`` is every month marked for the activity: its own marks
    and its steps' marks, sorted, without repeats.
    """

    code: str
    name: str
    details: str
    area: str
    unit: str
    budget: Decimal
    planned_months: tuple[Month, ...]
    steps: tuple[StepDraft, ...] = ()
    source_row: int = 0


@dataclass(frozen=True, slots=True)
class ProjectDraft:
    """A project (``1 โครงการ…``) with its budget and activities."""

    code: str
    name: str
    budget: Decimal
    activities: tuple[ActivityDraft, ...]
    source_row: int = 0
    funding_source: str = ""
    """Where its money comes from, where the document has a column for it ("" none)."""


def strategy_path(levels: tuple[StrategyLevel, ...]) -> str:
    """``ยุทธศาสตร์ที่ 5 › 5.1 › แนวทางที่ 3 › 3.5``: the levels' codes, outermost first."""
    return " › ".join(level.code for level in levels)


@dataclass(frozen=True, slots=True)
class SectionDraft:
    """One section of the plan: its place in the strategy (down to the guideline or
    แผนงาน), its objective, and its projects, numbered from 1 within it."""

    strategy: tuple[StrategyLevel, ...]
    objective: str
    projects: tuple[ProjectDraft, ...]
    source_row: int = 0

    @property
    def path(self) -> str:
        return strategy_path(self.strategy)

    @property
    def title(self) -> str:
        """The most specific level's name (the guideline's, or the แผนงาน's)."""
        return self.strategy[-1].name if self.strategy else ""

    @property
    def activities(self) -> tuple[ActivityDraft, ...]:
        return tuple(a for project in self.projects for a in project.activities)


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """A whole action plan: an organisation's sections for a fiscal year, as one
    document gives them (a document may give only some of the year's sections)."""

    organisation: str
    fiscal_year: FiscalYear
    sections: tuple[SectionDraft, ...]
    title: str = ""
    source: str = ""

    @classmethod
    def of_one_section(
        cls,
        *,
        organisation: str,
        fiscal_year: FiscalYear,
        strategy: tuple[StrategyLevel, ...],
        objective: str,
        projects: tuple[ProjectDraft, ...],
        title: str = "",
        source: str = "",
    ) -> PlanDraft:
        """A plan whose document holds one section (one guideline's table)."""
        section = SectionDraft(strategy, objective, projects)
        return cls.of_sections(
            organisation=organisation,
            fiscal_year=fiscal_year,
            sections=(section,),
            title=title,
            source=source,
        )

    @classmethod
    def of_sections(
        cls,
        *,
        organisation: str,
        fiscal_year: FiscalYear,
        sections: tuple[SectionDraft, ...],
        title: str = "",
        source: str = "",
    ) -> PlanDraft:
        """A plan of the sections one document gives, titled by the first if untitled."""
        return cls(organisation, fiscal_year, sections, title or sections[0].title, source)

    def with_projects(self, projects: tuple[ProjectDraft, ...]) -> PlanDraft:
        """The same one-section plan with other projects (a later edition of a table)."""
        (section,) = self.sections
        return replace(self, sections=(replace(section, projects=projects),))

    @property
    def projects(self) -> tuple[ProjectDraft, ...]:
        """Every project, section after section (codes repeat across sections)."""
        return tuple(p for section in self.sections for p in section.projects)

    @property
    def total_budget(self) -> Decimal:
        return sum((project.budget for project in self.projects), Decimal("0.00"))

    @property
    def activities(self) -> tuple[ActivityDraft, ...]:
        return tuple(a for section in self.sections for a in section.activities)
