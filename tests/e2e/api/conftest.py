"""The HTTP API end to end: the real app, its lifespan, a real store, real credentials.

Each test opens a runtime on a fresh store with a clock standing at 09:00 on
30 September 2009 (the last day of fiscal year 2552), usually plays the
example year into it, registers one person per role with a bearer token, and
talks to ``create_app(...)`` through Starlette's ``TestClient`` (in-process,
the lifespan runs) or through a real uvicorn server on loopback where a test
needs a socket (the event stream, concurrent writers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.auth import new_token
from api.errors import PROBLEM
from api.main import create_app
from api.runtime import EXAMPLES, Runtime
from api.scenario import play
from api.settings import Settings
from application.directory import Directory
from domain.clock import FixedClock
from storage.store import Store
from tests import pg
from tests.serving import serving

TODAY = date(2009, 9, 30)
"""The clock's day: the last of fiscal year 2552, so every business date of the year is allowed."""
EXAMPLE_YEAR = EXAMPLES / "thungsong-2552-year.tsv"
UNIT = "งานประชาสัมพันธ์ กองวิชาการ ฯ"
"""The responsible unit of every activity in the example plan."""
OTHER_UNIT = "กองช่าง"

PEOPLE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "admin": (("admin",), ()),
    "manager": (("manager",), ()),
    "auditor": (("auditor",), ()),
    "staff": (("staff",), (UNIT,)),
    "outsider": (("staff",), (OTHER_UNIT,)),
}
"""One person per role (user name → roles, units); ``outsider`` is staff of another unit."""


def seed_people(directory: Directory) -> dict[str, str]:
    """Register everyone in ``PEOPLE`` with a bearer token; returns user name → token."""
    tokens: dict[str, str] = {}
    for username, (roles, units) in PEOPLE.items():
        directory.register(username, roles=roles, units=units, actor="setup")
        token = new_token()
        directory.issue_token(username, token.token_id, token.digest, label="e2e", actor="setup")
        tokens[username] = token.secret
    return tokens


