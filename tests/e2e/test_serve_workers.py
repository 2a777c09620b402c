"""``tidtam serve --workers N``: several workers need PostgreSQL; SQLite is refused, naming
the rule, before anything is served.

The workers themselves, on PostgreSQL beside a projector and a scheduler, are
``tests/e2e/test_processes.py``'s.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli.main import app


@pytest.mark.parametrize(("lang", "words"), [("th", "PostgreSQL"), ("en", "several processes")])
def test_several_workers_on_sqlite_are_refused_naming_the_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, words: str
) -> None:
    monkeypatch.setenv("TIDTAM_DB", str(tmp_path / "tidtam.db"))
    monkeypatch.delenv("TIDTAM_DATABASE", raising=False)
    monkeypatch.setenv("TIDTAM_LANG", lang)
    result = CliRunner().invoke(app, ["serve", "--workers", "2"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "[serve_workers_need_postgres]" in result.output and words in result.output
    assert "--workers 2" in result.output and "sqlite" in result.output
    assert not (tmp_path / "tidtam.db").exists()  # refused before the store was opened
