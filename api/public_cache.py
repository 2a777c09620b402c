"""The public pages' own cache: anyone may ask, so nobody may make the server work much.

A plan's public page is a pure function of the plan view's position, the business day
and the language, so it is kept under exactly that key (:class:`ReportCache`), apart
from the signed-in reports' cache so that public traffic never pushes a manager's
report out. A visitor can still ask for days nobody asked for before (``?on=``), each a
build; builds of public pages take turns, one at a time, and a request that waited
``patience`` seconds for its turn is told to come back (503 with ``Retry-After``)
instead of holding a request thread. Requests for a page already built never wait.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from api.report_cache import KeyOf, Rendered, ReportCache
from domain.errors import TidtamError, register_messages

RETRY_SECONDS = 5


class PublicBusyError(TidtamError):
    """Raised when a public page could not take its turn to be built in time."""

    http_status = 503


class PublicPages:
    """Public pages built once per key, one build at a time."""

    def __init__(self, size: int = 32, patience: float = 2.0) -> None:
        self.cache = ReportCache(size)
        self.patience = patience
        self._turn = threading.Lock()

    def serve(
        self, key_of: KeyOf, position: int, build: Callable[[], tuple[int, bytes]]
    ) -> Rendered:
        """The page for the views at ``position`` (see :meth:`ReportCache.serve`)."""

        def in_turn() -> tuple[int, bytes]:
            if not self._turn.acquire(timeout=self.patience):
                raise PublicBusyError("public_busy", seconds=RETRY_SECONDS)
            try:
                return build()
            finally:
                self._turn.release()

        return self.cache.serve(key_of, position, in_turn)


register_messages(
    {
        "public_busy": (
            "มีผู้เปิดหน้านี้จำนวนมาก กรุณาลองใหม่ในอีก {seconds} วินาที",
            "many people are opening this page; try again in {seconds} seconds",
        ),
    }
)
