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

Leaving facts out copies nothing: a list with later facts becomes a
:class:`~projections.prefix.Prefix` of the current one. Slices touched every fact
they kept, and the collector walked them again, so a cut near the log's end cost nearly
twice what one near its start did; a prefix costs the same wherever the instant is.
What a cut still costs against the head is a new sheet for each activity with
something recorded since, and a few prefixes on it.

Where a cut does not hold, :func:`activity_then` says so (``None`` for *unknown*) and the
caller folds the log as before: a sheet whose stamps go back in time (a clock set
back between two commands on one activity). A property test holds every cut to a
full re-fold of the log (``tests/integration/test_time_travel.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
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
    StepFacts,
)
from projections.prefix import Prefix
from projections.stamps import At, Stamp, known_by

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


def _known(facts: Stamped, at: At) -> int | None:
    """How many of the sheet's events were recorded by ``at``; None when its stamps
    are not in time order (the events known then would not be a prefix)."""
    if not facts.stamps_in_order:
        return None
    return known_by(facts.stamps, at)


def _clone(sheet: C) -> C:
    """A shallow copy of a slotted sheet or fact, through its own ``__init__`` with every
    field read at once (``copy.copy`` took ten times as long, a field at a time twice)."""
    kind = type(sheet)
    read = _FIELDS.get(kind)
    if read is None:
        read = _FIELDS[kind] = attrgetter(*(f.name for f in fields(kind)))  # type: ignore[arg-type]
    return kind(*read(sheet))


_FIELDS: dict[type, attrgetter[tuple[object, ...]]] = {}
_SEQ = attrgetter("seq")
_POSITION = itemgetter(0)


def _upto(facts: list[D], cut: int) -> list[D]:
    """The facts of positions up to ``cut`` (facts are appended in log order): the list
    itself when none is later, else a :class:`Prefix` of it, read in place. Readers take
    it for the list it stands for, and none mutates a sheet it did not fold."""
    if not facts or facts[-1].seq <= cut:
        return facts
    return Prefix(facts, cut, _SEQ)  # type: ignore[return-value]


def _pairs_upto(pairs: list[tuple[int, T]], cut: int) -> list[tuple[int, T]]:
    if not pairs or pairs[-1][0] <= cut:
        return pairs
    return Prefix(pairs, cut, _POSITION)  # type: ignore[return-value]


def _first(stamps: list[Stamp], known: int) -> list[Stamp]:
    return Prefix.first(stamps, known)  # type: ignore[return-value]


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


def _steps(steps: list[StepFacts], cut: int) -> list[StepFacts]:
    """The steps as they stood: the same list when none has changed since ``cut``."""
    for step in steps:
        if step.completed_seq > cut or (step.schedule and step.schedule[-1].seq > cut):
            return [_step(s, cut) for s in steps]
    return steps


def activity_then(facts: ActivityFacts, instant: datetime | At) -> ActivityFacts | str | None:
    """The activity's sheet as it stood at ``instant``: the same object when nothing was
    recorded on it since, ``ABSENT`` before it was planned, None when it cannot be cut.
    Its lists are the current ones where nothing was added since, else a
    :class:`Prefix` of them: reading it costs what reading the current sheet does."""
    known = _known(facts, At.of(instant) if isinstance(instant, datetime) else instant)
    if not known:
        return ABSENT if known == 0 else None
    stamps = facts.stamps
    if known == len(stamps):
        return facts
    then = _clone(facts)
    then.stamps = _first(stamps, known)
    cut, then.version, then.recorded_at = stamps[known - 1]
    then.schedule = _upto(facts.schedule, cut)
    if facts.steps:
        then.steps = _steps(facts.steps, cut)
    then.allocations = _upto(facts.allocations, cut)
    then.spending = _upto(facts.spending, cut)
    then.commitments = _upto(facts.commitments, cut)
    then.outputs = _upto(facts.outputs, cut)
    then.deliveries = _upto(facts.deliveries, cut)
    then.progress = _upto(facts.progress, cut)
    then.closures = _upto(facts.closures, cut)
    _cut_the_rest(facts, then, cut)
    return then


