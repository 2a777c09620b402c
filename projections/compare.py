"""What changed between two instants: a baseline comparison of a plan.

Each side is the plan as known at its instant, assessed on that instant's
business date (Bangkok), so "status changed" means what a manager looking at
the plan then would have seen change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.clock import BANGKOK
from projections.assess import ActivityAssessment, assess, code_key
from projections.queries import PlanSnapshot
from projections.resources import money, months


@dataclass(frozen=True, slots=True)
class Change:
    code: str
    name: str
    what: str  # added | rescheduled | budget | progress | spending | status
    before: Any
    after: Any


def compare(
    before: PlanSnapshot | None, after: PlanSnapshot, t1: datetime, t2: datetime
) -> list[Change]:
    """Changes to activities between instant ``t1`` (``before``) and ``t2`` (``after``)."""
    day1, day2 = t1.astimezone(BANGKOK).date(), t2.astimezone(BANGKOK).date()
    old: dict[str, ActivityAssessment] = {}
    for facts in before.activities if before else ():
        assessed = assess(facts, day1)
        if assessed is not None:
            old[facts.code] = assessed
    changes: list[Change] = []
    for facts in sorted(after.activities, key=lambda a: code_key(a.code)):
        new = assess(facts, day2)
        if new is None:
            continue
        was = old.get(facts.code)
        if was is None:
            changes.append(Change(new.code, new.name, "added", None, months(new.planned_months)))
            continue
        for what, a, b in (
            ("rescheduled", months(was.planned_months), months(new.planned_months)),
            ("budget", money(was.allocated), money(new.allocated)),
            ("progress", was.progress, new.progress),
            ("spending", money(was.spent), money(new.spent)),
            ("status", was.status.value, new.status.value),
        ):
            if a != b:
                changes.append(Change(new.code, new.name, what, a, b))
    return changes


class ChangeOut(BaseModel):
    code: str
    name: str
    what: Literal["added", "rescheduled", "budget", "progress", "spending", "status"]
    before: int | str | list[str] | None
    after: int | str | list[str] | None


class ComparisonOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    plan_id: UUID
    from_: datetime = Field(alias="from")
    to: datetime
    summary: dict[str, int]
    changes: list[ChangeOut]


def comparison_resource(
    changes: list[Change], t1: datetime, t2: datetime, plan: PlanSnapshot
) -> ComparisonOut:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.what] = counts.get(change.what, 0) + 1
    return ComparisonOut(
        plan_id=plan.plan.id,
        **{"from": t1},
        to=t2,
        summary=dict(sorted(counts.items())),
        changes=[
            ChangeOut(code=c.code, name=c.name, what=c.what, before=c.before, after=c.after)  # type: ignore[arg-type]
            for c in changes
        ],
    )
