"""Where a project's money comes from (แหล่งงบประมาณ): the annual budget, accumulated
funds, a specific subsidy, a loan, … The monitoring report sums money per source. A
manager sets it (the plan rarely says); setting it again says why."""

from __future__ import annotations

from typing import Protocol

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
    source: str
    previous: str
    reason: str

    def apply(self, project: HasSource) -> None:
        project.funding_source = self.source


class HasSource(Protocol):
    code: str
    funding_source: str


def set_funding_source(project: HasSource, source: str, *, reason: str | None, by: Byline) -> None:
    """Name where the project's money comes from; a change from one source to another
    needs a reason."""
    named = clean_text(source or "")
    if not named:
        raise RuleViolation("funding_source_required", field="source", known=list(SOURCES))
    if len(named) > SOURCE_LIMIT:
        raise RuleViolation("text_too_long", field="source", limit=SOURCE_LIMIT)
    previous = getattr(project, "funding_source", "")
    if name_key(named) == name_key(previous):
        raise RuleViolation(
            "no_change", field="source", what=Words("แหล่งงบประมาณ", "the funding source"),
            value=named,
        )  # fmt: skip
    why = ""
    if previous:
        why = require_text(reason, what=Words("การเปลี่ยนแหล่งงบประมาณ", "a change of source"),
                           field="reason")  # fmt: skip
    fields = {"source": named, "previous": previous, "reason": why}
    trigger(project, FundingSourceSet, by, **fields)  # type: ignore[arg-type]


register_messages(
    {
        "funding_source_required": (
            "ต้องระบุแหล่งงบประมาณ เช่น {known}",
            "name the funding source, e.g. {known}",
        ),
    }
)
