"""An activity: read it (with its ETag), read its history, record commands on it.

Commands take ``If-Match: "<version>"`` for optimistic concurrency: a stale
version is a 409 with the current version in the body. Each returns the
activity's new version and the notification position, which a later read can
pass as ``min_position`` to see its own write.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from inspect import Parameter, Signature
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, File, Path, Query, Response, UploadFile

from api.activity_commands import COMMANDS, ActivityCommand, Asked
from api.deps import CurrentUser, Reader, ServicesDep
from api.evidence import read_upload, served, staged
from api.freshness import read_your_writes
from api.routes.common import (
    AsOf,
    IfMatch,
    MinPosition,
    On,
    etag,
    expected_version,
    instant,
    reading_day,
    run_command,
)
from api.routes.events import event_page
from api.schemas.commands import CommandIn, CommandOut, EvidenceOut
from api.schemas.events import EventsPage
from api.schemas.plans import ActivityDetailOut
from api.services import Services
from application.outcome import Outcome
from domain.policy import Action, Principal
from projections.facts import ActivityFacts
from projections.resources import activity_resource, assess_activity

router = APIRouter(prefix="/api/v1/activities", tags=["activities"])

ActivityId = Annotated[UUID, Path(description="The activity's id")]


@router.get("/{activity_id}", response_model=ActivityDetailOut)
def get_activity(
    activity_id: ActivityId,
    svc: ServicesDep,
    who: Reader,
    response: Response,
    as_of: AsOf = None,
    on: On = None,
    min_position: MinPosition = None,
) -> ActivityDetailOut:
    """The activity as it stands (or as of an instant, or on a business date)."""
    read_your_writes(svc, min_position)
    as_of = instant(as_of)
    facts = _facts(svc, activity_id, as_of)
    day = reading_day(svc, on, as_of)
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
    who: Reader,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    as_of: AsOf = None,
    min_position: MinPosition = None,
) -> EventsPage:
    """Every event of the activity: who, business date, recording time, late-entry mark."""
    read_your_writes(svc, min_position)
    _facts(svc, activity_id, None)
    return event_page(
        svc, reach=who.organisations, after=after, limit=limit, activity=activity_id,
        as_of=instant(as_of),
    )  # fmt: skip


Digest = Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="The file's SHA-256")]


@router.post("/{activity_id}/evidence", response_model=EvidenceOut, status_code=201)
def upload_evidence(
    activity_id: ActivityId,
    svc: ServicesDep,
    who: CurrentUser,
    file: Annotated[UploadFile, File(description="A photo (JPEG, PNG, WebP, HEIC) or a PDF")],
) -> EvidenceOut:
    """Upload a photo or PDF as evidence for a record on the activity (staff of its unit,
    managers): checked by content and size, kept a day; name its ``sha256`` in the
    record's ``evidence_files`` to attach it."""
    who.require(Action.RECORD, svc.runtime.unit_of(activity_id))
    checked = read_upload(file.file, file.filename or "", svc.settings.evidence_limit_bytes,
                          field="file")  # fmt: skip
    svc.uploads.keep(checked.data)
    return EvidenceOut(
        sha256=checked.sha256, media_type=checked.media_type, size=checked.size, name=checked.name
    )


@router.get("/{activity_id}/evidence/{sha256}", response_class=Response)
def evidence_file(
    activity_id: ActivityId, sha256: Digest, svc: ServicesDep, who: Reader
) -> Response:
    """An evidence file of the activity, by its digest (removed ones too: the audit keeps them)."""
    return served(svc, activity_id, sha256)


def _facts(svc: Services, activity_id: UUID, as_of: datetime | None) -> ActivityFacts:
    if as_of is None:
        return svc.runtime.reader.activity(activity_id)
    return svc.runtime.reader.activity_as_of(activity_id, as_of).facts


# ------------------------------------------------------------------ commands


def _declare(command: ActivityCommand[Any]) -> Callable[..., CommandOut]:
    """Declare ``command``'s route: one endpoint, whose signature is the command's own."""

    def endpoint(
        *,
        activity_id: UUID,
        body: CommandIn,
        svc: Services,
        who: Principal,
        response: Response,
        if_match: str | None = None,
        **number: int,
    ) -> CommandOut:
        def run() -> Outcome:
            command.permit(who, svc.runtime, activity_id)
            tracker, version = svc.runtime.tracker, expected_version(if_match)
            files = staged(svc, body)
            item = next(iter(number.values()), 0)
            asked = Asked(tracker, activity_id, body, who.username, version, item, files)
            return command.run(asked)

        return CommandOut.of(run_command(svc, command.name, run, response))

    endpoint.__signature__ = _signature(command)  # type: ignore[attr-defined]
    router.add_api_route(
        f"/{{activity_id}}{command.path}",
        endpoint,
        methods=["POST"],
        response_model=CommandOut,
        name=command.operation,
        description=command.doc,
    )
    return endpoint


def _signature(command: ActivityCommand[Any]) -> Signature:
    """What FastAPI reads from a command's endpoint: the path's activity (and the step
    or entry it names, with its bounds), the command's input model as the body, the
    services, the signed-in principal and ``If-Match`` — so the OpenAPI document shows
    each route's own."""

    def given(name: str, annotation: object, default: object = Parameter.empty) -> Parameter:
        return Parameter(name, Parameter.KEYWORD_ONLY, annotation=annotation, default=default)

    item = command.item
    number = [given(item.name, Annotated[int, Path(ge=1, le=item.most)])] if item else []
    return Signature(
        [
            given("activity_id", ActivityId),
            *number,
            given("body", command.body),
            given("svc", ServicesDep),
            given("who", CurrentUser),
            given("response", Response),
            given("if_match", IfMatch, None),
        ],
        return_annotation=CommandOut,
    )


ENDPOINTS = {command.operation: _declare(command) for command in COMMANDS}
"""Each command's route function by its name (``progress``), for callers in-process."""
