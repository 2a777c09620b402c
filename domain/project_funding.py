"""Where a project's money comes from (แหล่งงบประมาณ): the annual budget, accumulated
funds, a specific subsidy, a loan, … The monitoring report sums money per source. A
plan's document names it where its table has the column (the adoption, or a revision
that says otherwise); else a manager sets it; setting it again says why. What the
latest document said is kept apart from what stands, so a manager's change between
revisions is not read as the document's."""

from __future__ import annotations

from typing import Any, Protocol

from domain.errors import RuleViolation, register_messages
from domain.recorded import Byline, Recorded, require_text, trigger
from domain.thai import clean_text, name_key
from domain.words import Words

SOURCES = (
    "งบประมาณรายจ่าย",
    "เงินสะสม",
    "เงินทุนสำรองเงินสะสม",
    "เงินอุดหนุนทั่วไป",
    "เงินอุดหนุนเฉพาะกิจ",
    "เงินกู้",
    "เงินรายได้",
)
"""The sources offered first; any other a municipality names is taken as written."""
UNSET = Words("ไม่ระบุแหล่งงบประมาณ", "source not set")
SOURCE_LIMIT = 200


class FundingSourceSet(Recorded):
    """The project's funding source was set (or changed, with the reason why)."""

    TOPIC = "tidtam.FundingSourceSet"
    class_version = 2
    source: str
    previous: str
    reason: str
    revision: int | None
    """0: the adopted plan's document said it; N: revision N's; None: a manager's."""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Version 1 did not say whose it was: one with no source before it and no
        reason is the document's seeding at import (a manager's first naming looked
        the same, and reads as the document's: a later document naming another source
        then lists the difference, as it should anyway)."""
        seeded = not state["previous"] and not state["reason"]
        state["revision"] = 0 if seeded else None

    def apply(self, project: HasSource) -> None:
        project.funding_source = self.source
        if self.revision is not None:
            project.documented_source = self.source


class HasSource(Protocol):
    code: str
    funding_source: str
    documented_source: str
    """As the plan's latest document with the column has it (``""``: none said)."""


def set_funding_source(
    project: HasSource, source: str, *, reason: str | None, by: Byline, revision: int | None = None
) -> None:
    """Name where the project's money comes from; a change from one source to another
    needs a reason. ``revision`` says a document names it (0: the adopted plan): a
    revision may name the source that already stands, to make it the document's."""
    named = clean_text(source or "")
    if not named:
        raise RuleViolation("funding_source_required", field="source", known=list(SOURCES))
    if len(named) > SOURCE_LIMIT:
        raise RuleViolation("text_too_long", field="source", limit=SOURCE_LIMIT)
    previous = getattr(project, "funding_source", "")
    if revision is None and name_key(named) == name_key(previous):
        raise RuleViolation(
            "no_change", field="source", what=Words("แหล่งงบประมาณ", "the funding source"),
            value=named,
        )  # fmt: skip
    why = ""
    if previous:
        why = require_text(reason, what=Words("การเปลี่ยนแหล่งงบประมาณ", "a change of source"),
                           field="reason")  # fmt: skip
    fields = {"source": named, "previous": previous, "reason": why, "revision": revision}
    trigger(project, FundingSourceSet, by, **fields)  # type: ignore[arg-type]


register_messages(
    {
        "funding_source_required": (
            "ต้องระบุแหล่งงบประมาณ เช่น {known}",
            "name the funding source, e.g. {known}",
        ),
    }
)
