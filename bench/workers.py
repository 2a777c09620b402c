"""``workers``: recording progress and reading the plan with 1 and 2 API worker processes,
on PostgreSQL, in the multi-process shape.

Why: one server process is bound by its CPU time per request (``bench/api.py``); the
production shape runs ``tidtam serve --workers N`` beside one ``tidtam projector``
(``TIDTAM_PROJECTIONS=external``: the workers fold nothing). This says what a second
worker buys on this machine, and what the shape itself costs against the
single-process shape (one process that folds its own views).

Method: a store of ``--activities`` activities with short histories and a manager's
token (as ``bench/api.py``); a ``tidtam projector`` process for the whole run; then,
one after another, ``tidtam serve`` as one process folding its own views (the
single-process shape, for reference), with one worker and with two workers of the
multi-process shape. ``wrk`` drives each with ``--connections`` connections: progress
POSTs on random activities (a percent rising with the clock), then GETs of the plan
resource. The figures: requests per second, latency, and the CPU time per request of
the server's processes (the supervisor and its workers) and of the projector.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from api.auth import new_token
from application.directory import Directory
from application.tracker import Tracker
from bench import api
from bench.api import (
    MANAGER,
    REPOSITORY,
    Prepared,
    Server,
    WrkResult,
    _free_port,
    _Measure,
    _scripts,
    _tidtam_env,
)
from bench.common import Backend, Report, Say
from bench.options import (
    EarlierEvents,
    LoadSeconds,
    PlanSize,
    WarmUpSeconds,
    WrkConnections,
    WrkThreads,
    asked,
)
from bench.synthetic import ACTOR, grow_histories, import_synthetic, late_clock

NAME = "workers"
SUMMARY = "progress and the plan read with 1 and 2 API workers beside tidtam projector (PostgreSQL)"
TIDTAM = [sys.executable, "-c", "from api.cli.main import main; main()"]
SHAPES: dict[str, tuple[int, dict[str, str]]] = {
    "one process": (1, {"TIDTAM_PROJECTIONS": "embedded"}),
    "1 worker": (1, {"TIDTAM_PROJECTIONS": "external"}),
    "2 workers": (2, {}),  # --workers 2 sets the shape itself
}
"""What is served, in turn: workers, and the environment beside the common one."""
Popen = subprocess.Popen[bytes]


@dataclass(frozen=True, slots=True)
class Options:
    activities: PlanSize = 1000
    history: EarlierEvents = 4
    connections: WrkConnections = 16
    threads: WrkThreads = 2
    duration: LoadSeconds = 10.0
    warmup: WarmUpSeconds = 2.0


def run(backend: Backend, options: Options, say: Say = print) -> Report:
    report = Report(NAME, backend.describe(), asked(options, duration="duration_s"))
    wrk = shutil.which("wrk")
    if backend.kind != "postgres" or wrk is None:
        report.notes.append("needs PostgreSQL (--postgres URL) and wrk (apt-get install wrk)")
        say(f"  skipped: {report.notes[-1]}")
        return report
    prepared = prepare(backend, options.activities, options.history)
    load = api.Options(
        connections=options.connections, threads=options.threads,
        duration=options.duration, warmup=options.warmup,
    )  # fmt: skip
    measure = _Measure(wrk, load)
    with tempfile.TemporaryDirectory(prefix="tidtam-bench-workers-") as tmp, ExitStack() as stack:
        work = Path(tmp)
        env = {**_tidtam_env(backend.store, work), "TIDTAM_POSTGRES_POOL_SIZE": "2"}
        shapes = _Shapes(measure, _scripts(work, prepared), f"/api/v1/plans/{prepared.plan_id}")
        projector: Popen | None = None
        for shape, (workers, extra) in SHAPES.items():
            if extra.get("TIDTAM_PROJECTIONS") != "embedded" and projector is None:
                command = [*TIDTAM, "projector"]
                projector = stack.enter_context(_process(command, env, work / "projector.log"))
            log = work / f"{shape.replace(' ', '-')}.log"
            progress, plan = shapes.measure(workers, {**env, **extra}, log, projector)
            say(f"{shape:12} progress {progress.line()}")
            say(f"{'':12} plan     {plan.line()}")
            report.figures[shape] = {
                "workers": workers, "progress": asdict(progress), "plan": asdict(plan),
                "projector_cpu_ms_per_progress": shapes.folded_ms,
            }  # fmt: skip
    _ratios(report, say)
    return report


class _Shapes:
    """Serves each shape in turn and measures it: progress, then the plan read."""

    def __init__(self, measure: _Measure, scripts: dict[str, Path], plan_path: str) -> None:
        self.measure_with = measure
        self.scripts = scripts
        self.plan_path = plan_path
        self.folded_ms = 0.0
        """The projector's CPU time per progress request in the last measure."""

    def measure(
        self, workers: int, env: dict[str, str], log: Path, projector: Popen | None
    ) -> tuple[WrkResult, WrkResult]:
        with _serving(workers, env, log) as server:
            before = _cpu(projector.pid) if projector else 0.0
            progress = self.measure_with(server, "/", self.scripts["progress"])
            folded = (_cpu(projector.pid) if projector else 0.0) - before
            plan = self.measure_with(server, self.plan_path, self.scripts["plan_vs_actual"])
        self.folded_ms = _per(folded, progress.requests)
        return progress, plan


