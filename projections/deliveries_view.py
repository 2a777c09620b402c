"""The deliveries view: what is owed, claimed, sent, failed or abandoned, for the sender
to find what to try next and for people to see every attempt's outcome."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from domain.deliveries import Delivery
from projections.view import View
from storage.view_database import Cursor


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
