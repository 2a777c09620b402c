"""Copying a store (``tidtam store copy``): every log, as stored, at its positions,
into an empty store of either backend, all or nothing.

Each source is a real store with the example year played on it, people registered
and an alert delivery owed; the copy is read back here independently of the copy's
own check, and a runtime opened on it must show what the source shows.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli.main import app as cli_app
from api.cli.upkeep import EXAMPLE_YEAR, LOGS
from api.runtime import Runtime
from api.scenario import play
from application.base import TidtamApplication
from application.directory import Directory
from application.outbox import Outbox, Owed
from application.tracker import Tracker
from domain.clock import FixedClock
from domain.errors import RuleViolation
from projections.queries import PlanSnapshot
from storage import store_copy
from storage.file_store import FileStore, files_directory
from storage.store import Store

CLOCK = FixedClock.at_bangkok(date(2009, 9, 30))


def fill(store: Store) -> None:
    """The example year, two people and an owed delivery: a row in every log."""
    tracker, directory, outbox = Tracker(store), Directory(store), Outbox(store)
    try:
        play(tracker, EXAMPLE_YEAR)
        directory.register("manee", roles=("manager",), actor="setup")
        directory.register("somsak", roles=("staff",), units=("งานประชาสัมพันธ์",), actor="admin")
        outbox.owe(
            Owed(("x",), "webhook", "http://127.0.0.1/", "flag_raised", "{}"), on=CLOCK.today()
        )
    finally:
        for app in (tracker, directory, outbox):
            app.close()


def logs(store: Store) -> dict[str, list[tuple[int, str, int, str, bytes]]]:
    """Every row of every log, as the library reads it back."""
    found = {}
    for cls in LOGS:
        app = cls(store)
        try:
            rows = app.recorder.select_notifications(1, 1_000_000)
            found[app.name] = [
                (n.id, str(n.originator_id), n.originator_version, n.topic, n.state) for n in rows
            ]
        finally:
            app.close()
    return found


def plan_as_seen(store: Store) -> list[PlanSnapshot]:
    runtime = Runtime.open(store, clock=CLOCK)
    try:
        runtime.projections.catch_up()
        return [runtime.reader.snapshot(p.id) for p in runtime.reader.plans()]
    finally:
        runtime.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def other(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """An empty store of each backend, the copy's target or source."""
    if request.param == "sqlite":
        return Store.sqlite(tmp_path / "other" / "copy.db")
    store: Store = request.getfixturevalue("postgres_store")
    return store


@pytest.fixture
def source(tmp_path: Path) -> Store:
    store = Store.sqlite(tmp_path / "source.db")
    fill(store)
    return store


def test_every_log_is_copied_as_stored_at_its_positions(source: Store, other: Store) -> None:
    copied = store_copy.copy_store(source, other, LOGS)

    before, after = logs(source), logs(other)
    assert after == before
    assert {c.application: (c.events, c.last_position) for c in copied} == {
        name: (len(rows), rows[-1][0]) for name, rows in before.items()
    }
    assert all(rows for rows in before.values())  # every log had something to copy
    assert plan_as_seen(other) == plan_as_seen(source)


def test_a_copy_goes_on_from_where_the_source_stood(source: Store, other: Store) -> None:
    """Commands work on the copy (aggregates are found by their ids) and their events
    take the next positions in every log (PostgreSQL's sequences were moved on)."""
    store_copy.copy_store(source, other, LOGS)
    heads = {name: len(rows) for name, rows in logs(source).items()}
    tracker, directory = Tracker(other, clock=CLOCK), Directory(other, clock=CLOCK)
    try:
        cancelled = tracker.find_activity(tracker.plan_ids()[0], "2.2")
        tracker.reopen(cancelled.id, actor="manee", reason="ได้งบคืน")
        directory.register("nok", roles=("auditor",), actor="admin")
        assert tracker.recorder.max_notification_id() == heads["Tracker"] + 1
        assert directory.recorder.max_notification_id() == heads["People"] + 1
    finally:
        tracker.close()
        directory.close()


def test_a_postgresql_store_copies_back_to_a_file(
    source: Store, postgres_store: Store, tmp_path: Path
) -> None:
    store_copy.copy_store(source, postgres_store, LOGS)
    back = Store.sqlite(tmp_path / "back.db")
    store_copy.copy_store(postgres_store, back, LOGS)
    assert logs(back) == logs(source)


