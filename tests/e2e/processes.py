"""Real ``tidtam`` processes on one PostgreSQL database, for the multi-process tests.

Each process is the real command (``tidtam serve``, ``projector``, ``scheduler``,
``verify``) in a session of its own, with ``PGAPPNAME`` naming it, so the test can
see in ``pg_stat_activity`` what each one is doing in the database (a batch
half-folded, an import half-inserted) and in ``pg_locks`` which one leads.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg

REPOSITORY = Path(__file__).resolve().parents[2]
TIDTAM = [sys.executable, "-c", "from api.cli.main import main; main()"]
"""The ``tidtam`` command as this checkout has it (the console script is the same call)."""


@dataclass
class Processes:
    """Every process a test started: each stopped at the end, by its own id."""

    url: str
    """The database every process works on."""
    tmp: Path
    started: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def env(self, name: str, **extra: str) -> dict[str, str]:
        kept = {
            k: v for k, v in os.environ.items()
            if not k.startswith(("TIDTAM_", "POSTGRES_", "PERSISTENCE_", "SQLITE_"))
        }  # fmt: skip
        return {
            **kept,
            "PYTHONPATH": str(REPOSITORY),
            "PGAPPNAME": name,
            "TIDTAM_DATABASE": self.url,
            "TIDTAM_FILES": str(self.tmp / "files"),
            "TIDTAM_SECRET_FILE": str(self.tmp / "secret.key"),
            "TIDTAM_LANG": "en",
            # Six processes on a server the rest of the suite (and its max_connections) shares.
            "TIDTAM_POSTGRES_POOL_SIZE": "1",
            "TIDTAM_REQUEST_THREADS": "2",
            "TIDTAM_READ_YOUR_WRITES_TIMEOUT": "20",  # two cores shared with the other tests
            **extra,
        }

    def start(self, name: str, command: Sequence[str], **extra: str) -> subprocess.Popen[bytes]:
        with (self.tmp / f"{name}.log").open("wb") as log:  # the child keeps its own copy
            process = subprocess.Popen(
                list(command), cwd=REPOSITORY, env=self.env(name, **extra), stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        self.started[name] = process
        return process

    def serve(self, name: str, *extra_args: str, **extra: str) -> str:
        """``tidtam serve`` on a free port, answering; its base URL."""
        port = free_port()
        self.start(name, [*TIDTAM, "serve", "--port", str(port), *extra_args], **extra)
        url = f"http://127.0.0.1:{port}"
        until(lambda: answers(url), 90, f"{name} did not answer /healthz", self.log(name))
        return url

    def run(self, name: str, command: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
        """A command run to its end (``tidtam verify``), its output kept."""
        return subprocess.run(
            list(command), cwd=REPOSITORY, env=self.env(name), capture_output=True, timeout=180
        )

    def stop(self, name: str) -> None:
        """SIGTERM, as systemd stops a service, and wait for the end."""
        process = self.started[name]
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)

    def kill(self, name: str) -> None:
        """SIGKILL, no goodbye: what a crash or the OOM killer does."""
        process = self.started[name]
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def workers(self, name: str) -> set[int]:
        """The worker processes ``tidtam serve --workers N`` started (``/proc``)."""
        found = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                command = (stat.parent / "cmdline").read_bytes()
                if parent == self.started[name].pid and b"spawn_main" in command:
                    found.add(int(stat.parent.name))
        return found

    def log(self, name: str) -> Callable[[], str]:
        return lambda: (self.tmp / f"{name}.log").read_text(errors="replace")[-3000:]

    def stop_all(self) -> None:
        for process in self.started.values():
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signal.SIGTERM)
        for process in self.started.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)  # its own session: it and its workers
                process.wait(timeout=10)


@contextlib.contextmanager
def processes(url: str, tmp: Path) -> Iterator[Processes]:
    running = Processes(url, tmp)
    try:
        yield running
    finally:
        running.stop_all()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def until(
    condition: Callable[[], Any], seconds: float, failure: str, details: Callable[[], str]
) -> Any:
    """Poll ``condition`` until it gives something true; fail with ``details`` otherwise."""
    deadline = time.monotonic() + seconds
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{failure}\n{details()}")
        time.sleep(0.005)


# ----------------------------------------------------------------- what PostgreSQL sees


def leader(url: str, prefix: str) -> str | None:
    """The ``PGAPPNAME`` of the process holding an advisory lock, among those named
    ``prefix…`` (each role's processes are named apart)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND a.datname = current_database()"
            " AND a.application_name LIKE %s",
            (prefix + "%",),
        ).fetchone()
    return str(row[0]) if row else None


def in_transaction(conn: psycopg.Connection[Any], name: str, statement: str) -> bool:
    """Whether process ``name`` is inside a transaction whose last statement matches
    ``statement`` (a regular expression, case ignored): mid-batch, mid-insert."""
    row = conn.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s"
        " AND xact_start IS NOT NULL AND state IN ('active', 'idle in transaction')"
        " AND query ~* %s",
        (name, statement),
    ).fetchone()
    return bool(row and row[0])
