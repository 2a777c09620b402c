"""The tracker's part about a plan's public page: an admin publishes it or withdraws it.
A part of :class:`~application.tracker.Tracker`, kept apart for size; each is a plan
command decided and saved as the others are."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, Unpack
from uuid import UUID

from eventsourcing.domain import Aggregate

from application.outcome import Outcome, When
from domain.plan_publication import publish, unpublish


class DecidesPlans(Protocol):
    def decide_plan(
        self, plan_id: UUID, when: When, decide: Callable[..., list[Aggregate] | None]
    ) -> Outcome: ...


class PlanPublication:
    """Publishing a plan's public page and withdrawing it (mixed into the tracker)."""

    def publish_plan(
        self: DecidesPlans, plan_id: UUID, *, reason: str | None = None, **when: Unpack[When]
    ) -> Outcome:
        """Make the plan's public page (``/public/plans/{id}``) visible to everyone."""
        return self.decide_plan(plan_id, when, partial(publish, reason=reason))

    def unpublish_plan(
        self: DecidesPlans, plan_id: UUID, *, reason: str | None, **when: Unpack[When]
    ) -> Outcome:
        """Withdraw the plan's public page (it answers 404 again); needs a reason."""
        return self.decide_plan(plan_id, when, partial(unpublish, reason=reason))

    def set_publication(
        self: DecidesPlans,
        plan_id: UUID,
        published: bool,
        *,
        reason: str | None,
        **when: Unpack[When],
    ) -> Outcome:
        """Publish (``published``) or withdraw the plan's public page: the one choice the
        API's ``published`` field and the page's form both make."""
        decide = publish if published else unpublish
        return self.decide_plan(plan_id, when, partial(decide, reason=reason))
