"""``tidtam scheduler`` and ``tidtam overdue …``: the scheduler outside the server, one scan
by hand, and the alerts it raised."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer
from rich.table import Table

from api.cli.common import business_date, console, opened
from domain.calendar import thai_date
from domain.words import RULES, flag_period
from projections.alerts_view import AlertReader
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings

overdue = typer.Typer(help="Late work: scan for it, list what was flagged.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("scheduler")(run_scheduler)
    app.add_typer(overdue, name="overdue")


def run_scheduler() -> None:
    """Run the scheduler in this process (waits as a standby while another one leads)."""
    settings = SchedulerSettings()
    with opened() as runtime:
        runtime.projections.start()
        job = AlertScheduler(runtime.tracker, runtime.projections, settings)
        job.start()
        console.print("scheduler running; Ctrl-C stops it")
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.wait(1):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            job.stop()


@overdue.command("scan")
def scan(
    date: Annotated[
        str | None, typer.Option("--date", help="Business date to scan (default today)")
    ] = None,
) -> None:
    """Scan one day now: raise the flags that hold, resolve those that no longer do."""
    day = business_date(date)
    with opened() as runtime:
        job = AlertScheduler(runtime.tracker, runtime.projections, SchedulerSettings())
        try:
            report = job.scan(day or job.today())
        finally:
            job.outbox.close()
    console.print(
        f"{thai_date(report.day)}: {report.findings} findings on {report.activities} activities;"
        f" raised {report.raised}, resolved {report.resolved}"
    )


@overdue.command("list")
def list_alerts(
    all_flags: Annotated[bool, typer.Option("--all", help="Resolved ones too")] = False,
) -> None:
    """The flags raised, open first."""
    with opened() as runtime:
        rows = AlertReader(runtime.projections.db).flags(open_only=not all_flags)
    table = Table()
    for header in ("กิจกรรม", "เรื่อง", "ขั้นตอน", "งวด", "ตรวจพบ", "สถานะ"):
        table.add_column(header)
    for r in rows:
        state = "แก้ไขแล้ว" if r.resolved_on else ("รับทราบ" if r.acknowledged_by else "เปิด")
        table.add_row(
            f"{r.code} {r.name}", RULES[r.rule].th, str(r.step or ""),
            flag_period(r.rule, r.period).th, thai_date(r.detected_on), state,
        )  # fmt: skip
    console.print(table if rows else "ไม่มีการแจ้งเตือน (no flags)")
