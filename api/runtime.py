"""The objects one process runs on, built once from the environment.

The CLI and the server both start here: the store the environment names, the
tracker (write side), the projections (read side) and the reader over them.
Nothing is built at import time; callers open a runtime and close it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from application.directory import Directory
from application.tracker import Tracker
from domain.clock import Clock, SystemClock
from domain.errors import NotFoundError, RuleViolation
from projections.facts import PlanFacts
from projections.queries import PlanReader
from projections.service import Projections
from storage.file_store import FileStore, files_directory
from storage.store import Store

REPOSITORY = Path(__file__).resolve().parent.parent
EXAMPLES = Path(os.environ.get("TIDTAM_EXAMPLES", REPOSITORY / "examples"))


@dataclass
class Runtime:
    store: Store
    tracker: Tracker
    directory: Directory
    projections: Projections
    reader: PlanReader
    files: FileStore
    """Filed reports' files and evidence files, by digest (``storage.file_store``)."""

    @classmethod
    def open(
        cls,
        store: Store | None = None,
        *,
        clock: Clock | None = None,
        poll_interval: float = 1.0,
        folding: bool = True,
    ) -> Runtime:
        """``folding=False``: the views are read only, folded by ``tidtam projector``."""
        store = store or Store.from_environ()
        clock = clock or SystemClock()
        tracker = Tracker(store, clock=clock)
        directory = Directory(store, clock=clock)
        projections = Projections(
            tracker, directory=directory, poll_interval=poll_interval, folding=folding
        )
        reader = PlanReader(projections.db, tracker)
        files = FileStore(files_directory(store))
        tracker.files = files  # evidence beside the filed reports
        return cls(store, tracker, directory, projections, reader, files)

    def close(self) -> None:
        self.projections.close()
        self.tracker.close()
        self.directory.close()

    def is_empty(self) -> bool:
        return not self.tracker.recorder.max_notification_id()

    def plan(self, selector: str | None = None) -> PlanFacts:
        """The plan a person means: by id, by fiscal year or strategy code, or the only one.

        Without a selector: the only plan, or the one of the latest fiscal year.
        """
        plans = self.reader.plans()
        if not plans:
            raise NotFoundError("plan_not_found", plan="(the store holds no plan yet)")
        if not selector:
            return plans[0]
        wanted = selector.strip()
        try:
            by_id = UUID(wanted)
        except ValueError:
            by_id = None
        matches = [
            p
            for p in plans
            if p.id == by_id
            or str(p.fiscal_year) == wanted
            or wanted in p.strategy_path
            or any(code == wanted for section in p.sections for code, _ in section.strategy)
        ]
        if not matches:
            raise NotFoundError("plan_not_found", plan=selector)
        if len(matches) > 1:
            raise RuleViolation(
                "plan_ambiguous",
                count=len(matches),
                plans=[f"{p.fiscal_year} {p.strategy_path}" for p in matches],
            )
        return matches[0]

    def activity_id(self, plan: PlanFacts, code: str) -> UUID:
        """The id of activity ``code`` in ``plan`` (refuses an unknown code clearly)."""
        return self.tracker.find_activity(plan.id, code).id

    def unit_of(self, activity_id: UUID) -> str:
        """The activity's responsible unit, which decides who may record on it: from the
        view, or from the activity's stream if the view has not folded it yet."""
        try:
            return self.reader.activity(activity_id).unit
        except NotFoundError:
            return self.tracker.get_activity(activity_id).unit
