"""Plans: import a table, list plans, read one, plan versus actual, compare two instants."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, File, Path, Query, Request, Response, UploadFile
from pydantic import Field

from api.deps import Manager, Reader, ServicesDep
from api.freshness import read_your_writes
from api.routes.common import (
    AsAdopted,
    AsOf,
    MinPosition,
    On,
    Revision,
    RevisionName,
    business_today,
    edition,
    instant,
    plan_snapshot,
    run_command,
    tags_asked,
)
from api.schemas.commands import Amount as AmountText
from api.schemas.commands import CommandIn, PlanCommandOut
from api.schemas.plans import ImportOut, PlanSummaryOut, import_out
from domain.errors import InputError, TidtamError
from domain.parsing import parse_baht
from domain.plan_table import read_plan
from domain.policy import Action
from domain.thai import name_key
from projections.assess import ActivityAssessment
from projections.compare import ComparisonOut, compare, comparison_resource
from projections.edition_compare import EditionComparisonOut, compare_editions
from projections.editions import EDITION_PATTERN, edition_of, parse_edition
from projections.queries import PlanSnapshot
from projections.remembered import ActivityMemo, RowMemo, plan_json, plan_vs_actual_json
from projections.resources import PlanOut, PlanVsActualOut

router = APIRouter(prefix="/api/v1/plans", tags=["plans"])
PlanId = Annotated[UUID, Path(description="The plan's id")]
_FILE_HELP = "Action plan table: .xlsx, .xls, .ods, .csv or tab-separated .txt/.tsv"


@router.post("/import", response_model=ImportOut)
def import_plan(
    svc: ServicesDep,
    who: Reader,
    file: Annotated[UploadFile, File(description=_FILE_HELP)],
    dry_run: bool = False,
    organisation: Annotated[
        str | None, Query(max_length=200, description="Its name, where the document lacks it")
    ] = None,
    org: Annotated[
        str | None,
        Query(max_length=40, description="The organisation (code) it is imported into"),
    ] = None,
    revision: RevisionName = None,
    on: On = None,
) -> ImportOut:
    """Import an action-plan document; same rules and errors as ``tidtam import``. Admins.

    In a store of several organisations ``org`` names the one it is imported into (an
    admin of one organisation may leave it out); the document must name that
    organisation, or it is refused.

    A document that differs from a plan already imported is refused, listing the
    differences, unless ``revision`` names it (``แก้ไขครั้งที่ 1/2567``) with its date ``on``:
    admins and managers record revisions."""
    who.require(Action.REVISE if revision else Action.IMPORT)
    limit = svc.settings.upload_limit_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise UploadTooLargeError("upload_too_large", field="file", limit=limit)
    draft = read_plan(data, file.filename or "upload", organisation=organisation)
    report = svc.runtime.tracker.import_plan(
        draft, actor=who.username, dry_run=dry_run, revision=revision, occurred_on=on,
        organisation=svc.runtime.directory.import_tenant(org, who.organisations),
    )  # fmt: skip
    svc.runtime.projections.nudge()
    return import_out(report)


@router.get("", response_model=list[PlanSummaryOut])
def plans(svc: ServicesDep, who: Reader, min_position: MinPosition = None) -> list[PlanSummaryOut]:
    """Every plan of the principal's organisations, newest fiscal year first."""
    read_your_writes(svc, min_position)
    return [
        PlanSummaryOut(
            id=p.id,
            organisation=p.organisation,
            fiscal_year=p.fiscal_year,
            strategy=p.strategy_path,
            title=p.title,
        )
        for p in svc.runtime.reader.plans(who.organisations)
    ]


@router.get("/{plan_id}", response_model=PlanOut)
def plan(
    plan_id: PlanId,
    svc: ServicesDep,
    who: Reader,
    request: Request,
    as_of: AsOf = None,
    on: On = None,
    as_adopted: AsAdopted = False,
    revision: Revision = None,
    min_position: MinPosition = None,
) -> Response:
    """The plan resource: projects, activities, steps, budgets, months, status, progress;
    as it stands, or as adopted (``as_adopted=1``) or as of revision N (``revision=N``).

    Read from the live views it is built once per view position, day and edition, and
    carries an ``ETag``: send it back as ``If-None-Match`` and an unchanged plan is a
    304, as plan versus actual is."""
    read_your_writes(svc, min_position)
    moment, chosen = instant(as_of), edition(as_adopted, revision)
    if moment is not None:
        snapshot, day = plan_snapshot(svc, plan_id, moment, on)
        # Parts of its own: made one activity at a time, no whole tree of models held at once.
        return _json(plan_json(edition_of(snapshot, chosen), day, ActivityMemo()))
    day, reader = on or business_today(svc), svc.runtime.reader

    def build() -> tuple[int, bytes]:
        snapshot, position = reader.snapshot_at(plan_id)
        # An edition's sheets keep their versions but not their content: parts of its own.
        parts = svc.parts if chosen is None else ActivityMemo()
        return position, plan_json(edition_of(snapshot, chosen), day, parts)

    rendered = svc.reports.serve(
        lambda position: ("plan", plan_id, day, chosen, position), reader.position(), build
    )
    if rendered.etag in tags_asked(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers={"ETag": rendered.etag})
    return _json(rendered.body, ETag=rendered.etag)


