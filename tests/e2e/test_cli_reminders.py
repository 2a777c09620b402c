"""``tidtam overdue reminders``: who was reminded of what and when, read from the events.

The reminders are sent by the scheduler's own path (leading runs a tick) to a real HTTP
receiver, on a real SQLite file the command then reads.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from api.runtime import Runtime
from domain.clock import FixedClock
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings
from storage.store import Store
from tests.e2e.test_cli import cli, db, run  # noqa: F401 (the CLI tests' fixtures)
from tests.example_table import EXAMPLE_TABLE
from tests.integration.sinks import http_receiver

PR = "งานประชาสัมพันธ์ กองวิชาการ ฯ"


def test_the_reminders_sent_are_listed_with_who_what_when_and_why(
    cli: CliRunner,  # noqa: F811
    db: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    assert run(cli, "import", str(EXAMPLE_TABLE)).exit_code == 0
    assert run(cli, "overdue", "reminders").output.strip() == "ยังไม่มีการเตือน (no reminders)"
    staff = ("somsak", "--role", "staff", "--unit", PR, "--password", "x" * 12)
    added = run(cli, "users", "add", *staff)
    assert added.exit_code == 0, added.output
    with http_receiver() as (receiver, hook):
        runtime = Runtime.open(
            Store.sqlite(db), clock=FixedClock.at_bangkok(date(2009, 2, 1), hour=10)
        )
        settings = SchedulerSettings(webhook_urls=[hook], lock_file=str(tmp_path / "lock"))
        scheduler = AlertScheduler(runtime.tracker, runtime.projections, settings)
        try:
            assert scheduler.lead()
        finally:
            scheduler.stop()
            runtime.close()
    reminded = [c for _, c in receiver.calls if b'"staff_reminded"' in c]
    assert reminded
    listed = run(cli, "overdue", "reminders").output
    assert "1 ก.พ. 2552" in listed and "somsak" in listed
    assert "1.1 กิจกรรมจัดทำแผนกลยุทธ์" in listed and "ล่าช้า" in listed
