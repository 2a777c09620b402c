"""``memory``: the server's size under a long mixed load, and whether it settles.

Why it is measured: a town hall's server runs for months. Issue 17 saw it grow from
126 MB to 420–490 MB over a few minutes of mixed reads and never come back; every
cache now has a bound (``docs/ARCHITECTURE.md``), and this says whether the process
as a whole settles.

Method: the API bench's store (``--activities`` activities with a short history and
a manager's token), served by ``uvicorn`` in a subprocess as ``bench api`` serves it.
Debian's ``wrk`` sends a mix for ``--duration`` seconds (after ``--warmup``): each
request, at random, records progress on a random activity, reads the plan resource,
plan versus actual, the plan as of a random instant of its history, or the plan's
page. The server's resident size (``VmRSS`` in ``/proc``) is read every
``--every`` seconds. Targets (issue 17): under 300 MB at the end, and flat over the
second half: its size at the end at most 5% above its size half-way.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, cast

import httpx

from api.auth import hash_password, new_password
from api.deps import SESSION_COOKIE
from api.web.context import ANON_CSRF_COOKIE
from application.directory import Directory
from application.tracker import Tracker
from bench.api import MANAGER, Prepared, Server, _serving, _tidtam_env, parse_wrk, prepare
from bench.common import Backend, Report, Say, Target
from bench.options import PlanSize, WrkConnections, WrkThreads, asked
from bench.synthetic import ACTOR
from domain.recorded import Recorded

NAME = "memory"
SUMMARY = "server RSS over 10 minutes of mixed writes, reads and time travel"
TARGET_MB = 300.0
TARGET_GROWTH = 1.05


@dataclass(frozen=True, slots=True)
class Options:
    """The store, the load and how often the server's size is read."""

    activities: PlanSize = 1000
    history: Annotated[int, "events added to every activity before the load"] = 10
    duration: Annotated[float, "seconds of mixed load measured"] = 600.0
    warmup: Annotated[float, "seconds of the same load before the first reading"] = 30.0
    connections: WrkConnections = 8
    threads: WrkThreads = 2
    every: Annotated[float, "seconds between readings of the server's size"] = 10.0


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Prepare the store, serve it, load it, and read the server's size as it goes."""
    report = Report(NAME, backend.describe(), asked(options))
    wrk = shutil.which("wrk")
    if wrk is None:
        report.notes.append("not measured: Debian's wrk is not installed (apt-get install wrk)")
        return report
    prepared = prepare(backend, options.activities, options.history)
    password = new_password()
    with Directory(backend.store) as directory:
        directory.set_password(MANAGER, hash_password(password), actor=ACTOR)
    instants = _instants(backend, 50)
    say(f"store: {prepared.events:,} events; {len(instants)} instants for time travel")
    with tempfile.TemporaryDirectory(prefix="tidtam-memory-") as scratch:
        work = Path(scratch)
        env = _tidtam_env(backend.store, work)
        with _serving("api.main:create_app", env, "/healthz") as server:
            script = work / "mixed.lua"
            script.write_text(_mixed(prepared, instants, _signed_in(server, password)))
            if options.warmup > 0:
                _wrk(wrk, options, server, script, options.warmup)
            start = _rss_mb(server)
            say(f"after {options.warmup:.0f} s of warm-up: {start:.0f} MB")
            samples: list[tuple[float, float]] = [(0.0, start)]
            stop = threading.Event()
            reader = threading.Thread(
                target=_read_sizes, args=(server, options.every, samples, stop), daemon=True
            )
            reader.start()
            output = _wrk(wrk, options, server, script, options.duration)
            stop.set()
            reader.join()
            samples.append((options.duration, _rss_mb(server)))
    result = parse_wrk(output)
    half = _size_at(samples, options.duration / 2)
    end = samples[-1][1]
    report.figures["requests"] = {
        "per_s": round(result.requests_per_s, 1), "non_2xx": result.non_2xx,
        "p99_ms": result.p99_ms,
    }  # fmt: skip
    report.figures["rss_mb"] = {
        "start": round(start, 1), "half": round(half, 1), "end": round(end, 1),
        "max": round(max(mb for _, mb in samples), 1),
        "samples": [[round(t), round(mb, 1)] for t, mb in samples],
    }  # fmt: skip
    say(
        f"{result.requests:,} requests ({result.requests_per_s:,.0f}/s, {result.non_2xx:,}"
        f" non-2xx); RSS {start:.0f} → {half:.0f} (half-way) → {end:.0f} MB"
    )
    report.targets.append(Target("RSS at the end (MB)", round(end, 1), TARGET_MB, False, " MB"))
    report.targets.append(
        Target("RSS at the end ÷ half-way", round(end / half, 3), TARGET_GROWTH, False)
    )
    return report


