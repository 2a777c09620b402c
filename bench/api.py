"""``api``: the HTTP API under load, beside a bare FastAPI app served the same way.

Why a bare twin: uvicorn, FastAPI and the thread-pool hop of a ``def`` route cost
something per request whatever the app does. A trivial app served with the very
same options (``bench/bare_app.py``) is the floor, measured in the same run on
the same machine, and Tidtam's requests are judged against it. The same app also
serves the bare library's command over HTTP (a `Tally` of ``bench/bare_library.py``
moved and saved on a store of the same kind): the least any durable command costs
on this stack, so the report says how much of the distance to the bare POST is
the store's and how much is Tidtam's.

Method: a store of ``--activities`` activities (a synthetic plan imported at the
start of fiscal year 2552, every activity with a short history) and a manager
with a bearer token. ``uvicorn`` serves ``api.main:create_app`` in a subprocess
(one worker, the embedded scheduler off); when it is done, the same command line
serves ``bench.bare_app:create_app``. Debian's ``wrk`` drives each measure with
``--connections`` connections over ``--threads`` threads: a short warm-up, then
``--duration`` seconds with ``--latency`` (p50/p99 are wrk's, uncorrected for
coordinated omission). Lua scripts written at run time pick a random activity
per progress request and send a percent that rises with the wall clock, so an
activity's progress never falls and the command is accepted; two requests on
the same activity at the same instant may still meet as a 409, which is counted.

When a target is missed (``--profile auto``), the work of each missed route is
profiled in-process with cProfile: the route function itself, called with the
app's own services, and its JSON, without the HTTP server around it. The
difference between that and the measured latency is the server's share.

Targets: progress at least half the bare POST's rate; plan versus actual p99
under 50 ms.
"""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Annotated
from urllib.parse import quote
from uuid import UUID

import httpx
from fastapi import Response

from api.auth import new_token
from api.routes import activities
from api.runtime import Runtime
from api.schemas.commands import ProgressIn
from api.services import Services
from api.settings import Settings
from application.directory import Directory
from application.tracker import Tracker
from bench import bare_app
from bench.bare_library import BareApplication, twins
from bench.common import Backend, Report, Say, Target
from bench.options import (
    EarlierEvents,
    LoadSeconds,
    PlanSize,
    Profiling,
    WarmUpSeconds,
    WrkConnections,
    WrkThreads,
    asked,
    wants_profile,
)
from bench.profiling import Profile, profile, say_profile
from bench.synthetic import ACTOR, grow_histories, import_synthetic, late_clock
from projections.resources import plan_vs_actual_resource
from storage.store import Store

NAME = "api"
SUMMARY = "progress, plan-vs-actual and plan requests/s and latency under wrk, beside a bare app"
TARGET_RATIO = 0.5
"""Recording progress must reach at least half the bare POST's requests per second."""
TARGET_PVA_P99_MS = 50.0
"""Plan versus actual must answer within 50 ms at the 99th percentile."""
TARGET_PLAN_RATIO = 0.5
"""The plan resource at least half plan versus actual's rate, served the same way."""
TARGET_PLAN_P99_MS = 100.0
REPOSITORY = Path(__file__).resolve().parent.parent
MANAGER = "bench-manager"


@dataclass(frozen=True, slots=True)
class Options:
    """The store's size, wrk's load and how long each measure lasts."""

    activities: PlanSize = 1000
    history: EarlierEvents = 4
    connections: WrkConnections = 16
    threads: WrkThreads = 2
    duration: LoadSeconds = 10.0
    warmup: WarmUpSeconds = 2.0
    profile: Annotated[
        Profiling, "profile the work of a route in-process (auto: when its target is missed)"
    ] = "auto"
    profile_requests: Annotated[int, "route calls in each profile"] = 200


@dataclass(frozen=True, slots=True)
class Prepared:
    """The store's plan, its activities and a manager's token."""

    plan_id: UUID
    activity_ids: list[UUID]
    token: str
    events: int
    tally_ids: list[UUID]
    """The bare library's twins of the activities, with histories as long."""


@dataclass(frozen=True, slots=True)
class WrkResult:
    """What wrk said about one measure."""

    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p75_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    non_2xx: int
    socket_errors: int
    server_cpu_ms: float | None = None
    """The server process's CPU time (all its threads, user and system) per request
    during the measure: what a request costs, whatever it waited for."""

    def line(self) -> str:
        bad = f", {self.non_2xx:,} non-2xx" if self.non_2xx else ""
        errors = f", {self.socket_errors:,} socket errors" if self.socket_errors else ""
        cpu = f"  server CPU {self.server_cpu_ms:.2f} ms/req" if self.server_cpu_ms else ""
        return (
            f"{self.requests_per_s:9,.0f} req/s  p50 {self.p50_ms:7.2f} ms"
            f"  p99 {self.p99_ms:7.2f} ms{cpu}  ({self.requests:,} requests{bad}{errors})"
        )


