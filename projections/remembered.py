"""Resources serialised from JSON remembered per activity version.

Plan versus actual and the plan resource of a thousand activities are a megabyte of
JSON each, and a write changes one activity. Each activity's part is a pure function
of its fact sheet (which changes only with its version) and the business day, so a
runtime keeps every activity's part with the version and day it was made for, and a
resource after one write makes one part again and joins the rest.

Joining is done on the serialised bytes: the envelope is serialised with an empty
list where the parts go and the parts are put in its place. ``"rows":[]`` (or
``"activities":[]``, ``"projects":[]``) with its quotes can only be the field
itself: inside a JSON string every quote is escaped. The result is the model's own
``model_dump_json()`` byte for byte; tests hold the two equal.

A memo is per runtime and never shared between stores (activity ids repeat across
stores of the same plan); a request for another edition or an instant in the past
takes a fresh one of its own, so the current plan's parts are not pushed out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from projections.assess import ActivityAssessment, assess
from projections.bounded import Bounded
from projections.collector import without_collector
from projections.facts import ActivityFacts
from projections.queries import PlanSnapshot
from projections.resources import (
    activity_resource,
    assessment_out,
    plan_out,
    plan_tree,
    plan_vs_actual_out,
    project_out,
)

MEMO_ROWS = 10_000
"""Activities' parts a runtime keeps for each resource (ten plans of 1,000 activities)."""

T = TypeVar("T")


@dataclass(slots=True)
class _Kept(Generic[T]):
    version: int
    on: date
    value: T


class PerVersion(Generic[T]):
    """What is made from an activity's sheet for a business day, kept for the version and
    day it was made for: a sheet changes only with its activity's version."""

    def __init__(self, make: Callable[[ActivityFacts, date], T], size: int = MEMO_ROWS) -> None:
        self._make = make
        self._kept: Bounded[str, _Kept[T]] = Bounded(size)

    def get(self, facts: ActivityFacts, on: date) -> T:
        key = str(facts.id)
        found = self._kept.get(key)
        if found is None or found.version != facts.version or found.on != on:
            found = _Kept(facts.version, on, self._make(facts, on))
            self._kept.put(key, found)
        return found.value

    def last(self, activity_id: str) -> T | None:
        """What was last made for the activity, whatever its version and day."""
        found = self._kept.get(activity_id)
        return None if found is None else found.value


@dataclass(slots=True)
class _Row:
    assessment: ActivityAssessment | None
    json: bytes | None = None


class RowMemo:
    """Plan-versus-actual rows remembered per activity, for the version and day they
    were made for: the assessment and its JSON."""

    def __init__(self, size: int = MEMO_ROWS) -> None:
        self._rows = PerVersion(lambda facts, on: _Row(assess(facts, on)), size)

    def assess(self, facts: ActivityFacts, on: date) -> ActivityAssessment | None:
        return self._rows.get(facts, on).assessment

    def json(self, row: ActivityAssessment, on: date) -> bytes:
        """The row as JSON, exactly as inside ``PlanVsActualOut.model_dump_json()``."""
        found = self._rows.last(row.id)
        if found is None or found.assessment is not row:
            return assessment_out(row).model_dump_json().encode()
        if found.json is None:
            found.json = assessment_out(row).model_dump_json().encode()
        return found.json


@without_collector  # a megabyte of models and bytes, no cycles: see projections.collector
def plan_vs_actual_json(
    snapshot: PlanSnapshot,
    on: date,
    memo: RowMemo,
    keep: Callable[[ActivityAssessment], bool] | None = None,
) -> bytes:
    """``plan_vs_actual_resource(...).model_dump_json()``, byte for byte (rows filtered
    by ``keep``; the roll-ups always cover the whole plan), from remembered rows."""
    report = snapshot.versus_actual(on, memo.assess)
    rows = [r for r in report.rows if keep is None or keep(r)]
    envelope = plan_vs_actual_out(snapshot, on, report, []).model_dump_json().encode()
    return _put_in(envelope, b"rows", [memo.json(r, on) for r in rows])


class ActivityMemo:
    """Each activity's part of the plan resource, for the version and day it was made for."""

    def __init__(self, size: int = MEMO_ROWS) -> None:
        self._parts = PerVersion(
            lambda facts, on: activity_resource(facts, on).model_dump_json().encode(), size
        )

    def json(self, facts: ActivityFacts, on: date) -> bytes:
        return self._parts.get(facts, on)


@without_collector
def plan_json(snapshot: PlanSnapshot, on: date, memo: ActivityMemo) -> bytes:
    """``plan_resource(...).model_dump_json()``, byte for byte, from remembered parts."""
    tree = plan_tree(snapshot, on)
    projects = [
        _put_in(
            project_out(p, on, []).model_dump_json().encode(),
            b"activities",
            [memo.json(a, on) for a in tree.activities[p.id]],
        )
        for p in tree.projects
    ]
    return _put_in(plan_out(snapshot, on, []).model_dump_json().encode(), b"projects", projects)


def _put_in(envelope: bytes, field: bytes, parts: list[bytes]) -> bytes:
    """``envelope`` with the empty list of ``field`` (its first) filled with ``parts``."""
    empty = b'"' + field + b'":[]'
    return envelope.replace(empty, b'"' + field + b'":[' + b",".join(parts) + b"]", 1)
