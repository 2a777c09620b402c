"""``tidtam verify``: prove the event logs were not edited since they were chained.

Recomputes every link of every log from the events as stored and holds it to the
chain the views keep; names the first position where a row was changed, removed,
inserted or reordered, and exits 1. ``--head`` prints each log's head (position and
link) for a municipality's minutes; ``--against POSITION:LINK`` proves that nothing
up to that position changed since that head was written down.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated
from uuid import UUID

import typer
from eventsourcing.application import Application

from api.cli.common import console, fail, lang
from api.runtime import Runtime
from application.outbox import Outbox
from domain.words import TAMPERING
from projections.chain import CHAINS, Verdict, verify, verify_against
from projections.runner import Projector
from storage.view_database import ViewDatabase

Head = Annotated[bool, typer.Option("--head", help="Print each log's head for the minutes")]
Against = Annotated[
    str | None, typer.Option("--against", help="POSITION:LINK of a head written down earlier")
]
Log = Annotated[str, typer.Option("--log", help="The log --against names: tracker, people, alerts")]


def register(app: typer.Typer) -> None:
    app.command("verify")(verify_command)


def verify_command(head: Head = False, against: Against = None, log: Log = "tracker") -> None:
    """Check that no stored event was changed, removed, inserted or reordered."""
    if log not in CHAINS:
        raise fail(f"--log {log}: {', '.join(CHAINS)}", "log_unknown")
    with _logs() as (logs, db):
        if against is not None:
            _against(log, logs[log], against)
            return
        verdicts = [_chain_and_verify(name, app, db) for name, app in logs.items()]
    for verdict in verdicts:
        console.print(_line(verdict, head=head), markup=False)
    if any(not v.intact for v in verdicts):
        raise typer.Exit(code=1)


@contextmanager
def _logs() -> Iterator[tuple[dict[str, Application[UUID]], ViewDatabase]]:
    """Every log of the store, by name, and the views' database that holds the chains."""
    runtime = Runtime.open()
    outbox = Outbox(runtime.store)
    try:
        logs: dict[str, Application[UUID]] = {
            "tracker": runtime.tracker, "people": runtime.directory, "alerts": outbox,
        }  # fmt: skip
        yield logs, runtime.projections.db
    finally:
        outbox.close()
        runtime.close()


def _chain_and_verify(name: str, app: Application[UUID], db: ViewDatabase) -> Verdict:
    """The log's chain brought up to the log's head (links appended, never rewritten),
    then every link recomputed from the events."""
    projector = Projector(app, db, CHAINS[name]())
    projector.ensure_tables()
    projector.catch_up()
    return verify(name, app.recorder, db)


def _line(verdict: Verdict, *, head: bool) -> str:
    position, link = verdict.head
    if head:
        return f"{verdict.log} {position}:{link}"
    thai, found = lang() == "th", verdict.finding
    if found is None:
        if thai:
            return f"{verdict.log}: ไม่พบการแก้ไข {verdict.checked:,} เหตุการณ์ ล่าสุด {position}:{link}"
        return f"{verdict.log}: intact, {verdict.checked:,} events, head {position}:{link}"
    what = TAMPERING[found.kind].in_("th" if thai else "en")
    moved = f" ↔ {found.other}" if found.other is not None else ""
    if thai:
        return f"{verdict.log}: เหตุการณ์ลำดับที่ {found.position}{moved} {what}"
    return f"{verdict.log}: the event at position {found.position}{moved} was {what}"


def _against(log: str, app: Application[UUID], text: str) -> None:
    position, _, expected = text.strip().partition(":")
    if not position.isdigit() or len(position) > 18 or len(expected) != 64:
        raise fail(f"--against '{text[:80]}': POSITION:LINK, 64 hex digits", "head_format")
    same, current = verify_against(log, app.recorder, int(position), expected.lower())
    if not same:
        raise fail(f"{log} {position}: {current} ≠ {expected}", "chain_head_differs")
    if lang() == "th":
        console.print(f"{log} {position}: ไม่มีการแก้ไขจนถึงลำดับนี้", markup=False)
    else:
        console.print(f"{log} {position}: nothing up to this position changed", markup=False)