@dataclass(frozen=True, slots=True)
class Measured:
    """What wrk said of each measure, the size of a plan versus actual answer, and the
    progress commands' outcomes (from the server's metrics)."""

    bare_get: WrkResult
    bare_post: WrkResult
    bare_save: WrkResult
    progress: WrkResult
    pva: WrkResult
    pva_bytes: int
    outcomes: dict[str, int]
    plan: WrkResult | None = None
    """The plan resource, served from the same cache as plan versus actual."""
    plan_bytes: int = 0


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    """Measure the bare app's POST and GET, then Tidtam's progress and plan versus actual."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("the api benchmark needs wrk (apt-get install wrk)")
    report = Report(
        NAME,
        backend.describe(),
        {
            **asked(
                options, history="history_per_activity", duration="duration_s", warmup="warmup_s"
            ),
            "server": f"uvicorn, 1 worker, {_server_stack()}, access log off",
        },
    )
    prepared = prepare(backend, options.activities, options.history)
    say(
        f"store: {options.activities:,} activities, {prepared.events:,} events;"
        f" wrk -t{options.threads} -c{options.connections} -d{options.duration:g}s --latency"
        f" (after {options.warmup:g} s warm-up)"
    )
    measured = _measure_all(backend, prepared, _Measure(wrk, options), say)
    judge(report, measured, options.duration)
    missed = any(not t.passed for t in report.targets)
    if wants_profile(options.profile, missed=missed):
        _profile(report, backend.store, prepared, options.profile_requests, say)
    return report


def _measure_all(backend: Backend, prepared: Prepared, measure: _Measure, say: Say) -> Measured:
    """The bare app's three measures, then Tidtam's two, each app on its own server."""
    with tempfile.TemporaryDirectory(prefix="tidtam-bench-api-") as tmp:
        work = Path(tmp)
        scripts = _scripts(work, prepared)
        bare_env = {**_bare_env(), **backend.bare_settings, bare_app.SAVE_SWITCH: "on"}
        with _serving("bench.bare_app:create_app", bare_env, bare_app.GET_PATH) as server:
            bare_get = measure(server, bare_app.GET_PATH, scripts["bare_get"])
            say(f"bare GET        {bare_get.line()}")
            bare_post = measure(server, bare_app.POST_PATH, scripts["bare_post"])
            say(f"bare POST       {bare_post.line()}")
            bare_save = measure(server, "/", scripts["bare_save"])
            say(f"bare save       {bare_save.line()}")

        env = _tidtam_env(backend.store, work)
        with _serving("api.main:create_app", env, "/healthz") as server:
            url = server.url
            pva_path = f"/api/v1/plans/{prepared.plan_id}/plan-vs-actual"
            size = len(httpx.get(url + pva_path, headers=_auth(prepared), timeout=60).content)
            progress = measure(server, "/", scripts["progress"])
            say(f"progress (POST) {progress.line()}")
            pva = measure(server, pva_path, scripts["plan_vs_actual"])
            say(f"plan-vs-actual  {pva.line()}  ({size / 1024:,.0f} KiB each)")
            plan_path = f"/api/v1/plans/{prepared.plan_id}"
            plan_size = len(httpx.get(url + plan_path, headers=_auth(prepared), timeout=60).content)
            plan = measure(server, plan_path, scripts["plan_vs_actual"])  # the same GET script
            say(f"plan resource   {plan.line()}  ({plan_size / 1024:,.0f} KiB each)")
            outcomes = _command_outcomes(url)
        say(f"progress outcomes since the server started, warm-up included: {outcomes}")
    return Measured(bare_get, bare_post, bare_save, progress, pva, size, outcomes, plan, plan_size)


def judge(report: Report, m: Measured, duration: float) -> None:
    """The figures, the two targets, and notes on what the figures mean."""
    ratio = _ratio(m.progress, m.bare_post)
    report.figures.update(
        {
            "bare_get": asdict(m.bare_get),
            "bare_post": asdict(m.bare_post),
            "bare_save": {
                **asdict(m.bare_save),
                "ratio_to_bare_post": _ratio(m.bare_save, m.bare_post),
            },
            "progress": {
                **asdict(m.progress),
                "outcomes": m.outcomes,
                "ratio_to_bare_post": ratio,
                "ratio_to_bare_save": _ratio(m.progress, m.bare_save),
            },
            "plan_vs_actual": {
                **asdict(m.pva),
                "response_bytes": m.pva_bytes,
                "ratio_to_bare_get": _ratio(m.pva, m.bare_get),
            },
        }
    )
    report.targets.append(
        Target("progress req/s ÷ bare POST req/s", round(ratio, 3), TARGET_RATIO, at_least=True)
    )
    _note_cpu(report, m)
    report.targets.append(
        Target("plan-vs-actual p99", m.pva.p99_ms, TARGET_PVA_P99_MS, at_least=False, unit=" ms")
    )
    if m.plan is not None:
        report.figures["plan"] = {
            **asdict(m.plan), "response_bytes": m.plan_bytes,
            "ratio_to_plan_vs_actual": _ratio(m.plan, m.pva),
        }  # fmt: skip
        report.targets.append(
            Target(
                "plan req/s ÷ plan-vs-actual req/s",
                round(_ratio(m.plan, m.pva), 3),
                TARGET_PLAN_RATIO,
                at_least=True,
            )
        )
        report.targets.append(
            Target("plan p99", m.plan.p99_ms, TARGET_PLAN_P99_MS, at_least=False, unit=" ms")
        )
    for name, result in (
        ("progress", m.progress),
        ("plan versus actual", m.pva),
        ("bare save", m.bare_save),
    ):
        if result.requests == 0:
            report.notes.append(
                f"{name}: no request was answered within the {duration:g} s measure;"
                " its latency is reported as the measure's length, a lower bound"
            )


def _note_cpu(report: Report, m: Measured) -> None:
    """How far CPU time per request explains the rates: the ceiling and the bare save."""
    progress, bare_post, bare_save = m.progress, m.bare_post, m.bare_save
    if progress.server_cpu_ms and bare_post.server_cpu_ms:
        report.notes.append(
            f"server CPU per request: progress {progress.server_cpu_ms:.2f} ms, bare POST"
            f" {bare_post.server_cpu_ms:.2f} ms; one process is bound by its CPU time per"
            " request, so their ratio is about the rate ratio's ceiling"
        )
    report.notes.append(
        f"the bare library's command over HTTP (get, one event, save) reaches"
        f" {_ratio(bare_save, bare_post):.2f} of the bare POST's rate; progress reaches"
        f" {_ratio(progress, bare_save):.2f} of the bare save's"
        + (
            f" (server CPU {bare_save.server_cpu_ms:.2f} ms a save)"
            if bare_save.server_cpu_ms
            else ""
        )
    )


def _ratio(ours: WrkResult, floor: WrkResult) -> float:
    """``ours`` requests per second as a share of ``floor``'s (0 when the floor answered none)."""
    return ours.requests_per_s / floor.requests_per_s if floor.requests_per_s else 0.0


