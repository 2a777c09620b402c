"""A scheduler killed between flagging and sending: on restart the e-mail goes out once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from application.directory import Directory
from application.tracker import Tracker
from domain.clock import BANGKOK, FixedClock
from projections.service import Projections
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings
from storage.store import Store
from tests.example_table import example_draft
from tests.integration.sinks import smtp_server

REPOSITORY = Path(__file__).resolve().parents[2]
NOW = datetime(2009, 2, 1, 8, 30, tzinfo=BANGKOK)


def prepared_store(path: Path) -> None:
    clock = FixedClock.at_bangkok(date(2008, 10, 15))
    store = Store.sqlite(path)
    tracker, directory = Tracker(store, clock=clock), Directory(store, clock=clock)
    tracker.import_plan(example_draft(), actor="admin")
    directory.register("manee", roles=("manager",), email="manee@thungsong.go.th", actor="admin")
    tracker.close()
    directory.close()


def run_child_until(path: Path, port: int, mode: str, signal_line: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.scheduler_child", str(path), str(port), mode],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPOSITORY)},
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == signal_line:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()


@pytest.mark.parametrize(("mode", "signal_line", "restart_after"), [
    ("owed", "owed", timedelta(minutes=1)),  # killed after owing, before sending
    ("sending", "sending", timedelta(minutes=11)),  # killed mid-send; the claim's lease ran out
])  # fmt: skip
def test_killed_before_the_mail_went_out_it_goes_out_once_after_restart(
    tmp_path: Path, mode: str, signal_line: str, restart_after: timedelta
) -> None:
    path = tmp_path / "tidtam.db"
    prepared_store(path)
    with smtp_server() as (mailbox, port):
        run_child_until(path, port, mode, signal_line)
        assert mailbox.messages == []
        clock = FixedClock(NOW + restart_after)
        store = Store.sqlite(path)
        tracker = Tracker(store, clock=clock)
        projections = Projections(tracker, directory=Directory(store, clock=clock))
        settings = SchedulerSettings(
            smtp_host="127.0.0.1", smtp_port=port, lock_file=str(tmp_path / "lock")
        )
        job = AlertScheduler(tracker, projections, settings, clock=clock)
        assert job.lead()  # catches up: nothing to scan again, the digest is owed: send it
        job.tick(clock.now() + timedelta(hours=1))
        assert len(mailbox.messages) == 1
        assert "การแจ้งเตือนใหม่ 8 รายการ" in mailbox.bodies()[0]
        assert tracker.recorder.max_notification_id() == 19 + 8  # each flag once
        job.stop()
        projections.close()
        tracker.close()
