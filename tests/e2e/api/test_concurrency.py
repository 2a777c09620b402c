"""Sixteen people recording progress on one activity at once, through a real server.

Each writer loops: read the activity (its ETag is the version it saw), then
record progress with ``If-Match`` on that version and a percent that never
falls below what it read. Whoever read a stale version must get a 409 naming
the current version; nobody may get a 5xx; and every 2xx is exactly one
``ProgressRecorded`` in the activity's stream, no more and no fewer.
"""

from __future__ import annotations

import threading
from collections import Counter

import httpx

from tests.e2e.api.conftest import Api

WRITERS = 16
ATTEMPTS = 6
"""Each writer's read-then-write rounds."""


def test_concurrent_writers_each_win_or_get_a_409_and_every_win_is_one_event(
    live_api: Api,
) -> None:
    api = live_api
    path = api.activity_path("2.2")  # cancelled in the example year: reopen and start it
    api.post(f"{path}/reopen", json={"reason": "อาสาสมัครมาครบแล้ว"})
    started = api.post(f"{path}/start", who="staff", json={}).json()
    api.get(path, params={"min_position": started["position"]})
    barrier = threading.Barrier(WRITERS)
    outcomes: list[tuple[int, str | None]] = []
    lock = threading.Lock()

    def writer() -> None:
        with httpx.Client(
            base_url=api.http.base_url, headers=api.headers("staff"), timeout=60
        ) as client:
            barrier.wait(timeout=30)
            for attempt in range(1, ATTEMPTS + 1):
                read = client.get(path)
                seen = (read.status_code, None)
                if read.status_code == 200:
                    percent = max(read.json()["activity"]["progress"], attempt)
                    wrote = client.post(
                        f"{path}/progress",
                        json={"percent": percent},
                        headers={"If-Match": read.headers["etag"]},
                    )
                    rule = wrote.json().get("rule") if wrote.status_code >= 400 else None
                    seen = (wrote.status_code, rule)
                with lock:
                    outcomes.append(seen)

    threads = [threading.Thread(target=writer, name=f"writer-{n}") for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    tally = Counter(outcomes)
    assert len(outcomes) == WRITERS * ATTEMPTS, tally
    assert set(tally) <= {(200, None), (409, "version_conflict")}, tally
    won = tally[(200, None)]
    assert won >= 1, tally
    history = list(api.runtime.tracker.history(api.activity_id("2.2")))
    recorded = [e for e in history if type(e).__name__ == "ProgressRecorded"]
    assert len(recorded) == won, tally
    assert api.runtime.tracker.get_activity(api.activity_id("2.2")).version == (
        started["version"] + won
    )
    percents = [getattr(e, "percent") for e in recorded]  # noqa: B009
    assert percents == sorted(percents)
    metrics = api.get("/metrics", who="auditor").text
    assert f'tidtam_commands_total{{command="progress",outcome="ok"}} {float(won)}' in metrics
    conflicts = tally[(409, "version_conflict")]
    if conflicts:
        line = f'tidtam_commands_total{{command="progress",outcome="conflict"}} {float(conflicts)}'
        assert line in metrics
