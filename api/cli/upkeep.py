"""Setting up and looking after a store: setup, projections status and rebuild, and
copying the store elsewhere (a move to PostgreSQL, a backup)."""

from __future__ import annotations

from functools import partial
from typing import Annotated

import typer
from rich.progress import Progress, TaskID
from rich.table import Table

from api.auth import hash_password, new_password
from api.cli.common import console, fail, lang, opened
from api.cli.people import issue
from api.runtime import EXAMPLES, Runtime
from api.scenario import play
from application.base import TidtamApplication
from application.directory import Directory
from application.outbox import Outbox
from application.tracker import Tracker
from domain.errors import RuleViolation, TidtamError
from domain.plan_table import read_plan
from storage.file_store import copy_files, files_directory
from storage.store import Store
from storage.store_copy import copy_store

projections_app = typer.Typer(
    help="Look after the views built from the events.", no_args_is_help=True
)
store_app = typer.Typer(help="The event store itself: copy it elsewhere.", no_args_is_help=True)
EXAMPLE_PLAN = EXAMPLES / "thungsong-2552-strategy5.txt"
EXAMPLE_YEAR = EXAMPLES / "thungsong-2552-year.tsv"


def register(app: typer.Typer) -> None:
    app.command("setup")(setup)
    app.add_typer(projections_app, name="projections")
    app.add_typer(store_app, name="store")


LOGS: tuple[type[TidtamApplication], ...] = (Tracker, Directory, Outbox)
"""Every application that keeps a log in the store: the plan and its work, the people,
the alerts' deliveries. A copy takes all of them (a test holds this list complete)."""


def setup(
    bare: Annotated[bool, typer.Option("--bare", help="Load the plan only, not its year")] = False,
) -> None:
    """Prepare the store: load the example plan and its recorded year if it holds no
    plan, and create the first users if there are none (secrets shown once)."""
    with opened() as runtime:
        console.print(f"store: {runtime.store.describe()}")
        if runtime.is_empty():
            _load_example(runtime, bare=bare)
        else:
            console.print("the store already holds events; nothing loaded")
        if not runtime.directory.user_ids():
            _first_users(runtime)


def _load_example(runtime: Runtime, *, bare: bool) -> None:
    if bare:
        draft = read_plan(EXAMPLE_PLAN.read_bytes(), EXAMPLE_PLAN.name)
        report = runtime.tracker.import_plan(draft, actor="setup")
        loaded = f"{EXAMPLE_PLAN.name}: {len(report.activities_added)} activities"
    else:
        played = play(runtime.tracker, EXAMPLE_YEAR)
        loaded = f"{EXAMPLE_YEAR.name}: {played.commands} commands ({played.refused} refused)"
    runtime.projections.catch_up()
    console.print(f"loaded the example {loaded}")


DEMO_UNIT = "งานประชาสัมพันธ์ กองวิชาการ ฯ"
FIRST_USERS = (
    ("admin", "ผู้ดูแลระบบ", ("admin",), ()),
    ("somsak", "สมศักดิ์ (เจ้าหน้าที่ประชาสัมพันธ์)", ("staff",), (DEMO_UNIT,)),
    ("manee", "มณี (ผู้อำนวยการกองวิชาการ)", ("manager",), ()),
    ("nok", "นก (ผู้ตรวจสอบ)", ("auditor",), ()),
)


def _first_users(runtime: Runtime) -> None:
    """The first admin (and the example year's people), with secrets shown once, here only."""
    lines = []
    for username, name, roles, units in FIRST_USERS:
        password = new_password()
        runtime.directory.register(
            username, roles=roles, units=units, display_name=name,
            password_hash=hash_password(password), actor="setup",
        )  # fmt: skip
        lines.append(f"  {username:<8} {'/'.join(roles):<8} password: {password}")
    runtime.projections.catch_up()
    token = issue(runtime, "admin", "first run")
    console.print("users created (passwords and the token are shown once, now):")
    for line in lines:
        console.print(line, markup=False)
    console.print(f"  admin API token: {token}", markup=False)


@projections_app.command("status")
def status() -> None:
    """Each view's position, the log's head, and the lag in events and seconds."""
    with opened(catch_up=False) as runtime:
        rows = runtime.projections.status()
    table = Table()
    for header in ("view", "position", "head", "lag (events)", "lag (s)"):
        table.add_column(header)
    for row in rows:
        table.add_row(
            row.name,
            str(row.position),
            str(row.head),
            str(row.lag_events),
            f"{row.lag_seconds:.1f}",
        )
    console.print(table)


def _advance(bar: Progress, task: TaskID, done: int, head: int) -> None:
    bar.update(task, completed=done, total=head)


@projections_app.command("rebuild")
def rebuild(
    name: Annotated[
        str | None, typer.Argument(help="plan, audit, alerts or people (default: all)")
    ] = None,
) -> None:
    """Rebuild views from the first event into fresh tables, swapped in at the end."""
    with opened(catch_up=False) as runtime:
        projections = runtime.projections
        names = [name] if name else [p.name for p in projections.projectors]
        known = [p.name for p in projections.projectors]
        if not set(names) <= set(known):
            raise fail(f"no view named {name}: {', '.join(known)}", "view_unknown")
        with Progress(console=console, transient=False) as bar:
            task = bar.add_task(f"rebuilding {', '.join(names)}", total=None)
            projections.rebuild(names, partial(_advance, bar, task))
        for projector in projections.projectors:
            if projector.name in names:
                console.print(f"{projector.name}: rebuilt to position {projector.position()}")


@store_app.command("copy")
def copy(
    target: Annotated[
        str,
        typer.Argument(
            help="postgresql://user@host:port/db, sqlite:///path.db or a file path (new or empty)"
        ),
    ],
) -> None:
    """Copy every event into another, empty store: to move to PostgreSQL (server stopped)
    or to take a backup (while it runs: each log up to where it stood at the start)."""
    source = Store.from_environ()
    destination = Store.from_url(target) if "://" in target else Store.sqlite(target)
    try:
        copied = copy_store(source, destination, LOGS)
    except TidtamError as error:
        raise fail(error.message(lang()), error.rule) from None
    table = Table()
    for header in ("log", "events", "last position", "sha-256 (source = copy)"):
        table.add_column(header)
    for log in copied:
        table.add_row(log.application, f"{log.events:,}", str(log.last_position), log.digest[:16])
    console.print(f"copied {source.describe()} → {destination.describe()}")
    console.print(table)
    console.print(
        "the views are rebuilt from these events when Tidtam first opens the copy;"
        " point TIDTAM_DATABASE (or TIDTAM_DB) at it to use it"
    )
    files = copy_files(files_directory(source), files_directory(destination))
    console.print(
        f"files (filed reports, evidence): {files.copied} copied, {files.present} already there"
        f" → {files_directory(destination)}"
    )
    if files.damaged:
        names = ", ".join(name[:16] for name in files.damaged)
        damaged = RuleViolation("store_copy_files_damaged", count=len(files.damaged), names=names)
        raise fail(damaged.message(lang()), damaged.rule)
