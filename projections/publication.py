"""Whether a plan's public page is visible, as the plan's fact sheet keeps it.

Apart from :mod:`projections.facts` for size. Every publication and withdrawal is kept
(in log order, with who, when and why) so the signed-in plan page can say who decided
and time travel can cut them as it cuts the plan's other facts; the one in force is the
latest recorded, whatever its business date: a withdrawn page is gone now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(slots=True)
class PublicationFact:
    """An admin published the plan's public page (``published``) or withdrew it."""

    published: bool
    reason: str
    actor: str
    on: date
    recorded_at: datetime
    seq: int = 0