def _cut_the_rest(facts: ActivityFacts, then: ActivityFacts, cut: int) -> None:
    """Corrections, starts, days worked and a withdrawal, as they stood at ``cut``."""
    if facts.corrected_at > cut:  # something was put right in place since: undo it
        _undo_corrections(then, cut)
    if facts.starts and facts.starts[-1][0] > cut:
        then.starts = _pairs_upto(facts.starts, cut)
        then.started_on = then.starts[-1][1] if then.starts else None
    worked = facts.work_seqs
    if worked and worked[-1] > cut:
        then.work_seqs = Prefix(worked, cut)  # type: ignore[assignment]  # read as a list
        then.work_days = Prefix(facts.work_days, cut, by=worked)  # type: ignore[assignment]
    if facts.withdrawn is not None and facts.withdrawn.seq > cut:
        then.withdrawn = None


def _undo_corrections(then: ActivityFacts, cut: int) -> None:
    """Amounts, quantities and completion days as the corrections by ``cut`` left them."""
    then.spending = [_entry_then(e, cut, "amount") for e in then.spending]
    then.commitments = [_entry_then(c, cut, "amount") for c in then.commitments]
    then.deliveries = [_entry_then(d, cut, "quantity") for d in then.deliveries]
    then.closures = [_closure(c, cut) for c in then.closures]
    then.corrected_at = max((s[0] for s in _corrections_upto(then)), default=0)


def project_then(facts: ProjectFacts, instant: datetime | At) -> ProjectFacts | str | None:
    """The project's sheet as it stood at ``instant`` (as :func:`activity_then`)."""
    known = _known(facts, At.of(instant) if isinstance(instant, datetime) else instant)
    if not known:
        return ABSENT if known == 0 else None
    if known == len(facts.stamps):
        return facts
    then = _clone(facts)
    then.stamps = _first(facts.stamps, known)
    cut, then.version, _ = facts.stamps[known - 1]
    then.budgets = _upto(facts.budgets, cut)
    if facts.cancelled_on is not None and facts.cancelled_seq > cut:
        then.cancelled_on, then.cancelled_seq = None, 0
    if facts.withdrawn is not None and facts.withdrawn.seq > cut:
        then.withdrawn = None
    then.sources = _pairs_upto(facts.sources, cut)
    then.funding_source = then.sources[-1][1] if then.sources else ""
    return then


def plan_then(facts: PlanFacts, instant: datetime | At) -> PlanFacts | str | None:
    """The plan's sheet as it stood at ``instant`` (as :func:`activity_then`)."""
    known = _known(facts, At.of(instant) if isinstance(instant, datetime) else instant)
    if not known:
        return ABSENT if known == 0 else None
    if known == len(facts.stamps):
        return facts
    then = _clone(facts)
    then.stamps = _first(facts.stamps, known)
    cut, _, then.recorded_at = facts.stamps[known - 1]
    then.sections = _upto(facts.sections, cut)
    then.revisions = _upto(facts.revisions, cut)
    then.findings = _upto(facts.findings, cut)
    then.filings = _upto(facts.filings, cut)
    then.publications = _upto(facts.publications, cut)
    return then


S = TypeVar("S", ActivityFacts, ProjectFacts)


def all_then(
    sheets: tuple[S, ...], instant: datetime, then: Callable[[S, At], S | str | None]
) -> list[S] | None:
    """Each sheet as it stood, those not yet planned left out, in the order they were
    planned (as a fold of the log holds them); None if any cannot be cut."""
    at = At.of(instant)
    kept: list[S] = []
    for sheet in sorted(sheets, key=lambda s: s.stamps[0][0] if s.stamps else 0):
        found = then(sheet, at)
        if found is None:
            return None
        if not isinstance(found, str):
            kept.append(found)
    return kept
