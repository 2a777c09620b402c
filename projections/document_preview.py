"""A document as the plan page would show it once imported, read without a store.

The import page previews a document before anyone confirms it: the same grid the plan
page draws (sections, projects, activities, budgets, the months marked), made by
importing the document into nothing (every aggregate is new) and folding the events
that would be appended, exactly as the views fold them after a real import.
"""

from __future__ import annotations

from domain.draft import PlanDraft
from domain.plan_import import plan_import
from domain.recorded import Byline
from projections.fold import Fold
from projections.queries import PlanSnapshot


def document_snapshot(draft: PlanDraft, *, by: Byline) -> PlanSnapshot:
    """The plan ``draft`` describes, as fact sheets (nothing is stored)."""
    batch = plan_import(draft, lambda _: None, by=by, planned=lambda _plan, _section: ())
    fold = Fold()
    events = (event for aggregate in batch.aggregates for event in aggregate.collect_events())
    for position, event in enumerate(events, 1):
        fold.apply(position, event)
    snapshot = PlanSnapshot.from_fold(fold, batch.plan_id)
    assert snapshot is not None, "an import into nothing creates its plan"
    return snapshot