@dataclass
class Api:
    """An HTTP client of the app, signed in as whoever a call names, and the app's runtime."""

    http: httpx.Client
    runtime: Runtime
    tokens: dict[str, str]
    plan_id: UUID | None

    def headers(self, who: str | None, extra: dict[str, str] | None = None) -> dict[str, str]:
        auth = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        return {**auth, **(extra or {})}

    def request(
        self,
        method: str,
        path: str,
        *,
        who: str | None = "manager",
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        response = self.http.request(method, path, headers=self.headers(who, headers), **kwargs)
        assert response.status_code != 500, f"{method} {path}: {response.text}"  # never a 500
        return response

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    def activity_id(self, code: str) -> UUID:
        assert self.plan_id is not None
        return self.runtime.tracker.find_activity(self.plan_id, code).id

    def activity_path(self, code: str, command: str = "") -> str:
        path = f"/api/v1/activities/{self.activity_id(code)}"
        return f"{path}/{command}" if command else path

    def settle(self) -> None:
        """Wait until every view has folded every event written so far."""
        projections = self.runtime.projections
        for app in (self.runtime.tracker, self.runtime.directory):
            head = app.recorder.max_notification_id() or 0
            assert projections.wait_for(head, timeout=10, app=app), "the views did not catch up"

    def head(self) -> int:
        """The tracker's last notification position."""
        return self.runtime.tracker.recorder.max_notification_id() or 0


def problem(response: httpx.Response, status: int, rule: str) -> dict[str, Any]:
    """Assert ``response`` is an RFC 9457 problem with ``status`` and ``rule``; its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM), response.headers
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["rule"] == rule, body
    assert body["type"].endswith(f"/{rule}") and body["title"] and body["detail"], body
    return body


# ----------------------------------------------------------------- opening an app


@dataclass(frozen=True)
class OpenedApp:
    """The app on a runtime at ``TODAY``, everyone in ``PEOPLE`` with a token: what a
    client of it, in-process or over a socket, is built on."""

    app: FastAPI
    settings: Settings
    runtime: Runtime
    tokens: dict[str, str]
    plan_id: UUID | None

    def client(self, http: httpx.Client) -> Api:
        return Api(http, self.runtime, self.tokens, self.plan_id)


@contextmanager
def opened_app(
    store: Store, tmp_path: Path, *, example: bool, **settings: Any
) -> Iterator[OpenedApp]:
    """The app on ``store``, with the example year played in if asked; closed after."""
    runtime = Runtime.open(store, clock=FixedClock.at_bangkok(TODAY), poll_interval=0.2)
    try:
        plan_id = play(runtime.tracker, EXAMPLE_YEAR).plan_id if example else None
        tokens = seed_people(runtime.directory)
        configured = Settings(secret_file=str(tmp_path / "secret.key"), **settings)
        app = create_app(configured, runtime=runtime)
        yield OpenedApp(app, configured, runtime, tokens, plan_id)
    finally:
        runtime.close()


@contextmanager
def in_process(
    store: Store, tmp_path: Path, *, example: bool = True, **settings: Any
) -> Iterator[Api]:
    """The app behind Starlette's TestClient, its lifespan running."""
    with (
        opened_app(store, tmp_path, example=example, **settings) as opened,
        TestClient(opened.app) as client,
    ):
        yield opened.client(client)


@contextmanager
def on_a_server(
    store: Store, tmp_path: Path, *, example: bool = True, **settings: Any
) -> Iterator[Api]:
    """The app on a real uvicorn server on loopback, and an httpx client of it."""
    with (
        opened_app(store, tmp_path, example=example, **settings) as opened,
        serving(opened.app, opened.settings) as base_url,
        httpx.Client(base_url=base_url, timeout=30) as client,
    ):
        yield opened.client(client)


# ----------------------------------------------------------------- fixtures

OpenApi = Callable[..., Api]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def api_store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """SQLite and PostgreSQL, the backends a server runs on.

    Not the in-memory store: its views live in a shared-cache SQLite database
    (``projections/db.py``), where a read racing the projection thread's write
    fails at once with "database table is locked" instead of waiting.
    """
    if request.param == "sqlite":
        return Store.sqlite(tmp_path / "tidtam.db")
    found: Store = request.getfixturevalue("postgres_store")
    return found


@pytest.fixture
def open_api(api_store: Store, tmp_path: Path) -> Iterator[OpenApi]:
    """Opens the app in-process on each backend: ``open_api(example=False, **settings)``."""
    with ExitStack() as stack:

        def factory(*, example: bool = True, **settings: Any) -> Api:
            return stack.enter_context(in_process(api_store, tmp_path, example=example, **settings))

        yield factory


@pytest.fixture
def api(open_api: OpenApi) -> Api:
    """The app in-process, the example year loaded."""
    return open_api()


@pytest.fixture
def live_api(api_store: Store, tmp_path: Path) -> Iterator[Api]:
    """The app on a real uvicorn server on loopback, the example year loaded."""
    with on_a_server(api_store, tmp_path) as api:
        yield api


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def module_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """SQLite and PostgreSQL again, for an app a whole module shares (refusals, the matrix)."""
    if request.param == "sqlite":
        yield Store.sqlite(tmp_path_factory.mktemp("store") / "tidtam.db")
        return
    database: str = request.getfixturevalue("postgres_database")
    with pytest.MonkeyPatch.context() as env, pg.throwaway_schema(database) as schema:
        env.setenv("TIDTAM_FILES", str(tmp_path_factory.mktemp("files")))  # not ./var/files
        yield Store.from_url(pg.url_for(database, schema))


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The example year on a real server over SQLite, shared by a module's tests that
    send requests from outside (the schema's and the edges' runs)."""
    tmp = tmp_path_factory.mktemp("served")
    with on_a_server(Store.sqlite(tmp / "tidtam.db"), tmp) as api:
        api.settle()
        yield api


@pytest.fixture(scope="module")
def shared_api(module_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The example year in-process, shared by a module's tests that only read."""
    with in_process(module_store, tmp_path_factory.mktemp("app")) as api:
        api.settle()
        yield api
