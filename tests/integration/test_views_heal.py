"""A damaged views file heals itself; the events file is never touched (hardening, finding 2).

Before, truncating ``var/…-views.db`` to half, or overwriting some of its pages, made
``tidtam serve`` fail at start-up (``database disk image is malformed``) and
``tidtam projections rebuild`` fail the same way. Views are derived data: the file is
moved aside (kept, named, logged) and built again from the events.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli.main import app as cli_app
from api.main import create_app
from api.runtime import Runtime
from api.settings import Settings
from storage.store import Store
from storage.view_database import views_path
from tests.example_table import example_draft


def truncate_to_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def overwrite_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // 4096, 3):  # every third page after the first
        data[page * 4096 : page * 4096 + 512] = b"\xa5" * 512
    path.write_bytes(bytes(data))


DAMAGE = {"truncated to half": truncate_to_half, "pages overwritten": overwrite_pages}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def store_with_views(tmp_path: Path) -> tuple[Store, Path]:
    """An SQLite store holding the example plan, its views folded and closed."""
    store = Store.sqlite(tmp_path / "var" / "tidtam.db")
    runtime = Runtime.open(store)
    try:
        runtime.tracker.import_plan(example_draft(), actor="admin")
        runtime.projections.catch_up()
        assert len(runtime.reader.plans()) == 1
    finally:
        runtime.close()
    return store, Path(views_path(store.sqlite_path))


def damaged(views: Path) -> list[Path]:
    return sorted(views.parent.glob(f"{views.name}.damaged-*"))


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_the_runtime_opens_on_a_damaged_views_file_and_rebuilds_it(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    store, views = store_with_views(tmp_path)
    events_before = digest(Path(store.sqlite_path))
    damage(views)
    runtime = Runtime.open(store)
    try:
        runtime.projections.catch_up()
        plans = runtime.reader.plans()
        assert [p.organisation for p in plans] == ["เทศบาลเมืองทุ่งสง"]
        assert len(runtime.reader.snapshot(plans[0].id).activities) == 5
    finally:
        runtime.close()
    assert len(damaged(views)) == 1  # kept, beside the new one
    assert digest(Path(store.sqlite_path)) == events_before


def test_the_server_starts_on_a_damaged_views_file(tmp_path: Path) -> None:
    store, views = store_with_views(tmp_path)
    overwrite_pages(views)
    runtime = Runtime.open(store)
    application = create_app(Settings(secret_file=str(tmp_path / "var" / "secret.key")), runtime)
    with TestClient(application) as client:
        assert client.get("/healthz").status_code == 200
    assert damaged(views)


def test_projections_rebuild_heals_a_damaged_views_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, views = store_with_views(tmp_path)
    truncate_to_half(views)
    monkeypatch.setenv("TIDTAM_DB", store.sqlite_path)
    monkeypatch.delenv("TIDTAM_DATABASE", raising=False)
    result = CliRunner().invoke(cli_app, ["projections", "rebuild"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert damaged(views)


def test_a_sound_views_file_is_left_where_it_is(tmp_path: Path) -> None:
    store, views = store_with_views(tmp_path)
    Runtime.open(store).close()
    assert not damaged(views)


def test_the_store_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    store, views = store_with_views(tmp_path)
    var = Path(store.sqlite_path).parent
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    for path in (Path(store.sqlite_path), views, *var.glob("*-wal")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_store_file_left_readable_by_an_earlier_release_is_tightened(tmp_path: Path) -> None:
    store, _ = store_with_views(tmp_path)
    events = Path(store.sqlite_path)
    events.chmod(0o644)
    Runtime.open(store).close()
    assert stat.S_IMODE(events.stat().st_mode) == 0o600
