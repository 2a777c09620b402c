"""The tracker's commands about a plan's reports: the monitoring committee's findings,
filing a report, and (from :mod:`application.publication`) the plan's public page, a
report to everyone. A part of :class:`~application.tracker.Tracker`, kept apart for
size; each is a plan command decided and saved as the others are."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Protocol, Unpack
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.outcome import Outcome, When
from application.publication import PlanPublication
from domain.plan import Plan


class DecidesPlans(Protocol):
    def decide_plan(
        self, plan_id: UUID, when: When, decide: Callable[..., list[Aggregate] | None]
    ) -> Outcome: ...


class PlanReports(PlanPublication):
    """Commands on a plan's reports, its public page among them (mixed into the tracker)."""

    def record_findings(
        self: DecidesPlans, plan_id: UUID, period: str, *, findings: str, suggestions: str = "",
        reason: str | None = None, **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """The monitoring committee's findings and suggestions for a period of the plan."""
        return self.decide_plan(plan_id, when, partial(
            Plan.record_findings, period=period, findings=findings, suggestions=suggestions,
            reason=reason,
        ))  # fmt: skip

    def file_report(
        self: DecidesPlans, plan_id: UUID, report: str, period: str, *, cut_off: date,
        known_at: datetime, data_digest: str, files: dict[str, str], chain_position: int,
        chain_link: str, **when: Unpack[When],
    ) -> Outcome:  # fmt: skip
        """Record a report as filed: its period, cut-off, instant, digests and chain link."""
        return self.decide_plan(plan_id, when, partial(
            Plan.file_report, report=report, period=period, cut_off=cut_off, known_at=known_at,
            data_digest=data_digest, files=files, chain_position=chain_position,
            chain_link=chain_link,
        ))  # fmt: skip
