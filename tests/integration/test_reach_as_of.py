"""Time travel narrows to a principal's organisations on both of its paths: cut from the
live sheets, and folded from the log where the views cannot answer (here: views that
have folded nothing yet, so every event lies between them and the instant)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from application.directory import Directory
from application.tracker import Tracker
from projections.queries import PlanReader
from projections.service import Projections
from storage.store import Store
from tests.example_table import example_draft

BANMAI = "เทศบาลตำบลบ้านใหม่"


def test_plans_as_known_then_are_only_the_reached_organisations_on_either_path(
    store: Store,
) -> None:
    tracker, directory = Tracker(store), Directory(store)
    projections = Projections(tracker, directory=directory)
    try:
        directory.register_organisation("thungsong", name="เทศบาลเมืองทุ่งสง", actor="t")
        directory.register_organisation("banmai", name=BANMAI, actor="t")
        draft = example_draft()
        tracker.import_plan(draft, actor="t", organisation=directory.organisation("thungsong"))
        banmai = replace(draft, organisation=BANMAI)
        tracker.import_plan(banmai, actor="t", organisation=directory.organisation("banmai"))
        later = tracker.clock.now() + timedelta(hours=1)
        reader = PlanReader(projections.db, tracker)

        folded = reader.plans_as_of(later, frozenset({"banmai"}))  # the views hold nothing
        projections.catch_up()
        cut = reader.plans_as_of(later, frozenset({"banmai"}))
        everyone = reader.plans_as_of(later)
    finally:
        projections.close()
        tracker.close()
        directory.close()
    assert [p.organisation_code for p in folded] == ["banmai"]
    assert [p.organisation_code for p in cut] == ["banmai"]
    assert sorted(p.organisation_code for p in everyone) == ["banmai", "thungsong"]
