"""What every benchmark shares: a fresh backend, a stopwatch, figures and verdicts.

Each benchmark runs on a store of its own (a new SQLite file in a temporary
directory, or a new PostgreSQL database that is dropped afterwards), so no run
sees another's events and the bare library figure is measured on the same
backend, in the same process, minutes apart at most. A result is a
:class:`Report`: the sizes asked for, the figures measured, and each target with
PASS or MISS, printed for people and written as JSON for machines.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from storage.store import Store

if TYPE_CHECKING:
    from application.tracker import Tracker
    from projections.runner import Projector
    from projections.service import Projections

Say = Callable[[str], None]
"""Where a benchmark writes its human-readable lines (``print``, or a list's append)."""

RESULTS_DIR = Path(__file__).resolve().parent.parent / "var" / "bench"
BARE_SCHEMA = "bare_library"
"""Where the bare library's table goes on PostgreSQL (see `fresh_backend`)."""


def quiet(_: str) -> None:
    """A ``Say`` that says nothing (tests)."""


# ----------------------------------------------------------------- backends


@dataclass(frozen=True)
class Backend:
    """One benchmark's database: the tracker's store and a bare library's settings on it."""

    store: Store
    bare_settings: dict[str, str]
    """Environment for a plain ``eventsourcing`` application on the same backend."""

    @property
    def kind(self) -> str:
        return self.store.backend

    def describe(self) -> str:
        return self.store.describe()


@contextmanager
def fresh_backend(
    postgres_url: str | None = None, directory: str | None = None
) -> Iterator[Backend]:
    """A new SQLite file (default) or a new PostgreSQL database, removed afterwards.

    ``postgres_url`` names a server and a database to connect to while creating
    and dropping the benchmark's own database (as ``tests/pg.py`` does).
    """
    if postgres_url:
        with _throwaway_postgres(postgres_url) as url:
            store = Store.from_url(url)
            # A schema of its own: with POSTGRES_ENABLE_DB_FUNCTIONS the library names its
            # insert function once per schema (es_insert_events_uuid), not per table, so a
            # second application in the tracker's schema would take over the tracker's inserts.
            yield Backend(store, {**store.application_env(), "POSTGRES_SCHEMA": BARE_SCHEMA})
        return
    with tempfile.TemporaryDirectory(prefix="tidtam-bench-", dir=directory) as tmp:
        yield Backend(
            Store.sqlite(Path(tmp) / "tidtam.db"),
            {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(Path(tmp) / "bare.db"),
                "SQLITE_LOCK_TIMEOUT": "30",
            },
        )


@contextmanager
def _throwaway_postgres(admin_url: str) -> Iterator[str]:
    import psycopg  # only PostgreSQL runs need it loaded
    from psycopg import sql

    name = f"tidtam_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(admin_url)
    url = urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(BARE_SCHEMA)))
        yield url
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def revision() -> str:
    """The commit measured, with ``+uncommitted`` when the tree has changes (read-only git)."""
    root = Path(__file__).resolve().parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "--no-optional-locks", *args], cwd=root, capture_output=True, text=True
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return head + ("+uncommitted" if dirty else "")


def tracker_views(projections: Projections, tracker: Tracker) -> list[Projector]:
    """The projectors that fold the tracker's log (a view of another application's log
    counts positions in that log, which a tracker command's position says nothing about)."""
    return [p for p in projections.projectors if getattr(p, "app", tracker) is tracker]


# ----------------------------------------------------------------- measuring


@dataclass(slots=True)
class Lap:
    """The seconds a ``stopwatch`` block took (set when the block ends)."""

    seconds: float = 0.0


@contextmanager
def stopwatch() -> Iterator[Lap]:
    """Time a block with ``time.perf_counter``."""
    lap = Lap()
    start = perf_counter()
    try:
        yield lap
    finally:
        lap.seconds = perf_counter() - start


def median_seconds(runs: int, once: Callable[[], object]) -> float:
    """``once`` timed ``runs`` times (at least once): the median, in seconds."""
    times = []
    for _ in range(max(1, runs)):
        start = perf_counter()
        once()
        times.append(perf_counter() - start)
    return statistics.median(times)


def rate(count: int, seconds: float) -> float:
    """Per second; 0 when nothing was timed."""
    return count / seconds if seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class Throughput:
    """So many events in so many seconds: how an import, a read or a rebuild is reported."""

    events: int
    seconds: float

    @property
    def per_s(self) -> float:
        return rate(self.events, self.seconds)

    def figures(self) -> dict[str, float]:
        """The figures a report keeps: the count, the seconds and the rate."""
        return {
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "events_per_s": round(self.per_s),
        }

    def line(self, counted: str = "") -> str:
        """``12,345 events in 1.23 s = 10,037/s`` (``counted`` names what was counted)."""
        what = f" {counted}" if counted else ""
        return f"{self.events:,}{what} in {self.seconds:.2f} s = {per_s(self.per_s)}"


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100), linear between the nearest ranks."""
    if not values:
        return 0.0
    ordered = sorted(values)
    at = (len(ordered) - 1) * q / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def latency_ms(seconds: Sequence[float]) -> dict[str, float]:
    """Median, p99 and worst of some durations, in milliseconds."""
    return {
        "count": len(seconds),
        "median_ms": round(percentile(seconds, 50) * 1000, 3),
        "p99_ms": round(percentile(seconds, 99) * 1000, 3),
        "max_ms": round(max(seconds, default=0.0) * 1000, 3),
    }


def per_s(value: float) -> str:
    """``12,345/s``."""
    return f"{value:,.0f}/s"


def ms(summary: dict[str, float]) -> str:
    """``median 1.23 ms, p99 4.56 ms (max 7.89 ms, n=400)``."""
    return (
        f"median {summary['median_ms']:.2f} ms, p99 {summary['p99_ms']:.2f} ms"
        f" (max {summary['max_ms']:.2f} ms, n={summary['count']:.0f})"
    )


# ----------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Target:
    """A figure and the bound it must meet."""

    label: str
    value: float
    bound: float
    at_least: bool
    """True when the figure must be at least ``bound``, False when at most."""
    unit: str = ""

    @property
    def passed(self) -> bool:
        return self.value >= self.bound if self.at_least else self.value <= self.bound

    def line(self) -> str:
        sign = "≥" if self.at_least else "≤"
        verdict = "PASS" if self.passed else "MISS"
        return (
            f"{verdict}  {self.label}: {self.value:.3f}{self.unit}"
            f" (target {sign} {self.bound:g}{self.unit})"
        )


@dataclass
class Report:
    """One benchmark's sizes, figures, targets and notes."""

    name: str
    backend: str
    params: dict[str, Any]
    figures: dict[str, Any] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(t.passed for t in self.targets)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "backend": self.backend,
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
            },
            "revision": revision(),
            "params": self.params,
            "figures": self.figures,
            "targets": [{**asdict(t), "passed": t.passed} for t in self.targets],
            "notes": self.notes,
        }

    def write(self, directory: Path = RESULTS_DIR) -> Path:
        """Write ``<directory>/<name>.json``; returns its path."""
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.name}.json"
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n")
        return path

    def verdicts(self, say: Say) -> None:
        for target in self.targets:
            say("  " + target.line())
        for note in self.notes:
            say("  note: " + note)