def _instants(backend: Backend, count: int) -> list[datetime]:
    """``count`` recording instants spread over the store's log."""
    with Tracker(backend.store) as tracker:
        head = tracker.recorder.max_notification_id() or 0
        positions = sorted({max(1, head * k // count) for k in range(1, count + 1)})
        found = []
        for position in positions:
            notification = tracker.recorder.select_notifications(position, 1)[0]
            found.append(cast(Recorded, tracker.mapper.to_domain_event(notification)).timestamp)
    return found


def _signed_in(server: Server, password: str) -> str:
    """A session cookie for the manager, signed in through the page as a person is."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        client.get("/sign-in")
        csrf = client.cookies.get(ANON_CSRF_COOKIE, "")
        client.post("/sign-in", data={"username": MANAGER, "password": password, "csrf": csrf})
        session = client.cookies.get(SESSION_COOKIE)
    if not session:
        raise RuntimeError("the bench's manager could not sign in")
    return f"{SESSION_COOKIE}={session}"


def _mixed(prepared: Prepared, instants: list[datetime], cookie: str) -> str:
    """The wrk script: a random one of five requests each time."""
    ids = ",\n".join(f'  "{i}"' for i in prepared.activity_ids)
    moments = ",\n".join(f'  "{t.isoformat().replace("+00:00", "Z")}"' for t in instants)
    plan = f"/api/v1/plans/{prepared.plan_id}"
    return f"""local bearer = "Bearer {prepared.token}"
wrk.headers["Authorization"] = bearer
-- a request given its own headers sends only those
local ids = {{
{ids}
}}
local instants = {{
{moments}
}}
local start = {int(time.time())}
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + number)
end
function request()
  local pick = math.random(5)
  if pick == 1 then
    local percent = math.min(100, 30 + math.floor((os.time() - start) / 20))
    local body = '{{"percent": ' .. percent .. '}}'
    local headers = {{["Content-Type"] = "application/json", ["Authorization"] = bearer}}
    local path = "/api/v1/activities/" .. ids[math.random(#ids)] .. "/progress"
    return wrk.format("POST", path, headers, body)
  elseif pick == 2 then
    return wrk.format("GET", "{plan}")
  elseif pick == 3 then
    return wrk.format("GET", "{plan}/plan-vs-actual")
  elseif pick == 4 then
    return wrk.format("GET", "{plan}?as_of=" .. instants[math.random(#instants)])
  end
  return wrk.format("GET", "/plans/{prepared.plan_id}", {{["Cookie"] = "{cookie}"}})
end
"""


def _wrk(wrk: str, options: Options, server: Server, script: Path, seconds: float) -> str:
    command = [
        wrk, f"-t{options.threads}", f"-c{options.connections}", f"-d{max(1, round(seconds))}s",
        "--timeout", "30s", "--latency", "-s", str(script), server.url,
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _rss_mb(server: Server) -> float:
    """The server process's resident size, from ``/proc``."""
    for line in Path(f"/proc/{server.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {server.pid}")


def _read_sizes(
    server: Server, every: float, samples: list[tuple[float, float]], stop: threading.Event
) -> None:
    began = time.monotonic()
    while not stop.wait(every):
        samples.append((time.monotonic() - began, _rss_mb(server)))


def _size_at(samples: list[tuple[float, float]], second: float) -> float:
    """The size read nearest to ``second`` into the measure."""
    return min(samples, key=lambda s: abs(s[0] - second))[1]
