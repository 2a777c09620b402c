"""A section of a plan: one strategy guideline (or แผนงาน) numbering its projects from 1."""

from __future__ import annotations

from dataclasses import dataclass

from domain.draft import StrategyLevel, strategy_path


@dataclass(frozen=True, slots=True)
class PlanSection:
    """A section of the plan: its key, its place in the strategy, its objective."""

    key: str
    strategy: tuple[StrategyLevel, ...]
    objective: str

    @property
    def path(self) -> str:
        return strategy_path(self.strategy)