@router.get("/{plan_id}/plan-vs-actual", response_model=PlanVsActualOut)
def plan_vs_actual(
    plan_id: PlanId,
    svc: ServicesDep,
    who: Reader,
    request: Request,
    as_of: AsOf = None,
    on: On = None,
    unit: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[str | None, Query(max_length=40)] = None,
    as_adopted: AsAdopted = False,
    revision: Revision = None,
    min_position: MinPosition = None,
) -> Response:
    """Status, expected and recorded progress, money and the month grid, with roll-ups;
    against the plan as it stands, as adopted or as of revision N.

    Today's report (no ``as_of``, no edition) carries an ``ETag``; send it back as
    ``If-None-Match`` and an unchanged report is a 304.
    """
    read_your_writes(svc, min_position)
    moment, chosen = instant(as_of), edition(as_adopted, revision)
    if moment is not None or chosen is not None:
        snapshot, day = plan_snapshot(svc, plan_id, moment, on)  # made for this request alone
        snapshot = edition_of(snapshot, chosen)
        return _json(plan_vs_actual_json(snapshot, day, RowMemo(), _keep(unit, status)))
    day = on or business_today(svc)
    reader = svc.runtime.reader

    def build() -> tuple[int, bytes]:
        snapshot, position = reader.snapshot_at(plan_id)
        return position, plan_vs_actual_json(snapshot, day, svc.rows, _keep(unit, status))

    rendered = svc.reports.serve(
        lambda position: ("plan-vs-actual", plan_id, day, unit, status, position),
        reader.position(),
        build,
    )
    if rendered.etag in tags_asked(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers={"ETag": rendered.etag})
    return _json(rendered.body, ETag=rendered.etag)


def _keep(unit: str | None, status: str | None) -> Callable[[ActivityAssessment], bool] | None:
    """The rows a request filters to (the roll-ups stay whole-plan)."""
    if not unit and not status:
        return None
    unit_key = name_key(unit) if unit else None
    return lambda r: (
        (unit_key is None or r.unit_key == unit_key)
        and (status is None or r.status.value == status)
    )


def _json(body: bytes, **headers: str) -> Response:
    return Response(body, media_type="application/json", headers=headers)


@router.get("/{plan_id}/compare", response_model=ComparisonOut)
def compare_instants(
    plan_id: PlanId,
    svc: ServicesDep,
    who: Reader,
    start: Annotated[datetime, Query(alias="from", description="Earlier instant (ISO)")],
    end: Annotated[datetime, Query(alias="to", description="Later instant (ISO)")],
) -> ComparisonOut:
    """What changed between two instants: added, rescheduled, budget, progress, spending, status."""
    first, second = instant(start, "from"), instant(end, "to")
    assert first is not None and second is not None
    reader = svc.runtime.reader
    after = reader.snapshot_as_of(plan_id, second)
    try:
        before: PlanSnapshot | None = reader.snapshot_as_of(plan_id, first)
    except TidtamError:
        before = None
    return comparison_resource(compare(before, after, first, second), first, second, after)


@router.get("/{plan_id}/editions", response_model=EditionComparisonOut)
def compare_plan_editions(
    plan_id: PlanId,
    svc: ServicesDep,
    who: Reader,
    first: Annotated[str, Query(alias="from", pattern=EDITION_PATTERN, max_length=20)],
    second: Annotated[str, Query(alias="to", pattern=EDITION_PATTERN, max_length=20)],
    on: On = None,
    min_position: MinPosition = None,
) -> EditionComparisonOut:
    """Two editions of the plan (``adopted``, ``revision-N``, ``current``) side by side,
    beside the actual as it stands on ``on``."""
    read_your_writes(svc, min_position)
    snapshot = svc.runtime.reader.snapshot(plan_id)
    return compare_editions(
        snapshot, parse_edition(first), parse_edition(second), on or business_today(svc)
    )


class UploadTooLargeError(InputError):
    """Raised when an uploaded table is over the size limit."""

    http_status = 413


class TransferIn(CommandIn):
    kind: Literal["activity", "project"] = "activity"
    source: Annotated[str, Field(max_length=20, description="The code giving, e.g. 1.2")]
    target: Annotated[str, Field(max_length=20, description="The code taking, e.g. 1.1")]
    amount: AmountText
    reason: Annotated[str, Field(max_length=2000)]
    source_section: Annotated[str | None, Field(max_length=300)] = None
    target_section: Annotated[str | None, Field(max_length=300)] = None


@router.post("/{plan_id}/transfers", response_model=PlanCommandOut)
def transfer_budget(
    plan_id: PlanId, body: TransferIn, svc: ServicesDep, who: Manager, response: Response
) -> PlanCommandOut:
    """Transfer budget (โอนงบประมาณ) between two activities or two projects of the plan, with
    the reason why; both sides move in one transaction, each still covered, or neither."""
    return PlanCommandOut.of(
        run_command(
            svc, "transfer", lambda: svc.runtime.tracker.transfer_budget(
                plan_id, body.kind, body.source, body.target, parse_baht(body.amount),
                reason=body.reason, source_section=body.source_section,
                target_section=body.target_section, actor=who.username,
                occurred_on=body.occurred_on,
            ), response,
        )
    )  # fmt: skip
