"""The README's backups, as deployed: ``deploy/backup/tidtam-backup`` takes a ``pg_dump``
while the store holds a year of work, ``deploy/backup/tidtam-restore-check`` restores it
into a new database and ``tidtam verify`` passes there, held to the heads written down
when the backup was taken. A log edited behind Tidtam's back gives a backup whose check
fails, naming the position.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from api.runtime import Runtime
from api.scenario import play
from domain.clock import FixedClock
from storage.store import Store
from tests import pg
from tests.e2e.api.conftest import EXAMPLE_YEAR, TODAY

pytestmark = pytest.mark.postgres

REPOSITORY = Path(__file__).resolve().parents[2]
BACKUP = REPOSITORY / "deploy" / "backup" / "tidtam-backup"
RESTORE_CHECK = REPOSITORY / "deploy" / "backup" / "tidtam-restore-check"
TIDTAM_BIN = Path(sys.executable).parent / "tidtam"


@pytest.fixture
def database() -> Iterator[str]:
    pg.skip_or_fail_if_unreachable()
    missing = [t for t in ("pg_dump", "pg_restore", "psql") if shutil.which(t) is None]
    if missing or not TIDTAM_BIN.exists():
        message = f"backups need {missing or TIDTAM_BIN}"
        pytest.fail(message) if pg.required() else pytest.skip(message)
    with pg.throwaway_database() as name:
        yield pg.url_for(name)


def a_year_of_work(url: str) -> None:
    runtime = Runtime.open(Store.from_url(url), clock=FixedClock.at_bangkok(TODAY))
    try:
        play(runtime.tracker, EXAMPLE_YEAR)
        runtime.directory.register("manager", roles=("manager",), actor="setup")
        runtime.projections.catch_up()  # the chains, as the projector keeps them
    finally:
        runtime.close()


def run(script: Path, url: str, tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("TIDTAM_")},
        "PYTHONPATH": str(REPOSITORY),
        "TIDTAM_DATABASE": url,
        "TIDTAM_FILES": str(tmp / "files"),
        "TIDTAM_BACKUP_DIR": str(tmp / "backups"),
        "TIDTAM_BIN": str(TIDTAM_BIN),
        "TIDTAM_RESTORE_SERVER": pg.ADMIN_URL,
    }
    return subprocess.run(
        [str(script), *args], env=env, capture_output=True, text=True, timeout=300, cwd=tmp
    )


def test_a_backup_restored_elsewhere_verifies_and_one_of_an_edited_log_does_not(
    database: str, tmp_path: Path
) -> None:
    a_year_of_work(database)
    taken = run(BACKUP, database, tmp_path)
    assert taken.returncode == 0, taken.stderr
    dump = Path(taken.stdout.strip().splitlines()[-1])
    heads = dict(line.split() for line in dump.with_suffix(".heads").read_text().splitlines())
    assert set(heads) == {"tracker", "people", "alerts"}
    checked = run(RESTORE_CHECK, database, tmp_path, str(dump))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "tracker: intact" in checked.stdout and "restored and verified" in checked.stdout
    assert f"tracker {heads['tracker'].split(':')[0]}: nothing up to" in checked.stdout

    with psycopg.connect(database, autocommit=True) as conn:  # an edit behind Tidtam's back
        conn.execute(
            "UPDATE tracker_events SET state = state || ' '::bytea WHERE notification_id = 7"
        )
    taken = run(BACKUP, database, tmp_path)
    assert taken.returncode == 1 and "do not verify" in taken.stderr
    edited = Path(taken.stdout.strip().splitlines()[-1])
    assert edited != dump and edited.exists()
    checked = run(RESTORE_CHECK, database, tmp_path, str(edited))
    assert checked.returncode == 1
    assert "the event at position 7 was changed" in checked.stdout, checked.stdout
    with psycopg.connect(pg.ADMIN_URL, autocommit=True) as conn:  # every scratch copy dropped
        left = conn.execute(
            "SELECT count(*) FROM pg_database WHERE datname LIKE 'tidtam_restore_check_%'"
        ).fetchone()
    assert left == (0,)