# ----------------------------------------------------------------- the store


def prepare(backend: Backend, activities: int, history: int) -> Prepared:
    """Import the plan, give every activity a short history, register a manager;
    a bare library twin for every activity, with as many events."""
    store = backend.store
    clock = late_clock()
    with Tracker(store, clock=clock) as tracker, Directory(store, clock=clock) as directory:
        imported = import_synthetic(tracker, activities)
        ids = imported.activity_ids
        written = grow_histories(tracker, ids, history, clock)
        directory.register(MANAGER, roles=("manager",), actor=ACTOR)
        token = new_token()
        directory.issue_token(MANAGER, token.token_id, token.digest, label="bench", actor=ACTOR)
    with BareApplication(backend.bare_settings) as library:
        tally_ids = twins(library, len(ids), moves=written // len(ids) if ids else 0)
    return Prepared(imported.plan_id, ids, token.secret, imported.events + written, tally_ids)


def _auth(prepared: Prepared) -> dict[str, str]:
    return {"Authorization": f"Bearer {prepared.token}"}


# ----------------------------------------------------------------- servers


def _server_stack() -> str:
    """The HTTP parser and event loop uvicorn picks ("auto"): the C ones when installed."""
    found = {name: importlib.util.find_spec(name) is not None for name in ("httptools", "uvloop")}
    http = "httptools" if found["httptools"] else "h11"
    loop = "uvloop" if found["uvloop"] else "asyncio"
    return f"{http}/{loop}"


METRICS_TOKEN = secrets.token_urlsafe(32)
"""What the bench's server and its metrics reader share, made anew for each run."""


def _bare_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("TIDTAM_")}


