"""The past, for auditors and managers: time travel, comparing two instants, the event feed.

Picking an instant sends the reader to the plan with ``as_of`` in the URL;
every link then carries it (see ``Page.url``) and every page folds the events
recorded by then. The feed is the audit view through the API's ``event_page``,
filtered and paged by position; its CSV is UTF-8 with a byte-order mark so that
Excel shows the Thai.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response
from fastapi.responses import RedirectResponse

from api.routes.events import event_page
from api.web import feed_csv, reading
from api.web.context import Auditing, Page, parse_instant
from api.web.event_texts import EVENT_TEXT, event_name
from api.web.render import PageRoute, render
from api.web.timeline import Entry, entry
from domain.clock import BANGKOK
from domain.errors import InputError, NotFoundError, TidtamError, register_messages
from domain.parsing import parse_date
from domain.words import Words
from projections.chain import head
from projections.compare import compare
from projections.queries import PlanSnapshot

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Text = Annotated[str, Query(max_length=200)]
PAGE_SIZE = 50
CSV_LIMIT = 100_000


@router.get("/history", name="history_page")
def history_page(
    page: Auditing, go: Text = "", plan: Text = "", day: Text = "", at: Text = "",
    from_day: Text = "", from_at: Text = "", to_day: Text = "", to_at: Text = "",
) -> Response:  # fmt: skip
    """Pick an instant to see the record as known then, or two instants to compare."""
    plans = reading.plans(page)
    chosen = next((p for p in plans if str(p.id) == plan), plans[0] if plans else None)
    errors: dict[str, str] = {}
    if go and chosen is not None:
        try:
            if go == "travel":
                instant = picked_instant(day, at, "day", "at")
                target = page.url("plan_page", plan_id=chosen.id, as_of=_iso(instant))
                return RedirectResponse(target, status_code=303)
            start = picked_instant(from_day, from_at, "from_day", "from_at")
            end = picked_instant(to_day, to_at, "to_day", "to_at")
            target = page.url(
                "compare_page", plan_id=chosen.id, **{"from": _iso(start), "to": _iso(end)}
            )
            return RedirectResponse(target, status_code=303)
        except TidtamError as error:
            errors[error.field or go] = error.message(page.lang)
    return render(
        page, "history.html", plans=plans, chosen=chosen, errors=errors,
        head=head(page.svc.runtime.projections.db, "tracker"), values={
            "day": day, "at": at, "from_day": from_day, "from_at": from_at,
            "to_day": to_day, "to_at": to_at,
        },
    )  # fmt: skip


@router.get("/plans/{plan_id}/compare", name="compare_page")
def compare_page(
    plan_id: UUID,
    page: Auditing,
    start: Annotated[str, Query(alias="from", max_length=40)],
    end: Annotated[str, Query(alias="to", max_length=40)],
) -> Response:
    """What changed between two instants: added, rescheduled, budget, progress, spending."""
    first, second = parse_instant(start), parse_instant(end)
    reader = page.svc.runtime.reader
    after = reader.snapshot_as_of(plan_id, second)
    before: PlanSnapshot | None
    try:
        before = reader.snapshot_as_of(plan_id, first)
    except NotFoundError:
        before = None
    changes = compare(before, after, first, second)
    summary: dict[str, int] = {}
    for change in changes:
        summary[change.what] = summary.get(change.what, 0) + 1
    return render(
        page, "compare.html", plan=after.plan, changes=changes, summary=summary,
        start=first, end=second, ids={a.code: a.id for a in after.activities},
        start_text=_iso(first), end_text=_iso(second),
    )  # fmt: skip


# ------------------------------------------------------------------ the event feed


@dataclass
class Feed:
    """The feed's filters as typed, what they mean for ``event_page``, and their errors."""

    values: dict[str, str]
    query: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    days: dict[str, date] = field(default_factory=dict)
    """The time range's dates as read (typed as BE or ISO; URLs carry ISO)."""

    def canonical(self) -> dict[str, str]:
        """The filters as the URL should carry them: dates in ISO, empty ones left out."""
        values = {**self.values, **{k: d.isoformat() for k, d in self.days.items()}}
        return {k: v for k, v in values.items() if v}


def _feed(
    page: Page, plan: str, unit: str, code: str, actor: str, kind: str, start: str, end: str,
    late: str, project: str = "",
) -> Feed:  # fmt: skip
    feed = Feed(
        values={"plan": plan, "unit": unit, "project": project, "code": code, "actor": actor,
                "type": kind, "from": start, "to": end, "late": late},
    )  # fmt: skip
    query = feed.query
    query["unit"] = unit or None
    query["actor"] = actor.strip() or None
    query["types"] = [kind] if kind else None
    query["late_only"] = bool(late)
    query["as_of"] = page.as_of
    plans = reading.plans(page)
    chosen = next((p for p in plans if str(p.id) == plan), None)
    query["plan"] = chosen.id if chosen else None
    owner = chosen or (plans[0] if plans else None)
    tracker = page.svc.runtime.tracker
    for name, text, key, find, unknown in (
        ("project", project, "project", tracker.find_project, "events.project_unknown"),
        ("code", code, "activity", tracker.find_activity, "events.code_unknown"),
    ):
        if not text.strip():
            continue
        try:
            if owner is None:
                raise NotFoundError(f"{key}_not_found", code=text, plan="")
            query[key] = find(owner.id, text.strip()).id
        except NotFoundError:
            feed.errors[name] = page.t(unknown, code=text.strip())
    for name, text, shift in (("from", start, 0), ("to", end, 1)):
        if text.strip():
            try:
                day = parse_date(text)
            except InputError as error:
                feed.errors[name] = error.message(page.lang)
                continue
            feed.days[name] = day
            moment = datetime.combine(day + timedelta(days=shift), time(), tzinfo=BANGKOK)
            query["recorded_from" if shift == 0 else "recorded_to"] = (
                moment if shift == 0 else moment - timedelta(microseconds=1)
            )
    return feed