def test_a_target_holding_events_is_refused_and_left_as_it_was(source: Store, other: Store) -> None:
    directory = Directory(other)
    try:
        directory.register("someone", roles=("auditor",), actor="admin")
    finally:
        directory.close()
    before = logs(other)

    with pytest.raises(RuleViolation) as refused:
        store_copy.copy_store(source, other, LOGS)

    assert refused.value.rule == "store_copy_target_not_empty"
    assert refused.value.values["application"] == "People"
    assert logs(other) == before


def test_a_copy_that_stops_midway_leaves_the_target_empty(
    source: Store, other: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_copy, "BATCH", 10)

    def interrupted(application: str, copied: int) -> None:
        if application == "People":  # the tracker's log is written, the next one is not
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store_copy.copy_store(source, other, LOGS, progress=interrupted)

    assert logs(other) == {cls.name: [] for cls in LOGS}
    store_copy.copy_store(source, other, LOGS)  # and a second attempt goes through
    assert logs(other) == logs(source)


def test_a_store_is_not_copied_onto_itself(
    source: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    same = Store.sqlite("source.db")  # the same file, named as a relative TIDTAM_DB would
    with pytest.raises(RuleViolation) as refused:
        store_copy.copy_store(source, same, LOGS)
    assert refused.value.rule == "store_copy_same_store"
    with pytest.raises(RuleViolation) as memory:
        store_copy.copy_store(source, Store.memory(), LOGS)
    assert memory.value.rule == "store_copy_in_memory"


def every_application() -> Iterator[type[TidtamApplication]]:
    """Every application class in Tidtam's own packages."""
    for package in ("domain", "scheduler", "api", "projections"):
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            importlib.import_module(info.name)
    pending = [TidtamApplication]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls is not TidtamApplication and cls.__module__.split(".")[0] != "tests":
            yield cls


def test_the_copy_knows_every_log() -> None:
    """A new application's log would be left behind by ``tidtam store copy``."""
    assert set(every_application()) == set(LOGS)


def test_the_command_copies_and_says_what_it_copied(
    source: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIDTAM_DATABASE", raising=False)
    monkeypatch.setenv("TIDTAM_DB", source.sqlite_path)
    monkeypatch.delenv("TIDTAM_LANG", raising=False)
    target = tmp_path / "backups" / "2569-11-24.db"
    cli = CliRunner()

    done = cli.invoke(cli_app, ["store", "copy", str(target)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    tracker_events = len(logs(source)["Tracker"])
    assert "Tracker" in done.output and f"{tracker_events}" in done.output
    assert logs(Store.sqlite(target)) == logs(source)

    again = cli.invoke(cli_app, ["store", "copy", str(target)], catch_exceptions=False)
    assert again.exit_code == 1
    assert "[store_copy_target_not_empty]" in again.output
    assert "มีเหตุการณ์ของ Tracker อยู่แล้ว" in again.output


def test_the_command_copies_the_kept_files_and_names_a_damaged_one(
    source: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Filed reports and evidence are named by the events: a copy without them could not
    show what its events prove. A file that no longer hashes to its name is not carried
    over as if it were sound: it is named, and the command fails."""
    monkeypatch.delenv("TIDTAM_DATABASE", raising=False)
    monkeypatch.delenv("TIDTAM_FILES", raising=False)
    monkeypatch.delenv("TIDTAM_LANG", raising=False)
    monkeypatch.setenv("TIDTAM_DB", source.sqlite_path)
    kept = FileStore(files_directory(source))
    photo = kept.put(b"\xff\xd8\xff\xe0 a photo of the sign")
    report = kept.put(b"%PDF-1.7 the six-month report")
    target = tmp_path / "backups" / "copy.db"
    cli = CliRunner()

    done = cli.invoke(cli_app, ["store", "copy", str(target)], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert "2 copied" in done.output
    copied = FileStore(files_directory(Store.sqlite(target)))
    assert copied.directory == target.parent / "files"
    assert copied.get(photo) == kept.get(photo) and copied.get(report) == kept.get(report)

    (kept.directory / report).write_bytes(b"%PDF-1.7 edited afterwards")
    again = tmp_path / "second" / "copy.db"
    refused = cli.invoke(cli_app, ["store", "copy", str(again)], catch_exceptions=False)
    assert refused.exit_code == 1
    assert "[store_copy_files_damaged]" in refused.output and report[:16] in refused.output
    second = FileStore(files_directory(Store.sqlite(again)))
    assert second.get(photo) is not None and not (second.directory / report).exists()
