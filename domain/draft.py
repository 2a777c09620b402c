"""A plan as read from a document, before it becomes events.

The importer turns an action-plan table into a :class:`PlanDraft`; the tracker
turns a draft into ``PlanCreated``, ``ProjectPlanned``, ``ActivityPlanned`` and
``BudgetAllocated`` events in one transaction. Drafts remember the row each
item came from, so a rule broken at import time can point at the row.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class PlanDraft:
    """A whole action plan table: one strategy guideline's projects for a fiscal year."""

    organisation: str
    fiscal_year: FiscalYear
    strategy: tuple[StrategyLevel, ...]
    title: str
    objective: str
    projects: tuple[ProjectDraft, ...]
    source: str = ""

    @property
    def strategy_path(self) -> str:
        """``ยุทธศาสตร์ที่ 5 › 5.1 › แนวทางที่ 3 › 3.5``."""
        return " › ".join(level.code for level in self.strategy)

    @property
    def total_budget(self) -> Decimal:
        return sum((project.budget for project in self.projects), Decimal("0.00"))

    @property
    def activities(self) -> tuple[ActivityDraft, ...]:
        return tuple(a for project in self.projects for a in project.activities)
