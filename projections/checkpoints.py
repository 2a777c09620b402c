"""Checkpoints: how far a consumer of a view has acted on it.

A projector keeps its view's position in the log in ``tidtam_positions``. A
consumer that acts on a view's rows (the notifier owes a webhook call for each
flag raised) keeps a row of its own there, named for it, beside the positions of
the views it reads: after a crash it resumes from the last position it finished.
"""

from __future__ import annotations

from datetime import UTC, datetime

from projections.runner import TRACKING, ensure_tracking, read_position
from storage.view_database import ViewDatabase


class Checkpoint:
    """One consumer's position, which only ever moves forward."""

    def __init__(self, db: ViewDatabase, name: str) -> None:
        self.db = db
        self.name = name

    def read(self) -> int:
        """The position acted on so far: 0 for a new consumer (whose row is made here)."""
        with self.db.transaction() as cur:
            ensure_tracking(cur)
            cur.execute(
                f"INSERT INTO {TRACKING} VALUES (?, 0, ?) ON CONFLICT (name) DO NOTHING",
                (self.name, datetime.now(UTC).isoformat()),
            )
            return read_position(cur, self.name)

    def advance(self, upto: int) -> None:
        """Record that everything up to ``upto`` was acted on; a checkpoint already past it
        (another scheduler got further meanwhile) is left where it is."""
        with self.db.transaction() as cur:
            cur.execute(
                f"UPDATE {TRACKING} SET position = ?, updated_at = ?"
                " WHERE name = ? AND position < ?",
                (upto, datetime.now(UTC).isoformat(), self.name, upto),
            )
