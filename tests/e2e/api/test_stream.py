"""The live event stream (Server-Sent Events) over a real socket.

Event ids are notification positions, so a client that reconnects with
``Last-Event-ID`` gets exactly the events after the last one it saw.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx

from tests.e2e.api.conftest import Api, problem

STREAM = "/api/v1/events/stream"


def sse(response: httpx.Response) -> Iterator[dict[str, str]]:
    """The events of a ``text/event-stream`` response, as dicts of their fields."""
    fields: dict[str, str] = {}
    for line in response.iter_lines():
        if not line:
            if "data" in fields or "id" in fields:
                yield fields
            fields = {}
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        fields[name] = value.removeprefix(" ")


def receive(api: Api, count: int, **headers: str) -> list[dict[str, Any]]:
    """Connect as an auditor, take ``count`` events, disconnect.

    The read timeout is shorter than the stream's keep-alive, so a missing event
    fails the test at once instead of waiting forever.
    """
    received: list[dict[str, Any]] = []
    with api.http.stream(
        "GET", STREAM, headers=api.headers("auditor", headers), timeout=5
    ) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        for event in sse(response):
            data = json.loads(event["data"])
            assert int(event["id"]) == data["position"]
            assert event["event"] == data["event_type"]
            received.append(data)
            if len(received) == count:
                break
    return received


def test_the_stream_resumes_after_the_last_event_id_it_was_given(live_api: Api) -> None:
    api = live_api
    api.settle()
    head = api.head()

    first = receive(api, head)
    reopened = api.post(api.activity_path("2.2", "reopen"), json={"reason": "มาครบแล้ว"})
    started = api.post(api.activity_path("2.2", "start"), who="staff", json={"note": "เริ่ม"})
    resumed = receive(api, 2, **{"Last-Event-ID": str(first[-1]["position"])})

    assert [e["position"] for e in first] == list(range(1, head + 1))
    assert first[0]["event_type"] == "PlanCreated"
    assert [e["position"] for e in resumed] == [
        reopened.json()["position"],
        started.json()["position"],
    ]
    assert [(e["event_type"], e["actor"]) for e in resumed] == [
        ("ActivityReopened", "manager"),
        ("ActivityStarted", "staff"),
    ]
    assert resumed[1]["payload"]["note"] == "เริ่ม"


def test_the_stream_starts_after_a_position_and_is_for_auditors(live_api: Api) -> None:
    api = live_api
    api.settle()
    head = api.head()

    with api.http.stream(
        "GET", STREAM, params={"after": head - 2}, headers=api.headers("manager"), timeout=5
    ) as response:
        events = sse(response)
        tail = [json.loads(next(events)["data"])["position"] for _ in range(2)]

    assert tail == [head - 1, head]
    problem(api.get(STREAM, who="staff"), 403, "role_forbidden")
    problem(api.get(STREAM, who=None), 401, "not_signed_in")
