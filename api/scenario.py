"""Playing a scripted history into a store: the example year behind `make run`.

A script is a tab-separated file, one command a row, each with the instant it
was recorded. The tracker's clock is set to that instant before the command,
so the events carry the script's recording times: late entries are really
late, and time travel shows the plan as it was known on any day of the year.
A row may expect a refusal (``refused:RULE``); a script that does not go as
written stops with the row that went wrong.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypedDict
from uuid import UUID

from application.tracker import Tracker
from domain.calendar import FiscalYear
from domain.clock import BANGKOK, FixedClock
from domain.errors import TidtamError
from domain.parsing import parse_baht, parse_month
from domain.plan_table import read_plan

COLUMNS = ("recorded_at", "actor", "command", "code", "value", "on", "ref", "text", "expect")


class Who(TypedDict):
    actor: str
    occurred_on: date | None


class ScriptError(Exception):
    """Raised when a scripted command does not go as the script says it should."""


@dataclass(frozen=True, slots=True)
class ScriptRow:
    line: int
    recorded_at: datetime
    actor: str
    command: str
    code: str
    value: str
    on: date | None
    ref: str
    text: str
    expect: str


@dataclass(frozen=True, slots=True)
class PlayedScript:
    plan_id: UUID
    commands: int
    refused: int
    last_recorded_at: datetime


def read_script(path: Path) -> list[ScriptRow]:
    lines = [
        (number, line)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    rows = list(csv.reader((line for _, line in lines), delimiter="\t"))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ScriptError(f"{path.name}: the first row must be the header {COLUMNS}")
    script = []
    for (number, _), cells in zip(lines[1:], rows[1:], strict=True):
        values = dict(zip(COLUMNS, [*cells, *[""] * len(COLUMNS)], strict=False))
        moment = datetime.fromisoformat(values["recorded_at"]).replace(tzinfo=BANGKOK)
        script.append(
            ScriptRow(
                line=number,
                recorded_at=moment,
                actor=values["actor"],
                command=values["command"],
                code=values["code"],
                value=values["value"],
                on=date.fromisoformat(values["on"]) if values["on"] else None,
                ref=values["ref"],
                text=values["text"],
                expect=values["expect"],
            )
        )
    return script


def play(tracker: Tracker, path: Path) -> PlayedScript:
    """Record every row of the script at its instant; imports are read beside the script.

    The tracker's clock is the script's while it plays, and its own again after.
    """
    script = read_script(path)
    clock = FixedClock(script[0].recorded_at)
    own_clock, tracker.clock = tracker.clock, clock
    plan_id: UUID | None = None
    fiscal_year: FiscalYear | None = None
    refused = 0
    try:
        for row in script:
            clock.set(row.recorded_at)
            try:
                if row.command == "import":
                    draft = read_plan((path.parent / row.value).read_bytes(), row.value)
                    plan_id = tracker.import_plan(draft, actor=row.actor).plan_id
                    fiscal_year = draft.fiscal_year
                else:
                    if plan_id is None or fiscal_year is None:
                        raise ScriptError(f"{path.name}:{row.line}: no plan imported yet")
                    _command(tracker, plan_id, fiscal_year, row)
            except TidtamError as error:
                if row.expect != f"refused:{error.rule}":
                    raise ScriptError(f"{path.name}:{row.line}: {error}") from error
                refused += 1
            else:
                if row.expect:
                    raise ScriptError(f"{path.name}:{row.line}: expected {row.expect}")
    finally:
        tracker.clock = own_clock
    assert plan_id is not None
    return PlayedScript(plan_id, len(script), refused, script[-1].recorded_at)


def _command(tracker: Tracker, plan_id: UUID, fiscal_year: FiscalYear, row: ScriptRow) -> None:
    activity = tracker.find_activity(plan_id, row.code).id
    by = Who(actor=row.actor, occurred_on=row.on)
    match row.command:
        case "start":
            tracker.start(activity, note=row.text, **by)
        case "progress":
            tracker.record_progress(activity, int(row.value), note=row.text, **by)
        case "correct-progress":
            tracker.correct_progress(activity, int(row.value), reason=row.text, **by)
        case "step-done":
            tracker.complete_step(activity, int(row.value), note=row.text, **by)
        case "spend":
            tracker.record_expenditure(
                activity, parse_baht(row.value), reference=row.ref, note=row.text, **by
            )
        case "complete":
            tracker.complete(activity, note=row.text, **by)
        case "correct-start":
            tracker.correct_start(activity, reason=row.text, **by)
        case "correct-completion":
            tracker.correct_completion(activity, reason=row.text, **by)
        case "cancel":
            tracker.cancel(activity, reason=row.text, **by)
        case "reschedule":
            months = tuple(parse_month(m, fiscal_year) for m in row.value.split())
            tracker.reschedule(activity, months, reason=row.text, **by)
        case "revise-budget":
            tracker.revise_budget(activity, parse_baht(row.value), reason=row.text, **by)
        case _:
            raise ScriptError(f"line {row.line}: unknown command {row.command!r}")
