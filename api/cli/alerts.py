"""``tidtam scheduler`` and ``tidtam overdue …``: the scheduler outside the server, one scan
by hand, the alerts it raised and the reminders it sent."""

from __future__ import annotations

import math
import signal
import threading
from typing import Annotated

import typer
from rich.table import Table

from api.cli.common import business_date, console, opened
from api.settings import Settings
from application.outbox import Outbox
from domain.calendar import thai_date
from domain.clock import BANGKOK
from domain.reminders import REASONS, ReminderLog
from domain.words import RULES, flag_period
from projections.alerts_view import AlertReader
from scheduler.jobs import AlertScheduler
from scheduler.settings import SchedulerSettings

overdue = typer.Typer(help="Late work: scan for it, list what was flagged.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("scheduler")(run_scheduler)
    app.add_typer(overdue, name="overdue")


def run_scheduler() -> None:
    """Run the scheduler in this process (waits as a standby while another one leads).

    With ``TIDTAM_PROJECTIONS=external`` it folds no view: it waits for ``tidtam
    projector`` to make them, and each job waits for the projector to fold what the job
    reads (the scan's flags before they are notified, say) instead of folding it here.
    """
    settings = SchedulerSettings()
    folding = Settings().folding
    with opened(catch_up=folding, folding=folding) as runtime:
        if not folding:
            runtime.projections.wait_until_ready(math.inf)
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


@overdue.command("reminders")
def list_reminders() -> None:
    """Who was reminded of which activity, when and why, and when managers were told."""
    with opened() as runtime:
        outbox = Outbox(runtime.tracker.store, clock=runtime.tracker.clock)
        try:
            noted = outbox.reminders_noted()
        finally:
            outbox.close()
        facts = {a.id: a for a in runtime.reader.activities({a for a, _ in noted})}
    table = Table()
    for header in ("วันที่", "กิจกรรม", "ผู้ได้รับการเตือน", "เหตุ / แจ้งผู้บริหาร", "บันทึกเมื่อ"):
        table.add_column(header)
    for activity_id, e in noted:
        found = facts.get(activity_id)
        what = f"{found.code} {found.name}" if found else str(activity_id)
        recorded = e.timestamp.astimezone(BANGKOK).strftime("%H:%M")
        if isinstance(e, ReminderLog.StaffReminded):
            why = " ".join(REASONS[r].th for r in e.reasons)
            table.add_row(thai_date(e.day), what, e.username, why, recorded)
        elif isinstance(e, ReminderLog.ReminderEscalated):
            told = f"แจ้ง {', '.join(e.managers)} หลังเตือน {e.ignored} ครั้ง"
            table.add_row(thai_date(e.day), what, ", ".join(e.staff), told, recorded)
    console.print(table if noted else "ยังไม่มีการเตือน (no reminders)")
