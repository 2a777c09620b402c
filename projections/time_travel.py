"""Sheets as they stood at an instant, cut from the current ones.

Time travel used to fold every event recorded up to the instant: its cost grew with
the whole history before it, and after a few years an auditor waited seconds. A sheet
now keeps, for every event folded into it, a stamp (position, version it left, when
recorded), and for what an event changes in place, the position and the value before
(:mod:`projections.facts`). An aggregate's events are recorded in order, each after
the one before it, so the events of one sheet recorded by an instant are a prefix of
its stamps; the sheet then is the current one with every fact of a later position
left out and every later change undone. The cost is the plan's current sheets, read
from the live view and parsed once per version, not the log before the instant.

Where that does not hold, :func:`sheet_then` says so (``None`` for *unknown*) and the
caller folds the log as before: a sheet whose stamps go back in time (a clock set
back between two commands on one activity). A property test holds every cut to a
full re-fold of the log (``tests/integration/test_time_travel.py``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, datetime
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import Protocol, TypeVar

from projections.facts import (
    ActivityFacts,
    Change,
    ClosureFact,
    CommitmentFact,
    DeliveryFact,
    PlanFacts,
    ProjectFacts,
    SpendingFact,
    Stamp,
    StepFacts,
)

ABSENT = "absent"
"""The sheet's first event was recorded after the instant: it did not exist yet."""


class _Dated(Protocol):
    @property
    def seq(self) -> int: ...


class Stamped(Protocol):
    stamps: list[Stamp]
    stamps_in_order: bool


D = TypeVar("D", bound=_Dated)
C = TypeVar("C")
T = TypeVar("T")


def cut_at(facts: Stamped, instant: datetime) -> int | str | None:
    """The position of the last event recorded by ``instant``; ``ABSENT`` when none was,
    None when the sheet's stamps are not in time order (the cut would not be a prefix)."""
    if not facts.stamps_in_order:
        return None
    stamps = facts.stamps
    known = bisect_right(stamps, instant.astimezone(UTC), key=_RECORDED)
    return stamps[known - 1][0] if known else ABSENT


def _clone(sheet: C) -> C:
    """A shallow copy of a slotted sheet or fact: ``copy.copy`` took five times as long."""
    kind = type(sheet)
    names = _SLOTS.get(kind)
    if names is None:
        names = _SLOTS[kind] = tuple(f.name for f in fields(kind))  # type: ignore[arg-type]
    twin = object.__new__(kind)
    for name in names:
        setattr(twin, name, getattr(sheet, name))
    return twin


_SLOTS: dict[type, tuple[str, ...]] = {}
_SEQ = attrgetter("seq")
_POSITION = itemgetter(0)
_RECORDED = itemgetter(2)


def _upto(facts: list[D], cut: int) -> list[D]:
    """The facts of positions up to ``cut`` (facts are appended in log order)."""
    if not facts or facts[-1].seq <= cut:
        return facts
    return facts[: bisect_right(facts, cut, key=_SEQ)]


def _pairs_upto(pairs: list[tuple[int, T]], cut: int) -> list[tuple[int, T]]:
    if not pairs or pairs[-1][0] <= cut:
        return pairs
    return pairs[: bisect_right(pairs, cut, key=_POSITION)]


def _stamps_upto(stamps: list[Stamp], cut: int) -> list[Stamp]:
    if stamps[-1][0] <= cut:
        return stamps
    return stamps[: bisect_right(stamps, cut, key=_POSITION)]


def _corrected(original: Decimal, corrections: list[Change], cut: int) -> Decimal:
    kept = _pairs_upto(corrections, cut)
    return kept[-1][1] if kept else original


Corrected = TypeVar("Corrected", SpendingFact, CommitmentFact, DeliveryFact)


def _entry_then(entry: Corrected, cut: int, field: str) -> Corrected:
    """A spending entry, commitment or delivery with the corrections after ``cut`` undone:
    ``field`` (its amount or quantity) as the last correction by then left it."""
    if not entry.corrections or entry.corrections[-1][0] <= cut:
        return entry
    then = _clone(entry)
    then.corrections = _pairs_upto(entry.corrections, cut)
    setattr(then, field, _corrected(entry.original, entry.corrections, cut))
    return then


def _closure(closure: ClosureFact, cut: int) -> ClosureFact:
    """A completion as it stood: each later correction's move undone, latest first."""
    if not closure.moves or closure.moves[-1][0] <= cut:
        return closure
    then = _clone(closure)
    then.moves = _pairs_upto(closure.moves, cut)
    later = closure.moves[len(then.moves) :]
    then.on = later[0][1]  # the day the first later correction moved it from
    return then


def _corrections_upto(facts: ActivityFacts) -> list[tuple[int, object]]:
    """Every correction in place the sheet holds (its entries already cut)."""
    found: list[tuple[int, object]] = []
    entries: list[SpendingFact | CommitmentFact | DeliveryFact] = [
        *facts.spending, *facts.commitments, *facts.deliveries,
    ]  # fmt: skip
    for entry in entries:
        found += entry.corrections
    for closure in facts.closures:
        found += closure.moves
    return found