def _ratios(report: Report, say: Say) -> None:
    figures = report.figures
    for what in ("progress", "plan"):
        rate = {shape: figures[shape][what]["requests_per_s"] for shape in SHAPES}
        ratio = rate["2 workers"] / rate["1 worker"] if rate["1 worker"] else 0.0
        shape = rate["1 worker"] / rate["one process"] if rate["one process"] else 0.0
        figures[f"{what}_2_over_1"] = round(ratio, 3)
        figures[f"{what}_1_worker_over_one_process"] = round(shape, 3)
        say(f"{what}: 2 workers ÷ 1 worker = {ratio:.2f}; 1 worker ÷ one process = {shape:.2f}")
    report.notes.append(
        f"{os.cpu_count()} CPUs shared by wrk, PostgreSQL, the projector and the workers:"
        " a second worker can only use what the others leave"
    )


def prepare(backend: Backend, activities: int, history: int) -> Prepared:
    """The plan with short histories and a manager's token (no bare twins: unused here)."""
    clock = late_clock()
    with (
        Tracker(backend.store, clock=clock) as tracker,
        Directory(backend.store, clock=clock) as directory,
    ):
        imported = import_synthetic(tracker, activities)
        written = grow_histories(tracker, imported.activity_ids, history, clock)
        directory.register(MANAGER, roles=("manager",), actor=ACTOR)
        token = new_token()
        directory.issue_token(MANAGER, token.token_id, token.digest, label="bench", actor=ACTOR)
    events = imported.events + written
    return Prepared(imported.plan_id, imported.activity_ids, token.secret, events, [])


# ----------------------------------------------------------------- processes


@dataclass(frozen=True, slots=True)
class Served(Server):
    """``tidtam serve`` under measure: where it answers and the supervisor's id."""

    def cpu_seconds(self) -> float | None:
        """The CPU time of the server and every worker it started (``/proc``)."""
        return sum(_cpu(pid) for pid in (self.pid, *_children(self.pid)))


@contextmanager
def _process(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPOSITORY, env=env, stdout=out, stderr=out)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def _serving(workers: int, env: dict[str, str], log: Path) -> Iterator[Served]:
    """``tidtam serve --workers N``, once every worker has started."""
    port = _free_port()
    command = [*TIDTAM, "serve", "--port", str(port), "--workers", str(workers)]
    env = {**env, "TIDTAM_SCHEDULER": "off"}
    with _process(command, env, log) as process:
        deadline = time.monotonic() + 180
        while log.read_text(errors="replace").count("Application startup complete") < workers:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"tidtam serve --workers {workers}:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        url = f"http://127.0.0.1:{port}"
        assert httpx.get(url + "/healthz", timeout=30).status_code == 200
        yield Served(url, process.pid)


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # ppid
            found.append(int(stat.parent.name))
    return found


def _cpu(pid: int) -> float:
    """User and system CPU seconds of one process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _per(seconds: float, requests: int) -> float:
    return round(seconds * 1000 / requests, 3) if requests else 0.0
