"""The world the page tests run in: the example year on a SQLite file, six people.

The clock stands at 30 September 2009, 10:00 in Bangkok, the last day of fiscal
year 2552, so every month of the example year has happened. In the example every
activity ends completed or cancelled; activities 2.1 and 1.2 are reopened here
(by the manager, as a correction) so that staff have open work to record on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from uuid import UUID

from api.auth import hash_password
from api.runtime import EXAMPLES, Runtime
from api.scenario import play
from api.settings import Settings
from domain.clock import BANGKOK, FixedClock
from scheduler.scan import Scanner
from scheduler.settings import SchedulerSettings
from storage.store import Store

PR_UNIT = "งานประชาสัมพันธ์ กองวิชาการ ฯ"
OTHER_UNIT = "กองช่าง"
PASSWORD = "ทดสอบ-password-2552"
NOW = datetime(2009, 9, 30, 10, 0, tzinfo=BANGKOK)
PEOPLE = {
    "somsak": (("staff",), (PR_UNIT,), "สมศักดิ์ ใจดี"),
    "wichai": (("staff",), (OTHER_UNIT,), "วิชัย ช่างดี"),
    "manee": (("manager",), (), "มณี หัวหน้า"),
    "kanya": (("auditor",), (), "กัญญา ตรวจสอบ"),
    "prasit": (("admin",), (), "ประสิทธิ์ ผู้ดูแล"),
    "thongchai": (("overseer",), (), "ธงชัย กำกับดูแล"),
}


@cache
def shared_password_hash() -> str:
    """Argon2 is slow on purpose: hash the shared test password once per session."""
    return hash_password(PASSWORD)


@dataclass
class World:
    runtime: Runtime
    plan_id: UUID
    settings: Settings

    def activity_id(self, code: str) -> UUID:
        return self.runtime.tracker.find_activity(self.plan_id, code).id

    def scan(self) -> None:
        """Run the overdue scan on the world's today, as the scheduler would at night.

        With 2.1 and 1.2 reopened it flags both overdue (their planned months have ended).
        """
        runtime = self.runtime
        Scanner(runtime.tracker, runtime.projections.db, SchedulerSettings()).scan(NOW.date())
        runtime.projections.catch_up()

    def close(self) -> None:
        self.runtime.close()


def build(directory: Path, **settings: object) -> World:
    """A store in ``directory`` with the example year played, 2.1 and 1.2 reopened, people."""
    runtime = Runtime.open(
        Store.sqlite(directory / "tidtam.db"), clock=FixedClock(NOW), poll_interval=0.1
    )
    plan_id = play(runtime.tracker, EXAMPLES / "thungsong-2552-year.tsv").plan_id
    for code in ("2.1", "1.2"):
        runtime.tracker.reopen(
            runtime.tracker.find_activity(plan_id, code).id,
            actor="manee",
            reason="บันทึกปิดงานก่อนกำหนด ยังมีงานค้าง",
        )
    password_hash = shared_password_hash()
    for username, (roles, units, name) in PEOPLE.items():
        runtime.directory.register(
            username, roles=roles, units=units, display_name=name,
            password_hash=password_hash, actor="admin",
        )  # fmt: skip
    runtime.projections.catch_up()
    options: dict[str, object] = {
        "secret_file": str(directory / "secret.key"),
        "poll_interval": 0.1,
        **settings,
    }
    return World(runtime, plan_id, Settings(**options))  # type: ignore[arg-type]
