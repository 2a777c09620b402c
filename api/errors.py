"""Every refusal as RFC 9457 problem+json, naming the rule and the field.

Domain errors carry their HTTP status; the library's write conflict is a 409
(never a 500); request validation is a 422 naming the field. The language of
``detail`` follows ``Accept-Language`` (Thai unless English is preferred).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from eventsourcing.persistence import OperationalError, RecordConflictError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.errors import ConflictError, TidtamError
from domain.words import Words
from projections.audit_view import jsonable

PROBLEM = "application/problem+json"
log = logging.getLogger(__name__)

TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported media type",
    422: "Unprocessable input",
    429: "Too many requests",
    503: "Not ready",
}


class FieldProblem(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, naming the rule that was broken and the field at fault."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="A URI naming the rule")
    title: str
    status: int
    detail: str = Field(description="For people: Thai, or English if Accept-Language prefers it")
    rule: str = Field(description="The rule's stable name: match on this, not on detail")
    field: str | None = Field(description="The field at fault, where there is one")
    values: dict[str, Any] | None = Field(None, description="The values that broke the rule")
    errors: list[FieldProblem] | None = Field(None, description="422: every invalid field")
    current_version: int | None = Field(None, description="409: the version to decide on again")
    expected_version: int | None = Field(None, description="409: the version the command named")


def language(request: Request) -> str:
    """``en`` when the client prefers English to Thai, else ``th``."""
    header = request.headers.get("accept-language", "")
    for part in header.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("th"):
            return "th"
        if tag.startswith("en"):
            return "en"
    return "th"


def problem(
    status: int,
    rule: str,
    detail: str,
    *,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": f"https://tidtam.dev/problems/{rule}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "rule": rule,
        "field": field,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


class ViewBehindError(TidtamError):
    """Raised when the views did not reach a requested position in time."""

    http_status = 503


async def tidtam_error(request: Request, error: TidtamError) -> JSONResponse:
    """A refusal Tidtam raised on purpose: its status, rule, field and message."""
    extra: dict[str, Any] = {"values": _jsonable(error.values)}
    if isinstance(error, ConflictError):
        extra["current_version"] = error.current_version
        extra["expected_version"] = error.expected_version
    status = error.http_status
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if status == 429:
        headers = {"Retry-After": str(error.values.get("seconds", 60))}
    return problem(
        status, error.rule, error.message(language(request)), field=error.field,
        headers=headers, **extra,
    )  # fmt: skip


async def write_conflict(request: Request, error: RecordConflictError) -> JSONResponse:
    english = "someone else changed this at the same moment; read it again and retry"
    thai = "มีผู้อื่นแก้ไขข้อมูลนี้ในเวลาเดียวกัน กรุณาโหลดใหม่แล้วลองอีกครั้ง"
    detail = thai if language(request) == "th" else english
    return problem(409, "version_conflict", detail)


async def store_unavailable(request: Request, error: OperationalError) -> JSONResponse:
    """The store timed out or is unreachable (e.g. its connection pool was exhausted)."""
    log.warning("store unavailable on %s %s: %s", request.method, request.url.path, error)
    english = "the database is busy or unreachable; retry in a moment"
    thai = "ฐานข้อมูลไม่ว่างหรือเชื่อมต่อไม่ได้ กรุณาลองใหม่อีกครู่"
    detail = thai if language(request) == "th" else english
    return problem(503, "store_unavailable", detail, headers={"Retry-After": "1"})


async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
    first = error.errors()[0] if error.errors() else {}
    location = [str(part) for part in first.get("loc", ()) if part != "body"]
    field = ".".join(location) or None
    detail = f"{field}: {first.get('msg', 'invalid')}" if field else str(first.get("msg"))
    if first.get("type") == "json_invalid":  # its location is a character, not a field
        at = location[0] if location else "?"
        reason = first.get("ctx", {}).get("error", "invalid")
        field, detail = None, f"the body is not valid JSON: {reason} (at character {at})"
    return problem(
        422,
        "request_invalid",
        detail,
        field=field,
        errors=[
            {"field": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg")}
            for e in error.errors()
        ],
    )


async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
    rule = {
        400: "body_unreadable",
        404: "not_found",
        405: "method_not_allowed",
        413: "upload_too_large",
    }.get(error.status_code, "http_error")
    return problem(error.status_code, rule, str(error.detail), headers=error.headers)


async def unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return problem(500, "internal_error", "an unexpected error; it has been logged")


HANDLERS: tuple[tuple[type[Exception], Any], ...] = (
    (TidtamError, tidtam_error),
    (RecordConflictError, write_conflict),
    (OperationalError, store_unavailable),
    (RequestValidationError, invalid_request),
    (StarletteHTTPException, http_error),
    (Exception, unexpected),
)
"""Every exception the API answers, and the handler that turns it into problem+json."""


def install(app: FastAPI) -> None:
    """Answer every exception as problem+json, and declare the problems in OpenAPI."""
    for kind, handler in HANDLERS:
        app.add_exception_handler(kind, handler)
    document_problems(app)


def document_problems(app: FastAPI) -> None:
    """Declare, in the app's OpenAPI document, the problems each API operation may answer.

    Every ``/api/`` operation may be refused (422) or find the store unavailable
    (503); those behind a sign-in add 401 and 403, those with a body 400 (it
    could not be parsed), those naming something in their path 404, writes 409,
    uploads 413, signing in 429, reports 406 (a format they are not made in). All are ``Problem``
    bodies served as ``application/problem+json``, replacing FastAPI's default
    422 body, which this app never sends.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "Problem" in components:
            return schema
        for model in (Problem, FieldProblem):
            components[model.__name__] = model.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
        for path, operations in schema.get("paths", {}).items():
            if not path.startswith("/api/"):
                continue
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status in _problem_statuses(path, method, operation):
                    responses[str(status)] = _problem_response(status)
        if "#/components/schemas/HTTPValidationError" not in json.dumps(schema["paths"]):
            for unused in ("HTTPValidationError", "ValidationError"):
                components.pop(unused, None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _problem_statuses(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    signing_in = path == "/api/v1/session"
    statuses = [422, 503]
    statuses += [403, 429] if signing_in else [401, 403]
    if "{" in path:
        statuses.append(404)
    if method in ("post", "put", "patch", "delete") and not signing_in:
        statuses.append(409)
    body = operation.get("requestBody", {}).get("content", {})
    if body:
        statuses.append(400)  # a body that cannot be parsed at all
    if "multipart/form-data" in body:
        statuses.append(413)
    if "/reports/" in path:
        statuses.append(406)  # a format the report is not made in
    return sorted(statuses)


def _problem_response(status: int) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": TITLES.get(status, "Error"),
        "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if status == 429:
        response["headers"] = {
            "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}
        }
    if status == 401:
        response["headers"] = {
            "WWW-Authenticate": {"description": "Bearer", "schema": {"type": "string"}}
        }
    return response


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.en if isinstance(v, Words) else jsonable(v) for k, v in values.items()}
