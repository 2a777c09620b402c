"""What every view is: tables, and a way to fold a batch of events into them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, ClassVar

from storage.view_database import Cursor


class View(ABC):
    """A materialised view of the event log, kept by one projector."""

    name: ClassVar[str]
    tables: ClassVar[tuple[str, ...]]
    schema_version: ClassVar[int] = 1
    """Raise it when the tables change: stores built with another version are rebuilt."""
    reads_stored: ClassVar[bool] = False
    """Fold events as stored (`projections.stored.StoredFacts`) instead of decoded:
    for views that only write facts out again, where decoding is wasted work."""
    reads_raw: ClassVar[bool] = False
    """Fold the log's rows exactly as recorded (the library's ``Notification``): for the
    chain, which must witness the bytes, not what they mean."""
    rebuilt_when_ahead: ClassVar[bool] = True
    """Rebuild the view when it holds more of the log than the log does (an events file
    restored from an older backup). Not the chain: a log that lost its tail is what the
    chain exists to show, so it is kept for ``tidtam verify`` to judge."""

    @abstractmethod
    def create(self, cur: Cursor, suffix: str = "") -> None:
        """Create the view's tables (named with ``suffix`` while rebuilding)."""

    @abstractmethod
    def create_indexes(self, cur: Cursor) -> None:
        """Create the live tables' indexes (after a rebuild's bulk load)."""

    @abstractmethod
    def process(
        self, cur: Cursor, batch: Sequence[tuple[int, object]], suffix: str = "", state: Any = None
    ) -> Any:
        """Fold ``batch`` (position, event) into the tables, in the caller's transaction.

        The events are domain events, or `StoredFacts` if the view `reads_stored`.

        ``state`` is what the view kept from the previous batch of a rebuild (None
        for the live view, which reads what it needs from its tables); the return
        value is passed back with the next batch.
        """

    def rebuild_state(self) -> Any:
        """What a rebuild starts from (passed to the first `process`); None by default."""
        return None

    def finish(self, cur: Cursor, suffix: str, state: Any) -> None:  # noqa: B027 - optional hook
        """End of a rebuild, just before the swap: write what `process` held back."""

    def drop(self, cur: Cursor, suffix: str) -> None:
        for table in self.tables:
            cur.execute(f"DROP TABLE IF EXISTS {table}{suffix}")