def _tidtam_env(store: Store, work: Path) -> dict[str, str]:
    env = _bare_env()
    env.pop("PERSISTENCE_MODULE", None)
    env["TIDTAM_SCHEDULER"] = "off"
    env["TIDTAM_SECRET_FILE"] = str(work / "secret.key")
    env["TIDTAM_METRICS_TOKEN"] = METRICS_TOKEN
    if store.backend == "sqlite":
        env["TIDTAM_DB"] = store.sqlite_path
    else:
        env["TIDTAM_DATABASE"] = _postgres_url(store)
    return env


def _postgres_url(store: Store) -> str:
    p = store.postgres
    user = quote(p.get("user", "postgres"), safe="")
    password = quote(p.get("password", ""), safe="")
    credentials = f"{user}:{password}" if password else user
    url = f"postgresql://{credentials}@{p.get('host', '127.0.0.1')}:{p.get('port', '5432')}"
    url += f"/{quote(p.get('dbname', 'postgres'), safe='')}"
    return url + (f"?schema={p['schema']}" if p.get("schema") else "")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True, slots=True)
class Server:
    """A server under measure: where it answers, and its process."""

    url: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """User and system CPU time of the process so far (Linux ``/proc``), or None."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime: fields 14 and 15


@contextmanager
def _serving(factory: str, env: dict[str, str], ready_path: str) -> Iterator[Server]:
    """``uvicorn --factory FACTORY`` in a subprocess, the same options for every app."""
    port = _free_port()
    command = [
        sys.executable, "-m", "uvicorn", "--factory", factory,
        "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
        "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=REPOSITORY, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"{factory} exited with status {server.returncode}")
            try:
                if httpx.get(url + ready_path, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{factory} did not answer {ready_path} within 120 s")
            time.sleep(0.2)
        yield Server(url, server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _command_outcomes(url: str) -> dict[str, int]:
    """``tidtam_commands_total`` for progress, by outcome, from the server's metrics."""
    pattern = re.compile(r'tidtam_commands_total\{command="progress",outcome="(\w+)"\} ([\d.e+]+)')
    scraper = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    text = httpx.get(url + "/metrics", headers=scraper, timeout=30).text
    return {m.group(1): int(float(m.group(2))) for m in pattern.finditer(text)}


# ----------------------------------------------------------------- wrk


def _scripts(work: Path, prepared: Prepared) -> dict[str, Path]:
    """The Lua scripts, written for this run: its token, its activities, its start."""
    auth = f'wrk.headers["Authorization"] = "Bearer {prepared.token}"\n'
    json_body = 'wrk.headers["Content-Type"] = "application/json"\n'
    seeding = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end
function init(args)
  math.randomseed(os.time() * 1000 + number)
end
"""
    rising = f"""
local start = {int(time.time())}
{seeding}
-- rises with the wall clock, so no activity's progress ever falls
local function percent()
  return math.min(100, 10 + math.floor((os.time() - start) / 2))
end
"""
    scripts = {
        "bare_get": "",
        "bare_post": f'wrk.method = "POST"\n{json_body}wrk.body = \'{{"percent": 50}}\'\n',
        "plan_vs_actual": auth,
        "progress": auth
        + _posting(rising, prepared.activity_ids, "/api/v1/activities/", "/progress"),
        "bare_save": _posting(rising, prepared.tally_ids, *bare_app.SAVE_PATH.split("{tally_id}")),
    }
    paths = {}
    for name, text in scripts.items():
        path = work / f"{name}.lua"
        path.write_text(text)
        paths[name] = path
    return paths


def _posting(rising: str, ids: list[UUID], before: str, after: str) -> str:
    """A script POSTing a rising percent as JSON to ``before + id + after``, for a random
    id of ``ids`` each time."""
    listed = ",\n".join(f'  "{i}"' for i in ids)
    return f"""wrk.headers["Content-Type"] = "application/json"
