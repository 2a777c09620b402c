"""Time as the business sees it: Bangkok's calendar, UTC on record.

"Today", month ends and the fiscal year are Bangkok's; the instant an event is
recorded is stored in UTC. Commands take their clock from the application, so a
test (or the scheduler catching up on missed days) can say what time it is.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import UTC, date, datetime, timedelta
from threading import Lock
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


class Clock(ABC):
    """Where commands and scans read the time."""

    @abstractmethod
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""

    def today(self) -> date:
        """Today's date in Bangkok."""
        return self.now().astimezone(BANGKOK).date()


class SystemClock(Clock):
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock(Clock):
    """A clock that stands still until told to move (tests, replays, simulations)."""

    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware instant")
        self._instant = instant.astimezone(UTC)
        self._lock = Lock()

    @classmethod
    def at_bangkok(cls, day: date, hour: int = 9, minute: int = 0) -> FixedClock:
        """A clock at ``hour:minute`` Bangkok time on ``day``."""
        return cls(datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK))

    def now(self) -> datetime:
        with self._lock:
            return self._instant

    def set(self, instant: datetime) -> None:
        with self._lock:
            self._instant = instant.astimezone(UTC)

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._instant += delta
