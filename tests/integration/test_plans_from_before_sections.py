"""A store made before plans had sections keeps loading and showing (issue 15).

Such a store holds each guideline's table as a plan of its own, its events in their
first shapes: ``PlanCreated`` naming one strategy path and an objective, projects and
activities with no section. The store is made here as it was then — the import's ids
as they were, then every stored state rewritten by hand into its version-1 shape — and
opened with today's code.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from api.runtime import Runtime
from application.tracker import Tracker
from domain import ids, plan_import
from domain.draft import PlanDraft
from domain.errors import RuleViolation
from domain.plan_table import read_plan
from storage.store import Store
from tests.example_table import EXAMPLE_TABLE

SEED = read_plan(EXAMPLE_TABLE.read_bytes(), EXAMPLE_TABLE.name)
(SECTION,) = SEED.sections
GUIDELINE_PLAN = ids.guideline_plan_id(SEED.organisation, SEED.fiscal_year, SECTION.path)


def version_1(topic: str, state: dict[str, Any]) -> dict[str, Any]:
    """A stored state as it was written before plans had sections."""
    state.pop("class_version", None)
    if topic == "tidtam.PlanCreated":
        (section,) = state.pop("sections")
        state["strategy"] = section["_data_"]["strategy"]
        state["objective"] = section["_data_"]["objective"]
    elif topic in ("tidtam.ProjectPlanned", "tidtam.ActivityPlanned"):
        state.pop("section")
    return state


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The seed imported with the ids of then, its events rewritten to their first shapes."""
    store = Store.sqlite(tmp_path / "tidtam.db")
    with monkeypatch.context() as then:
        then.setattr(ids, "plan_id", lambda organisation, year, code="": GUIDELINE_PLAN)
        then.setattr(ids, "section_key", lambda path: ids.GUIDELINE_SECTION)
        then.setattr(plan_import, "ids", ids)
        tracker = Tracker(store)
        tracker.import_plan(SEED, actor="admin")
        tracker.close()
    with sqlite3.connect(store.sqlite_path) as conn:
        rows = conn.execute("SELECT rowid, topic, state FROM tracker_events").fetchall()
        for rowid, topic, state in rows:
            old = json.dumps(version_1(topic, json.loads(state)), ensure_ascii=False)
            conn.execute(
                "UPDATE tracker_events SET state = ? WHERE rowid = ?", (old.encode(), rowid)
            )
    return store


def test_a_plan_of_one_guideline_from_before_loads_as_a_plan_of_one_section(store: Store) -> None:
    runtime = Runtime.open(store)
    try:
        runtime.projections.catch_up()
        (plan,) = runtime.reader.plans()
        assert plan.id == GUIDELINE_PLAN
        assert [(s.key, s.path) for s in plan.sections] == [("", SECTION.path)]
        activity = runtime.tracker.find_activity(plan.id, "1.1")
        assert activity.id == ids.activity_id(GUIDELINE_PLAN, "1.1")  # the id it always had
        assert activity.section == ""
        assert len(runtime.reader.snapshot(plan.id).activities) == 5
    finally:
        runtime.close()


def test_its_table_imported_again_is_that_plan_again(store: Store) -> None:
    tracker = Tracker(store)
    try:
        again = tracker.import_plan(SEED, actor="admin")
        assert (again.plan_id, again.unchanged) == (GUIDELINE_PLAN, True)
    finally:
        tracker.close()


def test_a_whole_document_holding_that_guideline_is_refused_not_guessed(store: Store) -> None:
    other = replace(
        SECTION, strategy=(*SECTION.strategy[:-1], replace(SECTION.strategy[-1], code="3.6"))
    )
    document = PlanDraft(SEED.organisation, SEED.fiscal_year, (SECTION, other), "แผนทั้งฉบับ")
    tracker = Tracker(store)
    try:
        with pytest.raises(RuleViolation) as refused:
            tracker.import_plan(document, actor="admin")
        assert refused.value.rule == "plan_split_by_guideline"
        assert SECTION.path in refused.value.message("en")
    finally:
        tracker.close()