wrk.method = "POST"
local ids = {{
{listed}
}}
{rising}
function request()
  local id = ids[math.random(#ids)]
  local body = '{{"percent": ' .. percent() .. '}}'
  return wrk.format(nil, "{before}" .. id .. "{after}", nil, body)
end
"""


class _Measure:
    """Runs wrk with this run's settings: a warm-up, then the measure."""

    def __init__(self, wrk: str, options: Options) -> None:
        self.wrk = wrk
        self.threads = options.threads
        self.connections = options.connections
        self.duration = options.duration
        self.warmup = options.warmup

    def __call__(self, server: Server, path: str, script: Path) -> WrkResult:
        url = server.url + path
        if self.warmup > 0:
            self._wrk(url, script, self.warmup)
        before = server.cpu_seconds()
        result = parse_wrk(self._wrk(url, script, self.duration))
        after = server.cpu_seconds()
        if before is None or after is None or not result.requests:
            return result
        return replace(result, server_cpu_ms=(after - before) * 1000 / result.requests)

    def _wrk(self, url: str, script: Path, seconds: float) -> str:
        command = [
            self.wrk, f"-t{self.threads}", f"-c{self.connections}", f"-d{max(1, round(seconds))}s",
            "--timeout", "30s", "--latency", "-s", str(script), url,
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        return done.stdout


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if found is None:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(found.group(1)) * _UNITS_MS[found.group(2)]


def parse_wrk(output: str) -> WrkResult:
    """The figures of ``wrk --latency`` output.

    When no request was answered within the measure, wrk gives no percentiles; the
    measure's length is then the latency's lower bound, and is what is reported.
    """
    percentiles = {
        int(m.group(1)): _ms(m.group(2))
        for m in re.finditer(r"^\s+(50|75|90|99)(?:\.0+)?%\s+(\S+)\s*$", output, re.MULTILINE)
    }
    latency = re.search(r"^\s+Latency\s+\S+\s+\S+\s+(\S+)", output, re.MULTILINE)
    total = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if total is None or rps is None:
        raise ValueError(f"could not read wrk's output:\n{output}")
    if int(total.group(1)) == 0:  # nothing answered within the measure: no percentiles
        seconds = _ms(total.group(2) + total.group(3))
        percentiles = dict.fromkeys((50, 75, 90, 99), seconds)
    if len(percentiles) < 4:
        raise ValueError(f"could not read wrk's latency distribution:\n{output}")
    return WrkResult(
        requests=int(total.group(1)),
        seconds=_ms(total.group(2) + total.group(3)) / 1000,
        requests_per_s=float(rps.group(1)),
        p50_ms=percentiles[50],
        p75_ms=percentiles[75],
        p90_ms=percentiles[90],
        p99_ms=percentiles[99],
        max_ms=_ms(latency.group(1)) if latency else percentiles[99],
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(g) for g in errors.groups()) if errors else 0,
    )


# ----------------------------------------------------------------- profiling a miss


def _profile(report: Report, store: Store, prepared: Prepared, requests: int, say: Say) -> None:
    """The routes' own work, in-process: the route function with the app's services."""
    runtime = Runtime.open(store)
    try:
        with tempfile.TemporaryDirectory(prefix="tidtam-bench-api-") as tmp:
            svc = Services.build(Settings(secret_file=str(Path(tmp) / "secret.key")), runtime)
        runtime.projections.catch_up()
        who = svc.auth.by_token(prepared.token)
        assert who is not None, "the manager's token is not in the people view"
        ids = prepared.activity_ids

        def progress() -> int:
            body = ProgressIn(percent=100, occurred_on=None, evidence=None, reason=None)
            for n in range(requests):
                principal = svc.auth.by_token(prepared.token)
                assert principal is not None
                activity_id = ids[n % len(ids)]
                activities.ENDPOINTS["progress"](
                    activity_id=activity_id, body=body, svc=svc, who=principal, response=Response()
                ).model_dump_json()
            runtime.projections.catch_up()  # the folding a nudge asks of the projection thread
            return requests

        def plan_vs_actual() -> int:
            """What a request pays when the report cache misses (after any write)."""
            count = max(1, requests // 10)
            day = runtime.tracker.clock.today()
            for _ in range(count):
                principal = svc.auth.by_token(prepared.token)
                assert principal is not None
                snapshot = runtime.reader.snapshot(prepared.plan_id)
                plan_vs_actual_resource(snapshot, day).model_dump_json()
            return count

        report.figures["profile"] = {}
        for name, work in (("progress", progress), ("plan_vs_actual", plan_vs_actual)):
            found: Profile = profile(work)
            report.figures["profile"][name] = found.to_json()
            say(f"profile of {name}: {found.total_us_per_op / 1000:.2f} ms of our work per request")
            say_profile(found, say, what=name)
    finally:
        runtime.close()
    report.notes.append(
        "profiles time the route functions in-process (no HTTP); the rest of a request's"
        " latency is uvicorn's, FastAPI's and the wait for a thread"
    )
