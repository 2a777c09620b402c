"""Nothing of one organisation reaches another's people: a role × organisation × route matrix.

Two municipalities share a store (``tenants.py``). Every route of the app — read from
``app.routes``, so a route added later is in the matrix the day it is added — is asked,
by every person whose roles hold in one organisation (each one's admin, manager, staff
member and auditor, and Thung Song's overseer), with its path filled with the *other*
organisation's ids; and every list route is also asked with the other's plan, project or
activity as its filter. A route naming the other's things answers 404, the words it gives
a thing that does not exist; whatever a route answers (a list, a page, a redirect, a
refusal, a CSV, the event stream) holds nothing of the other organisation: not its
name, place or code, not the id of its plan, projects, activities or flags, not its
people's names. The installation's admin is the control: the same requests find the
other's things (so the 404s are about reach, not about ids that do not exist), and the
lists show both organisations.

It runs on SQLite; the API's routes run on PostgreSQL too.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import unquote, urlencode

import httpx
import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import Mount

from application.outbox import Outbox
from scheduler.alerting import Notifier
from scheduler.reminding import Reminder
from scheduler.settings import SchedulerSettings
from storage.store import Store
from tests.e2e.api.conftest import TODAY
from tests.e2e.api.tenants import ROOT, Person, Tenant, Tenants, opened, prefix

NOT_DATA = {"static", "docs_assets"}
"""The mounts: the pages' stylesheets and scripts, the API reference's assets."""
TENANT_PARAMS = {"plan_id", "activity_id", "flag_id", "username"}
"""Path parameters that name something of one organisation."""
FILTERS = {"plan", "project", "activity"}
"""Query parameters that narrow a list to something of one organisation."""
OTHER_PARAMS = {
    "code": "1", "form_name": "progress", "entry": "1", "step": "1", "number": "1",
    "name": "monitoring.pdf", "token_id": "0123456789ab",
}  # fmt: skip
"""Path parameters that name nothing by themselves (a project's code within the plan the
path names, a form, an entry number, a file's name, a token of the person named)."""
BY_ROUTE: dict[tuple[str | None, str], str] = {("set_language", "code"): "th"}
AS_OF = "as_of=2009-09-30T09:30%2B07:00"
"""An instant after the world was recorded: the lists as known then, read by time travel."""
LISTED = {
    "/search": ("q=2.1", "q=เทศบาลเมือง", "q=กิจกรรม", f"q=กิจกรรม&{AS_OF}"),
    "/plans": (AS_OF,),
    "/api/v1/events": ("limit=500", f"limit=500&{AS_OF}"),
    "/events": ("type=ProgressRecorded", AS_OF),
}
"""Lists asked again so that they hold something: everything a search can find (every
activity's name has กิจกรรม), every event; and as known at an instant."""
SIGNS_OUT = ("DELETE", "/api/v1/session")
"""Asked without the session cookie: it would end the person's sessions for the next cells."""
STREAM = "/api/v1/events/stream"
ABSENT_FOR_EVERYONE = {
    "/api/v1/plans/{plan_id}/reports/filings/{number}/{name}",
    "/plans/{plan_id}/reports/filings/{number}",
    "/public/plans/{plan_id}",
}
"""Routes whose thing does not exist even for the installation's admin: no report was
filed, and no plan was published (a published plan's public page is public to anyone)."""
SCOPED = [
    "ts-admin", "ts-manager", "ts-staff", "ts-auditor", "ts-overseer",
    "bm-admin", "bm-manager", "bm-staff", "bm-auditor",
]  # fmt: skip


@dataclass(frozen=True)
class Cell:
    """One request of the matrix: a route, a method, the URL asked."""

    route: str
    method: str
    url: str
    names_other: bool
    """Whether the URL names a thing of the other organisation (path or filter)."""


def cells(world: Tenants, person: Person, api_only: bool = False) -> list[Cell]:
    """Every route and method, filled with the ids of the organisation ``person`` is not of."""
    other, found = world.other(person), []
    for route in iter_route_contexts(world.client.app.routes):  # type: ignore[attr-defined]
        if isinstance(route.original_route, Mount):
            assert route.name in NOT_DATA, f"a mount the matrix does not know: {route.path}"
            continue
        assert isinstance(route.original_route, APIRoute) or route.name == "openapi", route.path
        if api_only and not str(route.path).startswith("/api/"):
            continue
        params = route.original_route.param_convertors  # type: ignore[attr-defined]
        url = str(route.path)
        for name in params:
            url = url.replace(f"{{{name}}}", fill(route.name, name, other))
        names = bool(TENANT_PARAMS & set(params))
        path = str(route.path)
        for method in sorted(set(route.methods or ()) - {"HEAD"}):
            found.append(Cell(path, method, url, names))
            if method == "GET" and not names:
                found += [Cell(path, method, f"{url}?{q}", True) for q in filters(route, other)]
                found += [Cell(path, method, f"{url}?{q}", False) for q in LISTED.get(url, ())]
    return found


def fill(route: str | None, name: str, other: Tenant) -> str:
    """A path parameter's value: the other organisation's thing, or one naming nothing."""
    values = {
        "plan_id": str(other.plan_id),
        "activity_id": str(other.activities["2.1"]),
        "flag_id": str(other.flags[0]),
        "username": f"{prefix(other.code)}-staff",
        "sha256": other.evidence,
    }
    if (route, name) in BY_ROUTE:
        return BY_ROUTE[route, name]
    found = values.get(name, OTHER_PARAMS.get(name))
    assert found is not None, f"the matrix does not know how to fill {{{name}}} of {route}"
    return found


def filters(route: object, other: Tenant) -> list[str]:
    """The route's filters by plan, project or activity, each set to the other's."""
    original = getattr(route, "original_route", None)
    if not isinstance(original, APIRoute):
        return []
    names = query_names(original.dependant)
    ids = {"plan": other.plan_id, "project": other.projects[0], "activity": other.activities["2.1"]}
    return [urlencode({name: str(ids[name])}) for name in sorted(names & FILTERS)]


def query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route reads, its dependencies' too."""
    names = {p.alias for p in dependant.query_params}
    return names.union(*(query_names(d) for d in dependant.dependencies))


def ask(world: Tenants, person: Person, cell: Cell) -> tuple[int, str]:
    """The status and everything the answer shows (body, as decoded, and its headers)."""
    headers = {"Authorization": f"Bearer {person.token}"}
    if (cell.method, cell.route) != SIGNS_OUT:
        headers["Cookie"] = f"tidtam_session={person.cookie}"
    body: dict[str, Any] = {}  # an empty JSON object or form: a write names nothing more
    if cell.method in ("POST", "PUT"):
        body = {"json": {}} if cell.url.startswith("/api/") else {"data": {}}
    client = world.client
    try:
        if cell.route == STREAM:
            return streamed(world, person, cell, headers)
        answer = client.request(
            cell.method, cell.url, headers=headers, follow_redirects=False, **body
        )
    finally:
        client.cookies.clear()
    return answer.status_code, shown(answer)


def streamed(
    world: Tenants, person: Person, cell: Cell, headers: dict[str, str]
) -> tuple[int, str]:
    """The event stream read until the last event the person's organisation has (every
    organisation's, for the installation's admin), or its first keep-alive."""
    own = world.own(person)
    last = max(t.last_event for t in world.tenants.values()) if own is None else own.last_event
    with world.client.stream("GET", cell.url, headers=headers) as answer:
        if answer.status_code != 200:
            answer.read()
            return answer.status_code, shown(answer)
        lines = []
        for line in answer.iter_lines():
            lines.append(line)
            if line == f"id: {last}" or line.startswith(": keep-alive"):
                break
    assert f"id: {last}" in lines, f"{person.username}'s stream never showed its last event"
    return 200, "\n".join(lines)


def shown(answer: httpx.Response) -> str:
    text = answer.text
    parts = [text, unquote(text), html.unescape(text), *answer.headers.values()]
    parts.append(unquote(answer.headers.get("location", "")))
    if answer.content and answer.headers.get("content-type", "").endswith("json"):
        parts.append(json.dumps(answer.json(), ensure_ascii=False))
    return "\n".join(parts)


def leaks(world: Tenants, person: Person, cell: Cell, seen: str) -> set[str]:
    """The other organisation's markers in an answer, beyond those the request itself named
    (a 404 repeats the id it was asked for)."""
    asked = unquote(cell.url)
    return {m for m in world.other(person).markers() if m in seen and m not in asked}


# ------------------------------------------------------------------ the worlds


@pytest.fixture(scope="module")
def world(module_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tenants]:
    with opened(module_store, tmp_path_factory.mktemp("tenants")) as built:
        yield built


def api_only(world: Tenants) -> bool:
    """PostgreSQL runs the API's routes: the pages read through the same readers."""
    return world.runtime.store.backend == "postgres"


# ------------------------------------------------------------------ the matrix


@pytest.mark.parametrize("username", SCOPED)
def test_no_route_shows_a_person_anything_of_another_organisation(
    world: Tenants, username: str
) -> None:
    person, wrong = world.people[username], []
    matrix = cells(world, person, api_only(world))
    assert len(matrix) > (60 if api_only(world) else 110), "the matrix lost routes"
    for cell in matrix:
        status, seen = ask(world, person, cell)
        if cell.names_other and status != 404:
            wrong.append(f"{cell.method} {cell.url}: {status}, not 404")
        if found := leaks(world, person, cell, seen):
            wrong.append(f"{cell.method} {cell.url} ({status}) shows {sorted(found)}")
        assert status < 500
    assert not wrong, "\n".join(wrong)


def test_the_installation_admin_finds_what_the_matrix_asks_for(world: Tenants) -> None:
    """The control: every GET naming Bang Mai's things answers the installation's admin
    (the ids are real; their 404s above are about reach), and its lists show both."""
    root = world.people[ROOT]
    missing = []
    for cell in cells(world, root, api_only(world)):
        if cell.method != "GET" or not cell.names_other or cell.route in ABSENT_FOR_EVERYONE:
            continue
        status, _ = ask(world, root, cell)
        if status == 404:
            missing.append(f"{cell.url}: 404")
    assert not missing, "\n".join(missing)


LISTS: dict[str, Callable[[Tenant], str]] = {
    "/api/v1/plans": lambda t: str(t.plan_id),
    "/plans": lambda t: t.name,
    "/search?q=2.1": lambda t: str(t.activities["2.1"]),
}
"""Lists everyone may read, and what of their own organisation each must show."""
ALERTED: dict[str, Callable[[Tenant], str]] = {
    "/api/v1/alerts": lambda t: str(t.flags[-1]),
}
"""Lists of alerts: for the staff of their units, and those who audit or handle alerts
(an overseer reads the plans and the roll-ups, not the alerts)."""
AUDITED: dict[str, Callable[[Tenant], str]] = {
    "/api/v1/events?limit=500": lambda t: f'"position":{t.last_event}',
    "/api/v1/users": lambda t: f"{prefix(t.code)}-staff",
    "/events?type=ProgressRecorded": lambda t: f"{prefix(t.code)}-staff",
    "/alerts": lambda t: str(t.activities["2.1"]),
}
"""Lists for those who audit (the users' list too), and what they show."""


@pytest.mark.parametrize("username", [*SCOPED, ROOT])
def test_each_list_shows_the_person_their_own_organisation(world: Tenants, username: str) -> None:
    """The lists are narrowed, not emptied: each shows its reader's own organisation (the
    installation's admin: both)."""
    person = world.people[username]
    own = [world.own(person)] if person.organisation else list(world.tenants.values())
    audits = person.role in ("admin", "manager", "auditor")
    lists = {**LISTS, **(ALERTED if person.role != "overseer" else {})}
    lists |= AUDITED if audits else {}
    for url, mark in lists.items():
        if api_only(world) and not url.startswith("/api/"):
            continue
        status, seen = ask(world, person, Cell(url, "GET", url, False))
        assert status == 200, (url, status)
        for tenant in own:
            assert tenant is not None and mark(tenant) in seen, (username, url)


@pytest.mark.parametrize("username", ["ts-staff", "bm-staff", "ts-manager"])
def test_my_work_is_of_ones_own_organisation_though_the_units_share_a_name(
    world: Tenants, username: str
) -> None:
    """Both plans' activities are the same unit's (งานประชาสัมพันธ์ กองวิชาการ ฯ), all of
    them late: each person's work is their own municipality's, none of the other's."""
    if api_only(world):
        pytest.skip("a page")
    person = world.people[username]
    own, other = world.own(person), world.other(person)
    cell = Cell("/my-work", "GET", "/my-work", False)
    status, seen = ask(world, person, cell)
    assert status == 200
    assert own is not None and str(own.activities["2.1"]) in seen
    assert not leaks(world, person, cell, seen)
    assert not any(str(a) in seen for a in other.activities.values())


# ------------------------------------------------------------------ what is sent


def outbox_of(world: Tenants) -> Outbox:
    return Outbox(world.runtime.store, clock=world.runtime.tracker.clock)


def test_reminders_and_escalations_reach_only_the_organisations_own_people(
    world: Tenants,
) -> None:
    """Three days of reminders about late work of the same unit in both plans: each staff
    member is reminded of their own municipality's activities, and each escalation goes
    to their own managers, naming their own staff."""
    settings = SchedulerSettings(smtp_host="localhost", remind_every_days=1)
    runtime = world.runtime
    reminder = Reminder(outbox_of(world), runtime.tracker, runtime.projections.db, settings)
    owed = [d for days in (2, 1, 0) for d in reminder.owe(TODAY - timedelta(days=days))]
    sent: dict[str, list[str]] = {}
    for ident in owed:
        delivery = reminder.outbox.delivery(ident)
        sent.setdefault(delivery.recipient, []).append(f"{delivery.subject}\n{delivery.body}")
    told = {f"{p}-{r}@example.org" for p in ("ts", "bm") for r in ("staff", "manager")}
    assert set(sent) == told
    for address, messages in sent.items():
        person = world.people[address.split("@")[0]]
        own, other = world.own(person), world.other(person)
        assert own is not None
        for message in messages:
            assert not {m for m in other.markers() if m in message}, (address, message)
            assert any(str(a) in message for a in own.activities.values()), message


def test_a_managers_digest_holds_their_own_organisations_alerts(world: Tenants) -> None:
    """The same unit's same activities are late in both plans: each manager's digest
    counts their own plan's flags only (with the other's, it would count twice as many)."""
    settings = SchedulerSettings(smtp_host="localhost")
    notifier = Notifier(outbox_of(world), world.runtime.projections.db, settings)
    owed = [notifier.outbox.delivery(ident) for ident in notifier.digests(TODAY)]
    digests = {delivery.recipient: delivery for delivery in owed}
    assert set(digests) == {"ts-manager@example.org", "bm-manager@example.org"}
    for address, delivery in digests.items():
        person = world.people[address.split("@")[0]]
        own, other = world.own(person), world.other(person)
        raised = re.search(r"ใหม่ (\d+) รายการ", delivery.subject)
        assert own is not None and raised is not None, delivery.subject
        assert 0 < int(raised[1]) <= len(own.flags) < 2 * int(raised[1]), delivery.subject
        assert not {m for m in other.markers() if m in delivery.body}, delivery.body


@pytest.mark.parametrize(("username", "status"), [("ts-auditor", 403), ("root", 200)])
def test_the_installations_metrics_are_for_people_of_every_organisation(
    world: Tenants, username: str, status: int
) -> None:
    person = world.people[username]
    answer, _ = ask(world, person, Cell("/metrics", "GET", "/metrics", False))
    assert answer == status
