"""``tidtam orgs`` and the organisation options of ``users add`` and ``import``, end to end
on a real SQLite file: the CLI is how a province's IT sets up its tenants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api.cli.main import app
from api.runtime import Runtime
from storage.store import Store
from tests.example_table import EXAMPLE_TABLE

BANMAI = "เทศบาลตำบลบ้านใหม่"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "var" / "tidtam.db"
    monkeypatch.setenv("TIDTAM_DB", str(path))
    monkeypatch.setenv("TIDTAM_FILES", str(tmp_path / "files"))
    monkeypatch.setenv("TIDTAM_ACTOR", "tester")
    monkeypatch.setenv("TIDTAM_LANG", "en")
    monkeypatch.delenv("TIDTAM_DATABASE", raising=False)
    return path


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def banmai_document(tmp_path: Path) -> Path:
    """The example table as another municipality's: its area names Ban Mai."""
    text = EXAMPLE_TABLE.read_text(encoding="utf-8")
    renamed = text.replace("เทศบาลเมือง ทุ่งสง", BANMAI).replace("เทศบาลเมืองทุ่งสง", BANMAI)
    assert renamed != text, "the example names its municipality in its areas"
    path = tmp_path / "banmai.txt"
    path.write_text(renamed, encoding="utf-8")
    return path


def test_organisations_are_registered_listed_and_given_their_own_plans(
    db: Path, tmp_path: Path
) -> None:
    assert run("orgs", "add", "thungsong", "--name", "เทศบาลเมืองทุ่งสง",
               "--province", "นครศรีธรรมราช").exit_code == 0  # fmt: skip
    assert run("orgs", "add", "banmai", "--name", BANMAI).exit_code == 0
    listed = run("orgs", "list").output
    assert "thungsong" in listed and "banmai" in listed and "นครศรีธรรมราช" in listed

    unplaced = run("import", str(EXAMPLE_TABLE))
    assert unplaced.exit_code == 1 and "import_organisation_required" in unplaced.output
    wrong = run("import", str(banmai_document(tmp_path)), "--org", "thungsong")
    assert wrong.exit_code == 1 and "plan_organisation_mismatch" in wrong.output
    assert run("import", str(EXAMPLE_TABLE), "--org", "thungsong").exit_code == 0
    assert run("import", str(banmai_document(tmp_path)), "--org", "banmai").exit_code == 0

    runtime = Runtime.open(Store.sqlite(db))
    try:
        runtime.projections.catch_up()
        plans = {p.organisation_code: p.organisation for p in runtime.reader.plans()}
    finally:
        runtime.close()
    assert plans == {"thungsong": "เทศบาลเมืองทุ่งสง", "banmai": BANMAI}


def test_users_are_added_in_organisations_that_exist(db: Path) -> None:
    run("orgs", "add", "banmai", "--name", BANMAI)
    added = run("users", "add", "somchai", "--role", "staff", "--unit", "กองช่าง",
                "--org", "banmai", "--password", "a-long-enough-password")  # fmt: skip
    assert added.exit_code == 0 and "in banmai" in added.output
    typo = run("users", "add", "somsri", "--role", "manager", "--org", "banmia")
    assert typo.exit_code == 1 and "organisation_unknown" in typo.output
    mixed = run("users", "add", "ov", "--role", "overseer", "--role", "staff", "--unit", "ก")
    assert mixed.exit_code == 1 and "overseer_alone" in mixed.output
    bad = run("orgs", "add", "Ban Mai", "--name", "x")
    assert bad.exit_code == 1 and "organisation_code_format" in bad.output
    again = run("orgs", "add", "banmai", "--name", BANMAI)
    assert again.exit_code == 1 and "organisation_exists" in again.output
    listed = run("users", "list").output
    assert "somchai" in listed and "banmai" in listed and "somsri" not in listed
