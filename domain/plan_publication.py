"""A plan's public page (``/public/plans/{id}``): published by an admin, or withdrawn.

The municipality links the page from its website so residents can follow the plan's
progress and money. Nothing is public until an admin says so, and saying so is an
event of the plan's stream like any other (who, which business date, why), so the log
tells when the public could see the plan and who decided. Withdrawing needs a reason:
a page people were reading disappears, and the log must say why. A plan with no such
event was never published.
"""

from __future__ import annotations

from typing import Protocol

from eventsourcing.domain import Aggregate

from domain.errors import RuleViolation
from domain.recorded import Byline, Recorded, check_planning_date, require_text, trigger
from domain.words import Words

REASON_LIMIT = 2000
"""Characters of a reason: a sentence or a resolution's number, not a document."""
PUBLISHED = Words("เผยแพร่ต่อสาธารณะ", "published")
PRIVATE = Words("ไม่เผยแพร่", "not published")


class PlanPublished(Recorded):
    """An admin made the plan's public page visible to everyone."""

    TOPIC = "tidtam.PlanPublished"
    reason: str
    """Empty when none was given: publishing is what the page is for."""

    def apply(self, plan: Publication) -> None:
        plan.published = True


class PlanUnpublished(Recorded):
    """An admin withdrew the plan's public page, saying why."""

    TOPIC = "tidtam.PlanUnpublished"
    reason: str

    def apply(self, plan: Publication) -> None:
        plan.published = False


class Publication(Protocol):
    published: bool


def is_published(plan: object) -> bool:
    """Whether the plan's public page is visible now; a plan is private until an admin
    publishes it, so one whose stream holds no publication event is private."""
    return bool(getattr(plan, "published", False))


def publish(plan: Aggregate, *, reason: str | None, by: Byline) -> None:
    """Make the plan's public page visible (a reason may say why, e.g. the council's
    resolution). Allowed before, during and after the plan's fiscal year."""
    if is_published(plan):
        raise RuleViolation("no_change", field="published", what=_PAGE, value=PUBLISHED)
    why = _bounded((reason or "").strip())
    check_planning_date(by)
    trigger(plan, PlanPublished, by, reason=why)


def unpublish(plan: Aggregate, *, reason: str | None, by: Byline) -> None:
    """Withdraw the plan's public page: it answers 404 again, as for a plan never
    published. Needs a reason."""
    if not is_published(plan):
        raise RuleViolation("no_change", field="published", what=_PAGE, value=PRIVATE)
    withdrawing = Words("การถอนการเผยแพร่", "withdrawing the public page")
    why = _bounded(require_text(reason, what=withdrawing, field="reason"))
    check_planning_date(by)
    trigger(plan, PlanUnpublished, by, reason=why)


def _bounded(reason: str) -> str:
    if len(reason) > REASON_LIMIT:
        raise RuleViolation("text_too_long", field="reason", limit=REASON_LIMIT)
    return reason


_PAGE = Words("หน้าสาธารณะของแผน", "the plan's public page")
