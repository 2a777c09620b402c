"""A world with no plan yet, for the import pages: an admin, a manager, a staff member.

The example world (``world.py``) already holds the example year; importing into it
would change what every other page test reads, so the import pages get a store of
their own, on a SQLite file, its clock at 2 March 2009 (mid-year, when a revision is
typically approved).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from api.runtime import Runtime
from api.settings import Settings
from domain.clock import BANGKOK, FixedClock
from storage.store import Store
from tests.browser.world import PASSWORD, shared_password_hash

NOW = datetime(2009, 3, 2, 10, 0, tzinfo=BANGKOK)
PEOPLE = {
    "admin": (("admin",), (), "อดิศร ผู้ดูแล"),
    "manee": (("manager",), (), "มณี หัวหน้า"),
    "somsak": (("staff",), ("งานประชาสัมพันธ์ กองวิชาการ ฯ",), "สมศักดิ์ ใจดี"),
}


@dataclass
class EmptyWorld:
    runtime: Runtime
    settings: Settings
    directory: Path

    def head(self) -> int:
        return self.runtime.tracker.recorder.max_notification_id() or 0


@contextmanager
def empty_world(directory: Path) -> Iterator[EmptyWorld]:
    runtime = Runtime.open(
        Store.sqlite(directory / "tidtam.db"), clock=FixedClock(NOW), poll_interval=0.1
    )
    try:
        for username, (roles, units, name) in PEOPLE.items():
            runtime.directory.register(
                username, roles=roles, units=units, display_name=name,
                password_hash=shared_password_hash(), actor="setup",
            )  # fmt: skip
        runtime.projections.catch_up()
        settings = Settings(secret_file=str(directory / "secret.key"), poll_interval=0.1)
        yield EmptyWorld(runtime, settings, directory)
    finally:
        runtime.close()


__all__ = ["NOW", "PASSWORD", "EmptyWorld", "empty_world"]
