"""Finding activities and projects across plans by code or by words.

Thai is written without spaces between words, so a word boundary cannot be found by
splitting on spaces; every term is instead matched as a part of the text, both
compared under :func:`domain.thai.name_key` (spacing, case and Thai digits do not
count). Terms typed with spaces between them must all match (``ประชาสัมพันธ์ วารสาร``).
A term that is an item's code (``2.1``) matches that item exactly and ranks first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from domain.thai import name_key
from projections.facts import ActivityFacts, PlanFacts, ProjectFacts

RESULTS_SHOWN = 100


@dataclass(frozen=True, slots=True)
class Hit:
    plan: PlanFacts
    kind: str
    """``project`` or ``activity``."""
    code: str
    name: str
    unit: str
    activity_id: UUID | None
    exact_code: bool


def terms_of(query: str) -> list[str]:
    return [key for part in query.split() if (key := name_key(part))]


def search(
    plans: Iterable[tuple[PlanFacts, Iterable[ProjectFacts], Iterable[ActivityFacts]]],
    query: str,
) -> list[Hit]:
    """Every project and activity whose code is a term, or whose code, name, unit and
    area hold every term; exact codes first, then in each plan's order of reading."""
    terms = terms_of(query)
    if not terms:
        return []
    hits: list[Hit] = []
    for plan, projects, activities in plans:
        for p in projects:
            if _matches(terms, p.code, p.name):
                hits.append(Hit(plan, "project", p.code, p.name, "", None, p.code in terms))
        for a in activities:
            if _matches(terms, a.code, a.name, a.unit, a.area):
                hits.append(Hit(plan, "activity", a.code, a.name, a.unit, a.id, a.code in terms))
    hits.sort(key=lambda h: not h.exact_code)
    return hits[:RESULTS_SHOWN]


def _matches(terms: list[str], code: str, *texts: str) -> bool:
    haystack = name_key(" ".join((code, *texts)))
    return all(term in haystack for term in terms)
