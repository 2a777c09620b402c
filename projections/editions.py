"""The plan as adopted, as of revision N, or as it stands: one snapshot, three readings.

A plan's *edition* is what its documents say: edition 0 is the plan as adopted,
edition N the plan after revision N (``แก้ไขครั้งที่ N``), and the plan *as it stands*
adds what managers moved between revisions (reschedules and budget changes with a
reason). Every fact on a sheet carries the document that set it (``revision``: 0, N,
or None for a manager's), so an edition is read from the sheets without the log.

An edition is a document, not a day: each item it holds stands from the plan's first
day with the months and money the edition gives it, whatever the business date asked
about. The actual (progress, spending, completions) is the plan's as it stands, so
any two editions can be compared beside the same actual.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from domain.errors import NotFoundError, register_messages
from domain.words import Words
from projections.facts import (
    ActivityFacts,
    AllocationFact,
    PlanFacts,
    ProjectFacts,
    ScheduleFact,
    StepFacts,
)
from projections.queries import PlanSnapshot

F = TypeVar("F", ScheduleFact, AllocationFact)

Edition = int | None
"""0: as adopted; N: as of revision N; None: as it stands."""


EDITION_PATTERN = r"^(adopted|current|revision-[1-9][0-9]{0,3})$"
"""How an edition is named where one is chosen by name (the API's ``from`` and ``to``)."""


def parse_edition(label: str) -> Edition:
    """The edition ``edition_label`` named ``label`` (checked against EDITION_PATTERN)."""
    if label == "current":
        return None
    return 0 if label == "adopted" else int(label.removeprefix("revision-"))


def edition_label(edition: Edition) -> str:
    """How the API names an edition: ``adopted``, ``revision-N`` or ``current``."""
    if edition is None:
        return "current"
    return "adopted" if edition == 0 else f"revision-{edition}"


def edition_words(label: str) -> Words:
    """An edition's name (``adopted``, ``revision-N``, ``current``) as people say it."""
    if label == "current":
        return Words("แผนปัจจุบัน", "as it stands")
    if label == "adopted":
        return Words("แผนตามที่อนุมัติ", "as adopted")
    number = label.removeprefix("revision-")
    return Words(f"แผนตามการแก้ไขครั้งที่ {number}", f"as of revision {number}")


def edition_banner(snapshot: PlanSnapshot) -> str:
    """What a reader is looking at, in Thai (English second)."""
    if snapshot.edition is None:
        return "แผนปัจจุบัน (as it stands)"
    if snapshot.edition == 0:
        return "แผนตามที่อนุมัติ (as adopted)"
    revision = snapshot.plan.revisions[snapshot.edition - 1]
    return (
        f"แผนตามการแก้ไขครั้งที่ {revision.number}: {revision.name} (as of revision {revision.number})"
    )


def edition_of(snapshot: PlanSnapshot, edition: Edition) -> PlanSnapshot:
    """The snapshot as edition ``edition`` of the plan has it (itself for None)."""
    if edition is None:
        return snapshot
    plan = snapshot.plan
    if edition < 0 or edition > len(plan.revisions):
        raise NotFoundError(
            "revision_not_found",
            field="revision",
            revision=edition,
            plan=f"{plan.organisation} ({plan.fiscal_year})",
            known=[f"{r.number} {r.name}" for r in plan.revisions] or "-",
        )
    return PlanSnapshot(
        _plan(plan, edition),
        tuple(_project(p, edition, plan) for p in snapshot.projects if _holds(p, edition)),
        tuple(_activity(a, edition, plan) for a in snapshot.activities if _holds(a, edition)),
        edition,
    )


def _holds(item: ProjectFacts | ActivityFacts, edition: int) -> bool:
    """Brought in by the edition or before, and not withdrawn by it."""
    gone = item.withdrawn is not None and item.withdrawn.revision <= edition
    return item.revision <= edition and not gone


def _plan(plan: PlanFacts, edition: int) -> PlanFacts:
    return replace(
        plan,
        sections=[
            replace(s, added_on=plan.planned_on) for s in plan.sections if s.revision <= edition
        ],
        revisions=plan.revisions[:edition],
    )


def _documented(facts: list[F], edition: int, plan: PlanFacts) -> list[F]:
    """The one fact the edition says, standing from the plan's first day."""
    said = [f for f in facts if f.revision is not None and f.revision <= edition]
    if not said:
        return []
    last = max(said, key=lambda f: f.seq)
    return [replace(last, on=plan.planned_on)]


def _project(project: ProjectFacts, edition: int, plan: PlanFacts) -> ProjectFacts:
    return replace(
        project,
        budgets=_documented(project.budgets, edition, plan),
        planned_on=plan.planned_on,
        withdrawn=None,
    )


def _activity(activity: ActivityFacts, edition: int, plan: PlanFacts) -> ActivityFacts:
    return replace(
        activity,
        schedule=_documented(activity.schedule, edition, plan),
        allocations=_documented(activity.allocations, edition, plan),
        steps=[_step(s, edition, plan) for s in activity.steps],
        closures=[c for c in activity.closures if c.kind != "withdrawn"],
        planned_on=plan.planned_on,
        withdrawn=None,
    )


def _step(step: StepFacts, edition: int, plan: PlanFacts) -> StepFacts:
    return replace(step, schedule=_documented(step.schedule, edition, plan))


register_messages(
    {
        "revision_not_found": (
            "แผน {plan} ไม่มีการแก้ไขครั้งที่ {revision} (ที่มี: {known})",
            "plan {plan} has no revision {revision} (it has: {known})",
        ),
    }
)
