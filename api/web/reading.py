"""What pages read, now or as known at the page's instant, through the API's own queries.

Every read goes through the reader and ``event_page`` exactly as the JSON routes
use them, so a page and the API never disagree about the record. Without ``as_of``
the live views answer; with it, the reader's time travel (the live sheets cut at
the instant, or the log folded where they cannot be).
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from api.routes.events import event_page
from api.schemas.events import EventOut
from api.web.context import Page
from domain.thai import name_key
from projections.facts import PlanFacts
from projections.queries import ActivityInPlan, PlanSnapshot


def plans(page: Page) -> list[PlanFacts]:
    """Every plan of the principal's organisations (as known at the page's instant),
    newest fiscal year first: what every list, choice and search of the pages starts from."""
    if page.as_of is None:
        return page.svc.runtime.reader.plans(page.reach)
    return page.svc.runtime.reader.plans_as_of(page.as_of, page.reach)


def snapshot(page: Page, plan_id: UUID) -> PlanSnapshot:
    reader = page.svc.runtime.reader
    return (
        reader.snapshot(plan_id)
        if page.as_of is None
        else reader.snapshot_as_of(plan_id, page.as_of)
    )


def activity(page: Page, activity_id: UUID) -> ActivityInPlan:
    """The activity with its plan and project (for headings and links), as the page reads
    them: now, or as known at its instant; a plan outside the principal's reach is left out."""
    reader = page.svc.runtime.reader
    if page.as_of is not None:
        return reader.activity_as_of(activity_id, page.as_of)
    found = reader.activity_in_plan(activity_id)
    if any(p.id == found.facts.plan_id for p in plans(page)):
        return found
    return ActivityInPlan(found.facts, None, None)


def activity_events(page: Page, activity_id: UUID) -> list[EventOut]:
    """Every event of one activity recorded by the page's instant, oldest first."""
    found: list[EventOut] = []
    after = 0
    while True:
        batch = event_page(
            page.svc, reach=page.reach, after=after, limit=500, activity=activity_id,
            as_of=page.as_of,
        )  # fmt: skip
        found.extend(batch.items)
        if batch.next is None:
            return found
        after = batch.next


def catch_up(page: Page, position: int | None = None) -> None:
    """Wait (bounded) until the views include ``position``, or the store's head."""
    runtime = page.svc.runtime
    target = position if position is not None else runtime.tracker.recorder.max_notification_id()
    if target:
        runtime.projections.wait_for(target, timeout=page.svc.settings.read_your_writes_timeout)


@dataclass(frozen=True, slots=True)
class Unit:
    key: str
    name: str


def units(page: Page) -> list[Unit]:
    """Every responsible unit named in the plans of the principal's organisations, for
    filters."""
    every = [a for p in plans(page) for a in snapshot(page, p.id).activities]
    seen: dict[str, str] = {}
    for facts in every:
        seen.setdefault(name_key(facts.unit), facts.unit)
    return [Unit(k, v) for k, v in sorted(seen.items(), key=lambda kv: kv[1])]
