"""Query parameters and helpers every read shares: time travel, read-your-writes, ETags."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated
from uuid import UUID

from fastapi import Header, Query, Response
from pydantic import AfterValidator

from api.services import Services
from application.outcome import Outcome
from domain.clock import BANGKOK
from domain.errors import InputError, register_messages
from domain.parsing import checked_date, checked_instant
from projections.queries import PlanSnapshot


def _representable_day(value: date | None) -> date | None:
    """A business date in the years Tidtam represents (its refusal names them)."""
    return None if value is None else checked_date(value, field="on")


def _representable_instant(value: datetime | None) -> datetime | None:
    return instant(value)


AsOf = Annotated[
    datetime | None,
    Query(description="Answer as known at this instant (ISO 8601; without an offset it is UTC)"),
    AfterValidator(_representable_instant),
]
On = Annotated[
    date | None,
    Query(description="Business date to assess on (ISO, CE); default: today in Bangkok"),
    AfterValidator(_representable_day),
]
Section = Annotated[
    str | None,
    Query(
        max_length=300,
        description="The section (its key or path) where codes repeat from section to section",
    ),
]
AsAdopted = Annotated[bool, Query(description="Read the plan as adopted, before any revision")]
Revision = Annotated[
    int | None,
    Query(ge=1, le=9999, description="Read the plan as of revision N (แก้ไขครั้งที่ N)"),
]
RevisionName = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        description="Record the document as this revision of the plan (แก้ไขครั้งที่ 1/2567)",
    ),
]
MinPosition = Annotated[
    int | None,
    Query(ge=0, le=2**62, description="Wait until the views include this notification position"),
]

IfMatch = Annotated[
    str | None,
    Header(description='The version the command was decided on, e.g. "7"; 409 if stale'),
]


def edition(as_adopted: bool, revision: int | None) -> int | None:
    """The edition a read asks for: as adopted (0), revision N, or as it stands (None)."""
    if as_adopted and revision is not None:
        raise InputError("edition_chosen_twice", field="revision", revision=revision)
    return 0 if as_adopted else revision


def business_today(svc: Services) -> date:
    """Today in Bangkok by the runtime's clock: the same day commands default to."""
    return svc.runtime.tracker.clock.today()


def reading_day(svc: Services, on: date | None, as_of: datetime | None) -> date:
    """The business date a read is on: ``on``, else the instant's day in Bangkok, else today."""
    return on or (as_of.astimezone(BANGKOK).date() if as_of else business_today(svc))


def instant(value: datetime | None, field: str = "as_of") -> datetime | None:
    """An aware instant inside the years Tidtam represents: a naive one is taken as UTC."""
    if value is None:
        return None
    return checked_instant(value if value.tzinfo else value.replace(tzinfo=UTC), field=field)


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(if_match: str | None) -> int | None:
    """The version an ``If-Match`` header names (``"7"``, ``W/"7"``); None for none or ``*``."""
    if if_match is None or if_match.strip() == "*":
        return None
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isascii() or not text.isdigit() or len(text) > 18:
        raise InputError("if_match_format", field="If-Match", text=if_match[:40])
    return int(text)


def run_command(
    svc: Services, name: str, run: Callable[[], Outcome], response: Response
) -> Outcome:
    """Run a command for the JSON API: counted by how it ended, the views nudged, and
    the new version sent as the ``ETag`` the next command's ``If-Match`` names."""
    with svc.metrics.counted(name):
        outcome = run()
    svc.metrics.events.inc(len(outcome.events))
    svc.runtime.projections.nudge()
    response.headers["ETag"] = etag(outcome.version)
    return outcome


register_messages(
    {
        "edition_chosen_twice": (
            "เลือกได้อย่างเดียว: แผนตามที่อนุมัติ (as_adopted) หรือแผนตามการแก้ไขครั้งที่ {revision}",
            "choose one: the plan as adopted (as_adopted) or as of revision {revision}",
        ),
        "if_match_format": (
            'If-Match ต้องเป็นหมายเลขฉบับ เช่น "7" แต่ได้ {text}',
            'If-Match must be a version such as "7", got {text}',
        ),
        "upload_too_large": (
            "ไฟล์มีขนาดเกิน {limit} ไบต์",
            "the file is larger than {limit} bytes",
        ),
    }
)


def plan_snapshot(
    svc: Services, plan_id: UUID, as_of: datetime | None, on: date | None
) -> tuple[PlanSnapshot, date]:
    """The plan's fact sheets now, or as known at ``as_of``, and the business date to read
    them on (``reading_day``)."""
    reader = svc.runtime.reader
    snapshot = reader.snapshot(plan_id) if as_of is None else reader.snapshot_as_of(plan_id, as_of)
    return snapshot, reading_day(svc, on, as_of)


def tags_asked(header: str) -> set[str]:
    """The entity tags an ``If-None-Match`` header names (weak ones compared as strong)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
