"""The bare twin the ``api`` benchmark measures Tidtam's API against: FastAPI, nothing else.

One trivial JSON POST (a small body parsed into a model, a small model back) and
one trivial GET. Both are plain ``def`` routes, as Tidtam's are, so both apps pay
FastAPI's thread-pool hop; the bench serves this app with the very uvicorn
options it serves Tidtam's with (``uvicorn --factory bench.bare_app:create_app``).
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict

POST_PATH = "/bare/progress"
GET_PATH = "/bare/ping"


class PercentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    percent: int


class PercentOut(BaseModel):
    percent: int
    accepted: bool


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

    return app
