"""An activity: read it (with its ETag), read its history, record commands on it.

Commands take ``If-Match: "<version>"`` for optimistic concurrency: a stale
version is a 409 with the current version in the body. Each returns the
activity's new version and the notification position, which a later read can
pass as ``min_position`` to see its own write.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response

from api.deps import CurrentUser, ServicesDep
from api.routes.common import (
    AsOf,
    IfMatch,
    MinPosition,
    On,
    business_today,
    etag,
    expected_version,
    instant,
    read_your_writes,
    run_command,
)
from api.routes.events import event_page
from api.schemas.commands import (
    BudgetIn,
    CommandOut,
    CompletionCorrectionIn,
    ExpenditureCorrectionIn,
    ExpenditureIn,
    NoteIn,
    ProgressIn,
    ReasonIn,
    RescheduleIn,
    StartCorrectionIn,
    StartIn,
)
from api.schemas.events import EventsPage
from api.schemas.plans import ActivityDetailOut
from api.services import Services
from application.tracker import Outcome
from domain.calendar import Month
from domain.clock import BANGKOK
from domain.errors import InputError, NotFoundError
from domain.parsing import parse_baht
from domain.policy import Action, Principal
from projections.facts import ActivityFacts
from projections.queries import fold_as_of
from projections.resources import activity_resource, assess_activity

router = APIRouter(prefix="/api/v1/activities", tags=["activities"])

ActivityId = Annotated[UUID, Path(description="The activity's id")]


@router.get("/{activity_id}", response_model=ActivityDetailOut)
def get_activity(
    activity_id: ActivityId,
    svc: ServicesDep,
    who: CurrentUser,
    response: Response,
    as_of: AsOf = None,
    on: On = None,
    min_position: MinPosition = None,
) -> ActivityDetailOut:
    """The activity as it stands (or as of an instant, or on a business date)."""
    who.require(Action.READ)
    read_your_writes(svc, min_position)
    as_of = instant(as_of)
    facts = _facts(svc, activity_id, as_of)
    day = on or (as_of.astimezone(BANGKOK).date() if as_of else business_today(svc))
    response.headers["ETag"] = etag(facts.version)
    return ActivityDetailOut(
        plan_id=facts.plan_id,
        project_code=facts.project_code,
        activity=activity_resource(facts, day),
        assessment=assess_activity(facts, day),
    )


@router.get("/{activity_id}/events", response_model=EventsPage)
def activity_events(
    activity_id: ActivityId,
    svc: ServicesDep,
    who: CurrentUser,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    as_of: AsOf = None,
    min_position: MinPosition = None,
) -> EventsPage:
    """Every event of the activity: who, business date, recording time, late-entry mark."""
    who.require(Action.READ)
    read_your_writes(svc, min_position)
    _facts(svc, activity_id, None)
    return event_page(svc, after=after, limit=limit, activity=activity_id, as_of=instant(as_of))


def _facts(svc: Services, activity_id: UUID, as_of: datetime | None) -> ActivityFacts:
    if as_of is None:
        return svc.runtime.reader.activity(activity_id)
    facts = fold_as_of(svc.runtime.tracker, as_of).activities.get(activity_id)
    if facts is None:
        raise NotFoundError("activity_not_found", code=str(activity_id), plan="")
    return facts


# ------------------------------------------------------------------ commands

Command = Callable[[UUID, str, int | None], Outcome]


def record(
    svc: Services,
    who: Principal,
    activity_id: UUID,
    if_match: str | None,
    response: Response,
    *,
    name: str,
    action: Action,
    command: Command,
) -> CommandOut:
    """Check the principal may act on this activity's unit, run the command, count it."""

    def run() -> Outcome:
        who.require(action, svc.runtime.unit_of(activity_id))
        return command(activity_id, who.username, expected_version(if_match))

    return CommandOut.of(run_command(svc, name, run, response))


