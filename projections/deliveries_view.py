"""The deliveries view: what is owed, claimed, sent, failed or abandoned, for the sender
to find what to try next (`DeliveriesReader`) and for people to see every attempt's
outcome. Folded from the outbox's log (`application.outbox`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from domain.deliveries import Delivery
from projections.view import View
from storage.view_database import Cursor, ViewDatabase


class DeliveriesView(View):
    name = "deliveries"
    tables = ("view_deliveries",)

    def create(self, cur: Cursor, suffix: str = "") -> None:
        cur.execute(
            f"CREATE TABLE IF NOT EXISTS view_deliveries{suffix} ("
            "delivery_id TEXT PRIMARY KEY, channel TEXT NOT NULL, recipient TEXT NOT NULL,"
            " subject TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,"
            " next_attempt_at TEXT, claimed_at TEXT, created_at TEXT NOT NULL,"
            " updated_at TEXT NOT NULL, last_error TEXT)"
        )

    def create_indexes(self, cur: Cursor) -> None:
        cur.execute("CREATE INDEX IF NOT EXISTS ix_deliveries_state ON view_deliveries (state)")

    def process(
        self, cur: Cursor, batch: Sequence[tuple[int, object]], suffix: str = "", state: Any = None
    ) -> None:
        table = f"view_deliveries{suffix}"
        for _, event in batch:
            e: Any = event
            ident, at = str(e.originator_id), e.timestamp.isoformat()
            match event:
                case Delivery.DeliveryOwed():
                    cur.execute(
                        f"INSERT INTO {table} VALUES (?,?,?,?,'owed',0,?,NULL,?,?,NULL)",
                        (ident, e.channel, e.recipient, e.subject, at, at, at),
                    )
                case Delivery.DeliveryClaimed():
                    cur.execute(
                        f"UPDATE {table} SET state='claimed', attempts=?, claimed_at=?,"
                        " updated_at=? WHERE delivery_id=?",
                        (e.attempt, at, at, ident),
                    )
                case Delivery.DeliverySent():
                    cur.execute(
                        f"UPDATE {table} SET state='sent', updated_at=? WHERE delivery_id=?",
                        (at, ident),
                    )
                case Delivery.DeliveryFailed():
                    cur.execute(
                        f"UPDATE {table} SET state='failed', next_attempt_at=?, last_error=?,"
                        " updated_at=? WHERE delivery_id=?",
                        (e.retry_at.isoformat(), e.error, at, ident),
                    )
                case Delivery.DeliveryAbandoned():
                    cur.execute(
                        f"UPDATE {table} SET state='abandoned', last_error=?, updated_at=?"
                        " WHERE delivery_id=?",
                        (e.error, at, ident),
                    )


class DeliveriesReader:
    """Queries over the deliveries view."""

    def __init__(self, db: ViewDatabase) -> None:
        self.db = db

    def to_try(self, now: datetime, lease: timedelta) -> list[UUID]:
        """Deliveries a sender should try at ``now``, oldest first: owed or failed ones whose
        time has come, and claims older than ``lease`` (their sender died mid-send)."""
        stale = (now - lease).isoformat()
        with self.db.reading() as cur:
            rows = cur.execute(
                "SELECT delivery_id FROM view_deliveries"
                " WHERE (state IN ('owed', 'failed') AND next_attempt_at <= ?)"
                " OR (state = 'claimed' AND claimed_at <= ?) ORDER BY created_at",
                (now.isoformat(), stale),
            ).fetchall()
        return [UUID(r[0]) for r in rows]
