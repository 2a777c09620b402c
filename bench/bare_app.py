"""The bare twins the ``api`` benchmark measures Tidtam's API against.

One trivial JSON POST (a small body parsed into a model, a small model back) and
one trivial GET: FastAPI, nothing else. Beside them, when ``BARE_SAVE`` is set,
a POST that does what a command can least do: the bare library's command on a
`Tally` (get its stream, trigger one event, save it in a transaction) on the
store the environment names (``PERSISTENCE_MODULE`` and the library's settings),
with a stale save answered 409 as Tidtam answers it. All are plain ``def``
routes, as Tidtam's are, so every app pays FastAPI's thread-pool hop; the bench
serves this app with the very uvicorn options it serves Tidtam's with
(``uvicorn --factory bench.bare_app:create_app``).
"""

from __future__ import annotations

import os
from uuid import UUID

from eventsourcing.persistence import IntegrityError
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict

from bench.bare_library import BareApplication, Tally

POST_PATH = "/bare/progress"
GET_PATH = "/bare/ping"
SAVE_PATH = "/bare/tallies/{tally_id}/progress"
SAVE_SWITCH = "BARE_SAVE"
"""The environment variable that turns the save route on (its value is not read)."""


class PercentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    percent: int


class PercentOut(BaseModel):
    percent: int
    accepted: bool


class SavedOut(BaseModel):
    version: int


class PingOut(BaseModel):
    status: str


def create_app() -> FastAPI:
    app = FastAPI(title="bare")

    @app.post(POST_PATH, response_model=PercentOut)
    def progress(body: PercentIn) -> PercentOut:
        return PercentOut(percent=body.percent, accepted=True)

    @app.get(GET_PATH, response_model=PingOut)
    def ping() -> PingOut:
        return PingOut(status="ok")

    if SAVE_SWITCH in os.environ:
        library = BareApplication()

        @app.post(SAVE_PATH, response_model=SavedOut)
        def save(tally_id: UUID, body: PercentIn) -> SavedOut:
            tally: Tally = library.repository.get(tally_id)
            tally.move(body.percent)
            try:
                library.save(tally)
            except IntegrityError:
                raise HTTPException(409, "stale") from None
            return SavedOut(version=tally.version)

    return app
