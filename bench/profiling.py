"""Where the time goes when a target is missed: cProfile, reduced to a few lines.

A miss is only useful with its hot spots beside it, so a benchmark can profile a
slice of the work it just measured and keep the top functions (by own time and
by cumulative time) in its report for whoever acts on it.
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class HotSpot:
    """One function of a profile: calls, own time and time including callees."""

    function: str
    calls: int
    own_us_per_op: float
    cumulative_us_per_op: float

    def line(self) -> str:
        return (
            f"{_time(self.own_us_per_op)} own {_time(self.cumulative_us_per_op)} cum"
            f"  {self.calls:>8,} calls  {self.function}"
        )


def _time(us: float) -> str:
    """Microseconds, or milliseconds once they are many."""
    return f"{us / 1000:8.1f} ms" if us >= 10_000 else f"{us:8.1f} µs"


@dataclass(frozen=True, slots=True)
class Profile:
    """A profiled run of ``operations`` operations."""

    operations: int
    total_us_per_op: float
    by_own_time: tuple[HotSpot, ...]
    by_cumulative: tuple[HotSpot, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "operations": self.operations,
            "total_us_per_op": self.total_us_per_op,
            "by_own_time": [asdict(h) for h in self.by_own_time],
            "by_cumulative": [asdict(h) for h in self.by_cumulative],
        }

    def cumulative_of(self, suffix: str) -> float:
        """µs per operation spent in (and under) the function named ``…suffix``."""
        return max(
            (h.cumulative_us_per_op for h in self.by_cumulative if h.function.endswith(suffix)),
            default=0.0,
        )


def profile(work: Callable[[], int], *, top: int = 12) -> Profile:
    """Run ``work`` (which returns how many operations it did) under cProfile."""
    profiler = cProfile.Profile()
    operations = profiler.runcall(work) or 1
    stats = pstats.Stats(profiler)
    rows: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = stats.stats  # type: ignore[attr-defined]
    spots = [
        HotSpot(
            _name(key),
            calls,
            own * 1e6 / operations,
            cumulative * 1e6 / operations,
        )
        for key, (_, calls, own, cumulative, _callers) in rows.items()
    ]
    total: float = stats.total_tt  # type: ignore[attr-defined]
    return Profile(
        operations,
        total * 1e6 / operations,
        tuple(sorted(spots, key=lambda h: -h.own_us_per_op)[:top]),
        tuple(sorted(spots, key=lambda h: -h.cumulative_us_per_op)[: top * 3]),
    )


def _name(key: tuple[str, int, str]) -> str:
    filename, line, function = key
    if filename == "~":  # a built-in
        return function
    parts = Path(filename).parts
    for anchor in ("site-packages", "lib"):
        if anchor in parts:
            parts = parts[parts.index(anchor) + 1 :]
            break
    else:
        parts = parts[-2:]
    return f"{'/'.join(parts)}:{line}({function})"


def say_profile(found: Profile, say: Callable[[str], None], *, what: str, top: int = 12) -> None:
    """Print a profile's top functions, by own time and by cumulative time."""
    say(f"  {what}, top by own time (per operation):")
    for spot in found.by_own_time[:top]:
        say("    " + spot.line())
    say(f"  {what}, top by cumulative time (per operation):")
    for spot in found.by_cumulative[: top + 6]:
        say("    " + spot.line())
