"""A store whose views were built by an older release is rebuilt to today's tables.

Each view has a ``schema_version``; a store recorded with another one rebuilds
that view when the projections open, from the events alone. Here the audit trail
is put back to its version 3 shape (no ``project_id``), as a store of the previous
release has it, and must come back complete.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.cli.upkeep import LOGS
from api.runtime import EXAMPLES
from api.scenario import play
from application.tracker import Tracker
from projections.service import Projections
from storage.store import Store
from storage.store_copy import copy_store
from tests.integration.views import dump, expected_rows


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def kept_store(request: pytest.FixtureRequest) -> Store:
    """A store whose views outlive the process (the in-memory one's do not)."""
    found: Store = request.getfixturevalue(f"{request.param}_store")
    return found


def test_an_older_audit_trail_is_rebuilt_with_todays_columns(kept_store: Store) -> None:
    tracker = Tracker(kept_store)
    try:
        play(tracker, EXAMPLES / "thungsong-2552-year.tsv")
        projections = Projections(tracker)
        projections.catch_up()
        with projections.db.transaction() as cur:
            cur.execute("DROP INDEX IF EXISTS ix_audit_project")
            cur.execute("ALTER TABLE view_audit DROP COLUMN project_id")
            cur.execute("UPDATE tidtam_view_versions SET version = 3 WHERE name = 'audit'")
        projections.close()

        projections = Projections(tracker)
        try:
            assert dump(projections.db) == expected_rows(tracker)
            with projections.db.reading() as cur:
                row = cur.execute(
                    "SELECT version FROM tidtam_view_versions WHERE name = 'audit'"
                ).fetchone()
                assert row is not None and row[0] == 4
                with_project = cur.execute(
                    "SELECT count(*) FROM view_audit WHERE project_id IS NOT NULL"
                ).fetchone()
                assert with_project is not None and with_project[0] > 0
        finally:
            projections.close()
    finally:
        tracker.close()


def test_views_beside_an_events_file_restored_from_an_older_backup_are_rebuilt(
    tmp_path: Path,
) -> None:
    """On SQLite the views have a file of their own. Restore ``tidtam.db`` from a backup
    taken before the last commands and keep ``tidtam-views.db``: the views must not go
    on showing those commands, whose events the restored log no longer holds."""
    live, backup = Store.sqlite(tmp_path / "tidtam.db"), Store.sqlite(tmp_path / "backup.db")
    tracker = Tracker(live)
    play(tracker, EXAMPLES / "thungsong-2552-year.tsv")
    copy_store(live, backup, LOGS)
    cancelled = tracker.find_activity(tracker.plan_ids()[0], "2.2")
    tracker.reopen(cancelled.id, actor="manee", reason="ได้งบคืน")
    projections = Projections(tracker)
    projections.catch_up()
    projections.close()
    tracker.close()

    for suffix in ("", "-wal", "-shm"):
        Path(live.sqlite_path + suffix).unlink(missing_ok=True)
    shutil.copy(backup.sqlite_path, live.sqlite_path)  # the restore, views left as they were

    tracker = Tracker(live)
    projections = Projections(tracker)
    try:
        assert dump(projections.db) == expected_rows(tracker)
        assert tracker.get_activity(cancelled.id).status == "cancelled"
        with projections.db.reading() as cur:
            reopenings = cur.execute(
                "SELECT count(*) FROM view_audit WHERE event_type = 'ActivityReopened'"
            ).fetchone()
        assert reopenings is not None and reopenings[0] == 0
    finally:
        projections.close()
        tracker.close()