@router.post("/{activity_id}/start", response_model=CommandOut)
def start(
    activity_id: ActivityId, body: StartIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Record that work on the activity began."""
    return record(
        svc, who, activity_id, if_match, response, name="start", action=Action.RECORD,
        command=lambda a, actor, v: svc.runtime.tracker.start(
            a, actor=actor, occurred_on=body.occurred_on, note=body.note, expected_version=v
        ),
    )  # fmt: skip


@router.post("/{activity_id}/start/correction", response_model=CommandOut)
def correct_start(
    activity_id: ActivityId, body: StartCorrectionIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Put the day work began right, with the reason why; ``occurred_on`` is the true start."""
    return record(
        svc, who, activity_id, if_match, response, name="start_correction", action=Action.RECORD,
        command=lambda a, actor, v: svc.runtime.tracker.correct_start(
            a, actor=actor, reason=body.reason, occurred_on=body.occurred_on, expected_version=v
        ),
    )  # fmt: skip


@router.post("/{activity_id}/progress", response_model=CommandOut)
def progress(
    activity_id: ActivityId, body: ProgressIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Record progress; a lower figure than before needs a reason (a correction)."""
    return record(
        svc, who, activity_id, if_match, response, name="progress", action=Action.RECORD,
        command=lambda a, actor, v: (
            svc.runtime.tracker.correct_progress(
                a, body.percent, actor=actor, occurred_on=body.occurred_on, reason=body.reason,
                evidence=body.evidence, expected_version=v,
            )
            if body.reason and body.reason.strip()
            else svc.runtime.tracker.record_progress(
                a, body.percent, actor=actor, occurred_on=body.occurred_on, note=body.note,
                evidence=body.evidence, expected_version=v,
            )
        ),
    )  # fmt: skip


@router.post("/{activity_id}/expenditures", response_model=CommandOut)
def spend(
    activity_id: ActivityId, body: ExpenditureIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Record an expenditure; the total spent may not exceed the allocation."""
    amount = parse_baht(body.amount)
    return record(
        svc, who, activity_id, if_match, response, name="expenditure", action=Action.RECORD,
        command=lambda a, actor, v: svc.runtime.tracker.record_expenditure(
            a, amount, actor=actor, occurred_on=body.occurred_on, reference=body.reference,
            note=body.note, expected_version=v,
        ),
    )  # fmt: skip


@router.post("/{activity_id}/expenditures/{entry}/correction", response_model=CommandOut)
def correct_spending(
    activity_id: ActivityId, entry: Annotated[int, Path(ge=1, le=100_000)],
    body: ExpenditureCorrectionIn, svc: ServicesDep, who: CurrentUser, response: Response,
    if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Correct an expenditure entry's amount, with the reason why."""
    amount = parse_baht(body.amount)
    return record(
        svc, who, activity_id, if_match, response, name="expenditure_correction",
        action=Action.MANAGE,
        command=lambda a, actor, v: svc.runtime.tracker.correct_expenditure(
            a, entry, amount, actor=actor, reason=body.reason, occurred_on=body.occurred_on,
            expected_version=v,
        ),
    )  # fmt: skip


@router.post("/{activity_id}/steps/{step}/complete", response_model=CommandOut)
def complete_step(
    activity_id: ActivityId, step: Annotated[int, Path(ge=1, le=1000)], body: NoteIn,
    svc: ServicesDep, who: CurrentUser, response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Record that one numbered step was done."""
    return record(
        svc, who, activity_id, if_match, response, name="step", action=Action.RECORD,
        command=lambda a, actor, v: svc.runtime.tracker.complete_step(
            a, step, actor=actor, occurred_on=body.occurred_on, note=body.note,
            expected_version=v,
        ),
    )  # fmt: skip


@router.post("/{activity_id}/complete", response_model=CommandOut)
def complete(
    activity_id: ActivityId, body: NoteIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Complete the activity (every step done, or a note saying why not)."""
    return record(
        svc, who, activity_id, if_match, response, name="complete", action=Action.RECORD,
        command=lambda a, actor, v: svc.runtime.tracker.complete(
            a, actor=actor, occurred_on=body.occurred_on, note=body.note, expected_version=v
        ),
    )  # fmt: skip


@router.post("/{activity_id}/complete/correction", response_model=CommandOut)
def correct_completion(
    activity_id: ActivityId, body: CompletionCorrectionIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Put the day the activity was finished right, with the reason why; ``occurred_on`` is
    the true completion."""
    return record(
        svc, who, activity_id, if_match, response, name="completion_correction",
        action=Action.RECORD,
        command=lambda a, actor, v: svc.runtime.tracker.correct_completion(
            a, actor=actor, reason=body.reason, occurred_on=body.occurred_on, expected_version=v
        ),
    )  # fmt: skip


@router.post("/{activity_id}/cancel", response_model=CommandOut)
def cancel(
    activity_id: ActivityId, body: ReasonIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Cancel the activity, with the reason why (managers)."""
    return record(
        svc, who, activity_id, if_match, response, name="cancel", action=Action.MANAGE,
        command=lambda a, actor, v: svc.runtime.tracker.cancel(
            a, actor=actor, reason=body.reason, occurred_on=body.occurred_on, expected_version=v
        ),
    )  # fmt: skip


@router.post("/{activity_id}/reopen", response_model=CommandOut)
def reopen(
    activity_id: ActivityId, body: ReasonIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Withdraw a completion or cancellation recorded in error (managers)."""
    return record(
        svc, who, activity_id, if_match, response, name="reopen", action=Action.MANAGE,
        command=lambda a, actor, v: svc.runtime.tracker.reopen(
            a, actor=actor, reason=body.reason, occurred_on=body.occurred_on, expected_version=v
        ),
    )  # fmt: skip


@router.post("/{activity_id}/reschedule", response_model=CommandOut)
def reschedule(
    activity_id: ActivityId, body: RescheduleIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Move the activity (or one step) to other months of its fiscal year (managers)."""
    months = tuple(_month(m) for m in body.months)
    return record(
        svc, who, activity_id, if_match, response, name="reschedule", action=Action.MANAGE,
        command=lambda a, actor, v: svc.runtime.tracker.reschedule(
            a, months, actor=actor, reason=body.reason, step=body.step,
            occurred_on=body.occurred_on, expected_version=v,
        ),
    )  # fmt: skip


@router.post("/{activity_id}/budget", response_model=CommandOut)
def revise_budget(
    activity_id: ActivityId, body: BudgetIn, svc: ServicesDep, who: CurrentUser,
    response: Response, if_match: IfMatch = None,
) -> CommandOut:  # fmt: skip
    """Change the activity's allocation, with the reason why (managers)."""
    amount = parse_baht(body.amount)
    return record(
        svc, who, activity_id, if_match, response, name="budget", action=Action.MANAGE,
        command=lambda a, actor, v: svc.runtime.tracker.revise_budget(
            a, amount, actor=actor, reason=body.reason, occurred_on=body.occurred_on,
            expected_version=v,
        ),
    )  # fmt: skip


def _month(text: str) -> Month:
    try:
        return Month.from_iso(text)
    except ValueError:
        raise InputError("month_format", field="months", text=text) from None