@router.get("/events", name="events_page")
def events_page(
    page: Auditing, plan: Text = "", unit: Text = "", code: Text = "", actor: Text = "",
    kind: Annotated[str, Query(alias="type", max_length=40)] = "",
    start: Annotated[str, Query(alias="from", max_length=40)] = "",
    end: Annotated[str, Query(alias="to", max_length=40)] = "",
    late: Text = "", after: Annotated[int, Query(ge=0, le=2**62)] = 0, project: Text = "",
) -> Response:  # fmt: skip
    """The global feed, oldest first, with filters and paging by position."""
    feed = _feed(page, plan, unit, code, actor, kind, start, end, late, project)
    if feed.canonical() != {k: v for k, v in feed.values.items() if v}:  # a BE date was typed
        target = page.url("events_page", **feed.canonical(), after=after or None)
        return RedirectResponse(target, status_code=303)
    entries: list[Entry] = []
    next_after = None
    if not feed.errors:
        found = event_page(page.svc, reach=page.reach, after=after, limit=PAGE_SIZE, **feed.query)
        entries = [entry(e, page.lang) for e in found.items]
        next_after = found.next
    units = reading.units(page)
    return render(
        page, "events.html", status_code=422 if feed.errors else 200,
        feed=feed, entries=entries, next_after=next_after, after=after,
        plans=reading.plans(page), units=units, unit_names={u.key: u.name for u in units},
        types=[(kind, event_name(kind, page.lang)) for kind in EVENT_TEXT],
        filters=feed.canonical(),
    )  # fmt: skip


@router.get("/events.csv", name="events_csv")
def events_csv(
    page: Auditing, plan: Text = "", unit: Text = "", code: Text = "", actor: Text = "",
    kind: Annotated[str, Query(alias="type", max_length=40)] = "",
    start: Annotated[str, Query(alias="from", max_length=40)] = "",
    end: Annotated[str, Query(alias="to", max_length=40)] = "",
    late: Text = "", project: Text = "",
) -> Response:  # fmt: skip
    """Every event the filters select, as CSV (UTF-8 with BOM, so Excel reads the Thai)."""
    feed = _feed(page, plan, unit, code, actor, kind, start, end, late, project)
    if feed.errors:
        raise InputError("feed_filter_invalid", detail="; ".join(feed.errors.values()))
    names = {u.key: u.name for u in reading.units(page)}
    projects = _ProjectCodes(page)
    rows: list[list[object]] = []
    after = 0
    while len(rows) < CSV_LIMIT:
        found = event_page(page.svc, reach=page.reach, after=after, limit=500, **feed.query)
        for item in found.items:
            e = entry(item, page.lang)
            unit = names.get(e.unit_key, e.unit_key)
            rows.append(feed_csv.row(e, page.lang, projects.code(e), unit))
        if found.next is None:
            break
        after = found.next
    return Response(
        feed_csv.document(rows, page.lang),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{feed_csv.file_name(page.today)}"',
            "Cache-Control": "no-store",
        },
    )


class _ProjectCodes:
    """The code people know a project by (``1``), for the CSV's project column.

    The feed carries each event's project id; its code is in the plan view, read
    once per plan the rows name. A project's code never changes (its id is made
    from it), so today's view answers for a feed read as of any instant."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.codes: dict[str, str] = {}
        self.plans_read: set[str] = set()

    def code(self, e: Entry) -> str:
        if e.project_id and e.project_id not in self.codes and e.plan_id not in self.plans_read:
            self.plans_read.add(e.plan_id)
            try:
                known = self.page.svc.runtime.reader.snapshot(UUID(e.plan_id)).projects
            except (NotFoundError, ValueError):
                known = ()
            self.codes.update((str(p.id), p.code) for p in known)
        return self.codes.get(e.project_id, "")


# ------------------------------------------------------------------ instants

_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")


def picked_instant(day_text: str, clock_text: str, day_field: str, clock_field: str) -> datetime:
    """A Bangkok instant from a date (BE or ISO) and ``HH:MM`` (end of the day if blank):
    what the forms that pick a past instant read (here, and the overseer's page)."""
    if not day_text.strip():
        raise InputError("text_required", field=day_field, what=Words("วันที่", "the date"))
    try:
        day = parse_date(day_text)
    except InputError as error:
        raise InputError("date_format", field=day_field, text=day_text) from error
    if not clock_text.strip():
        return datetime.combine(day, time(23, 59), tzinfo=BANGKOK)
    match = _CLOCK.fullmatch(clock_text.strip())
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InputError("clock_format", field=clock_field, text=clock_text)
    return datetime.combine(day, time(int(match.group(1)), int(match.group(2))), tzinfo=BANGKOK)


def _iso(moment: datetime) -> str:
    return moment.astimezone(BANGKOK).isoformat(timespec="minutes")


register_messages(
    {
        "clock_format": (
            "'{text}' ไม่ใช่เวลา ให้เขียนเช่น 16:30",
            "'{text}' is not a time of day: write e.g. 16:30",
        ),
        "feed_filter_invalid": (
            "ตัวกรองไม่ถูกต้อง: {detail}",
            "the filters are not valid: {detail}",
        ),
    }
)