def _step(step: StepFacts, cut: int) -> StepFacts:
    schedule = _upto(step.schedule, cut)
    done = step.completed_on is not None and step.completed_seq <= cut
    if schedule is step.schedule and (done or step.completed_on is None):
        return step
    then = _clone(step)
    then.schedule = schedule
    if not done:
        then.completed_on, then.completed_seq = None, 0
    return then


def activity_then(facts: ActivityFacts, instant: datetime) -> ActivityFacts | str | None:
    """The activity's sheet as it stood at ``instant``: the same object when nothing was
    recorded on it since, ``ABSENT`` before it was planned, None when it cannot be cut."""
    cut = cut_at(facts, instant)
    if cut is None or cut == ABSENT:
        return cut
    assert isinstance(cut, int)
    if facts.stamps[-1][0] <= cut:
        return facts
    then = _clone(facts)
    then.stamps = _stamps_upto(facts.stamps, cut)
    _, then.version, then.recorded_at = then.stamps[-1]
    then.schedule = _upto(facts.schedule, cut)
    then.steps = [_step(s, cut) for s in facts.steps]
    then.allocations = _upto(facts.allocations, cut)
    then.spending = _upto(facts.spending, cut)
    then.commitments = _upto(facts.commitments, cut)
    then.outputs = _upto(facts.outputs, cut)
    then.deliveries = _upto(facts.deliveries, cut)
    then.progress = _upto(facts.progress, cut)
    then.closures = _upto(facts.closures, cut)
    if facts.corrected_at > cut:  # something was put right in place since: undo it
        then.spending = [_entry_then(e, cut, "amount") for e in then.spending]
        then.commitments = [_entry_then(c, cut, "amount") for c in then.commitments]
        then.deliveries = [_entry_then(d, cut, "quantity") for d in then.deliveries]
        then.closures = [_closure(c, cut) for c in then.closures]
        then.corrected_at = max((s[0] for s in _corrections_upto(then)), default=0)
    then.starts = _pairs_upto(facts.starts, cut)
    then.started_on = then.starts[-1][1] if then.starts else None
    kept = bisect_right(facts.work_seqs, cut)
    then.work_seqs, then.work_days = facts.work_seqs[:kept], facts.work_days[:kept]
    if facts.withdrawn is not None and facts.withdrawn.seq > cut:
        then.withdrawn = None
    return then


def project_then(facts: ProjectFacts, instant: datetime) -> ProjectFacts | str | None:
    """The project's sheet as it stood at ``instant`` (as :func:`activity_then`)."""
    cut = cut_at(facts, instant)
    if cut is None or cut == ABSENT:
        return cut
    assert isinstance(cut, int)
    if facts.stamps[-1][0] <= cut:
        return facts
    then = _clone(facts)
    then.stamps = _stamps_upto(facts.stamps, cut)
    then.version = then.stamps[-1][1]
    then.budgets = _upto(facts.budgets, cut)
    if facts.cancelled_on is not None and facts.cancelled_seq > cut:
        then.cancelled_on, then.cancelled_seq = None, 0
    if facts.withdrawn is not None and facts.withdrawn.seq > cut:
        then.withdrawn = None
    then.sources = _pairs_upto(facts.sources, cut)
    then.funding_source = then.sources[-1][1] if then.sources else ""
    return then


def plan_then(facts: PlanFacts, instant: datetime) -> PlanFacts | str | None:
    """The plan's sheet as it stood at ``instant`` (as :func:`activity_then`)."""
    cut = cut_at(facts, instant)
    if cut is None or cut == ABSENT:
        return cut
    assert isinstance(cut, int)
    if facts.stamps[-1][0] <= cut:
        return facts
    then = _clone(facts)
    then.stamps = _stamps_upto(facts.stamps, cut)
    then.recorded_at = then.stamps[-1][2]
    then.sections = _upto(facts.sections, cut)
    then.revisions = _upto(facts.revisions, cut)
    then.findings = _upto(facts.findings, cut)
    then.filings = _upto(facts.filings, cut)
    then.publications = _upto(facts.publications, cut)
    return then


S = TypeVar("S", ActivityFacts, ProjectFacts)


def all_then(
    sheets: tuple[S, ...], instant: datetime, then: Callable[[S, datetime], S | str | None]
) -> list[S] | None:
    """Each sheet as it stood, those not yet planned left out, in the order they were
    planned (as a fold of the log holds them); None if any cannot be cut."""
    kept: list[S] = []
    for sheet in sorted(sheets, key=lambda s: s.stamps[0][0] if s.stamps else 0):
        found = then(sheet, instant)
        if found is None:
            return None
        if not isinstance(found, str):
            kept.append(found)
    return kept
