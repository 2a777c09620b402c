"""The views' SQLite file keeps its write-ahead log bounded without checkpointing in commits.

Commits on the views never checkpoint (``wal_autocheckpoint=0``); a background thread does,
when something was written. Without it the log would grow with every commit, for ever.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from storage.view_database import SQLiteViews

DOC = "ข้อมูล" * 100


def write(views: SQLiteViews, first: int, count: int) -> None:
    for k in range(first, first + count):
        with views.transaction() as cur:
            cur.execute("INSERT INTO sheets VALUES (?, ?)", (k, DOC))


def test_the_log_stops_growing_once_checkpointed(tmp_path: Path) -> None:
    views = SQLiteViews(str(tmp_path / "tidtam-views.db"))
    views.CHECKPOINT_SECONDS = 0.1
    wal = tmp_path / "tidtam-views.db-wal"
    try:
        with views.transaction() as cur:
            cur.execute("CREATE TABLE sheets (k INTEGER PRIMARY KEY, doc TEXT NOT NULL)")
        sizes = []
        for round_ in range(3):
            write(views, round_ * 400, 400)
            time.sleep(0.5)  # several checkpoint periods
            sizes.append(os.path.getsize(wal))
        assert sizes[2] <= sizes[0] * 1.2, sizes  # reused, not appended to
        with views.reading() as cur:
            assert cur.execute("SELECT COUNT(*) FROM sheets").fetchone() == (1200,)
    finally:
        views.close()
    reopened = SQLiteViews(str(tmp_path / "tidtam-views.db"))
    try:
        with reopened.reading() as cur:
            assert cur.execute("SELECT COUNT(*) FROM sheets").fetchone() == (1200,)
    finally:
        reopened.close()
