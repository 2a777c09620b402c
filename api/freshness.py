"""Read-your-writes: a reader that names the position of its own write waits for it.

A command answers with the position of its last event; the views fold it a moment
later (in this process's projection thread, or in the projector process). A reader
that must see its own write passes that position as ``min_position`` and waits here,
bounded, before it reads: the API's routes, and the check of what a request names
(``api.tenancy``), which must not call a thing just written "not found".
"""

from __future__ import annotations

from api.errors import ViewBehindError
from api.services import Services
from domain.errors import InputError, register_messages


def read_your_writes(svc: Services, min_position: int | None) -> None:
    """Wait (bounded) until the views have folded ``min_position``; 503 if they do not.

    A position beyond the log's head was never written, so it is refused at once
    (422) rather than holding a worker thread for the whole timeout.
    """
    if min_position is None:
        return
    head = svc.runtime.tracker.recorder.max_notification_id() or 0
    if min_position > head:
        raise InputError("position_unknown", field="min_position", position=min_position, head=head)
    if not svc.runtime.projections.wait_for(
        min_position, timeout=svc.settings.read_your_writes_timeout
    ):
        raise ViewBehindError("view_behind", position=min_position)


register_messages(
    {
        "view_behind": (
            "ข้อมูลยังปรับปรุงไม่ถึงลำดับ {position} กรุณาลองใหม่อีกครู่",
            "the views have not reached position {position} yet; retry shortly",
        ),
        "position_unknown": (
            "ยังไม่มีเหตุการณ์ลำดับที่ {position} (ล่าสุดคือ {head})",
            "no event has position {position} yet: the last is {head}",
        ),
    }
)
