"""``tidtam verify`` end to end: intact, tampered, heads for the minutes, and --against."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli.main import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "thungsong-2552-strategy5.txt"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "var" / "tidtam.db"
    monkeypatch.setenv("TIDTAM_DB", str(path))
    monkeypatch.setenv("TIDTAM_ACTOR", "tester")
    monkeypatch.setenv("TIDTAM_LANG", "en")
    monkeypatch.delenv("TIDTAM_DATABASE", raising=False)
    result = CliRunner().invoke(app, ["import", str(EXAMPLE)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


def tidtam(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_an_intact_store_verifies_with_exit_status_zero(db: Path) -> None:
    status, output = tidtam("verify")
    assert status == 0, output
    assert "tracker: intact, 19 events, head 19:" in output
    assert "people: intact" in output and "alerts: intact, 0 events" in output


def test_an_edited_event_is_named_and_the_status_is_one(db: Path) -> None:
    _, heads = tidtam("verify", "--head")
    tracker_head = heads.splitlines()[0].split(" ", 1)[1]
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE tracker_events SET state = CAST(state || ' ' AS BLOB) WHERE rowid = 3")
    status, output = tidtam("verify")
    assert status == 1
    assert "tracker: the event at position 3 was changed" in output
    status, output = tidtam("verify", "--against", tracker_head)
    assert status == 1 and "chain_head_differs" in output


def test_a_head_from_the_minutes_holds_while_nothing_before_it_changed(db: Path) -> None:
    status, heads = tidtam("verify", "--head")
    assert status == 0
    lines = dict(line.split(" ", 1) for line in heads.splitlines())
    assert set(lines) == {"tracker", "people", "alerts"}
    status, output = tidtam("verify", "--against", lines["tracker"])
    assert status == 0 and "nothing up to this position changed" in output


@pytest.mark.parametrize("head", ["19", "x:abc", "19:" + "0" * 63, "9" * 40 + ":" + "0" * 64])
def test_a_malformed_head_is_refused_naming_the_form(db: Path, head: str) -> None:
    status, output = tidtam("verify", "--against", head)
    assert status == 1 and "head_format" in output
